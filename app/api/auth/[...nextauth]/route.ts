// Auth.js's HTTP endpoints (sign-in, callbacks, session, sign-out, CSRF, passkey options).
// Each request runs in its own context (server/auth-request.ts): how a new session signed
// in, and why a passkey step was refused, in words the passkey client can show.
import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { handleAuthRequest } from "@/server/auth-request";

export function GET(request: NextRequest): Promise<Response> {
  return handleAuthRequest(request, handlers.GET);
}

export function POST(request: NextRequest): Promise<Response> {
  return handleAuthRequest(request, handlers.POST);
}
