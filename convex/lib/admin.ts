// Who is an admin, and function builders for the admin console. Admins are the
// e-mail addresses in the `ADMIN_EMAILS` env variable (comma-separated,
// case-insensitive). The check runs on every call against the caller's user row, so
// removing an address from the variable takes effect at once. The adapter secret
// plays no part: only a signed-in admin session reaches these functions.
import {
  customCtx,
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import type { Doc } from "../_generated/dataModel";
import { mutation, query, type QueryCtx } from "../_generated/server";
import { appError, ErrorCode } from "../errors";
import { loadSession, type CheckedSession } from "./session";

/** The configured admin addresses, lower-cased; empty when the variable is unset. */
export function adminEmails(): Set<string> {
  return new Set(
    (process.env.ADMIN_EMAILS ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e.length > 0),
  );
}

export function isAdminEmail(email: string | null | undefined): boolean {
  if (!email) return false;
  return adminEmails().has(email.trim().toLowerCase());
}

export type AdminCtx = CheckedSession & { user: Doc<"users"> };

/**
 * The checked session plus the caller's user row, or an error: UNAUTHENTICATED as in
 * `sessionQuery`, FORBIDDEN for a signed-in non-admin.
 */
export async function requireAdmin(
  ctx: Pick<QueryCtx, "auth" | "db">,
): Promise<AdminCtx> {
  const checked = await loadSession(ctx);
  if (checked === null) {
    throw appError(
      ErrorCode.UNAUTHENTICATED,
      "You are signed out on this device. Sign in again to continue.",
    );
  }
  const user = await ctx.db.get(checked.userId);
  if (user === null || !isAdminEmail(user.email)) {
    throw appError(ErrorCode.FORBIDDEN, "Only admins can do this.");
  }
  return { ...checked, user };
}

// Built on `query`/`mutation` with the same session check as `sessionQuery`
// (convex-helpers builders do not stack), then the admin check.
export const adminQuery = customQuery(
  query,
  customCtx(async (ctx) => requireAdmin(ctx)),
);

export const adminMutation = customMutation(
  mutation,
  customCtx(async (ctx) => requireAdmin(ctx)),
);
