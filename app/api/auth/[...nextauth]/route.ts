// Auth.js's HTTP endpoints (sign-in, callbacks, session, sign-out, CSRF).
import { handlers } from "@/auth";

export const { GET, POST } = handlers;
