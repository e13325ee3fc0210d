// Who is calling, and from which device. The Convex token's `sub` is
// `userId;sessionId` (see `lib/convex-token.ts` on the Next.js side). Unlike the seed
// guide, a valid signature is not enough: the session document must still exist, be
// unexpired and belong to that user, so a revoked device loses access at once even
// though its token has not expired yet.
import type { Auth } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

export type SessionSubject = { userId: Id<"users">; sessionId: Id<"sessions"> };

/** Split a token subject into its two ids, or null when it is not `userId;sessionId`. */
export function parseSubject(
  ctx: { db: QueryCtx["db"] },
  subject: string,
): SessionSubject | null {
  const parts = subject.split(";");
  if (parts.length !== 2) return null;
  const userId = ctx.db.normalizeId("users", parts[0]);
  const sessionId = ctx.db.normalizeId("sessions", parts[1]);
  if (userId === null || sessionId === null) return null;
  return { userId, sessionId };
}

/** The user id the token claims (unchecked against the database). */
export async function getUserId(ctx: { auth: Auth }): Promise<Id<"users"> | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  const [userId, sessionId, ...rest] = identity.subject.split(";");
  if (!userId || !sessionId || rest.length > 0) return null;
  return userId as Id<"users">;
}

/** The session id the token claims (unchecked against the database). */
export async function getSessionId(
  ctx: { auth: Auth },
): Promise<Id<"sessions"> | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  const [userId, sessionId, ...rest] = identity.subject.split(";");
  if (!userId || !sessionId || rest.length > 0) return null;
  return sessionId as Id<"sessions">;
}

export type CheckedSession = SessionSubject & { session: Doc<"sessions"> };

/**
 * The caller's live session, or null when the caller is signed out, the token's
 * subject is malformed, or the session is missing, expired or another user's.
 */
export async function loadSession(
  ctx: Pick<QueryCtx, "auth" | "db">,
): Promise<CheckedSession | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  const subject = parseSubject(ctx, identity.subject);
  if (subject === null) return null;
  const session = await ctx.db.get(subject.sessionId);
  if (session === null) return null;
  if (session.userId !== subject.userId) return null;
  if (session.expires <= Date.now()) return null;
  return { ...subject, session };
}
