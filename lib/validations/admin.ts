// Input rules for the admin console: the optional reason for revoking a session.
// Convex checks the same limit again (convex/admin.ts `revokeSession`).
import { REVOKE_REASON_MAX } from "@/convex/shared/limits";
import { visibleText, z } from "./zod";

export const revokeReasonSchema = visibleText(
  z
    .string()
    .trim()
    .max(REVOKE_REASON_MAX, { error: `Keep the reason under ${REVOKE_REASON_MAX} characters.` }),
  { multiline: true },
);
