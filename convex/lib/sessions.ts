// Sessions (devices): who is calling and from which device, whether a session is a live
// one of a user, and ending sessions. The Convex token's `sub` is `userId;sessionId`
// (`shared/subject.ts`). Unlike the seed guide, a valid signature is not enough: the
// session row must still exist, be unexpired and belong to that user, so a revoked device
// loses access at once though its token has not expired yet.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { parseSubject } from "../shared/subject";

type Reader = Pick<QueryCtx, "db">;

export type SessionSubject = { userId: Id<"users">; sessionId: Id<"sessions"> };
export type CheckedSession = SessionSubject & { session: Doc<"sessions"> };

/** The two ids of a token subject, or null when it is malformed or names no valid ids. */
export function subjectIds(ctx: Reader, subject: string): SessionSubject | null {
  const parts = parseSubject(subject);
  if (parts === null) return null;
  const userId = ctx.db.normalizeId("users", parts.userId);
  const sessionId = ctx.db.normalizeId("sessions", parts.sessionId);
  if (userId === null || sessionId === null) return null;
  return { userId, sessionId };
}

/** The session if it belongs to this user (live or expired), else null. */
export async function sessionOfUser(
  ctx: Reader,
  userId: Id<"users">,
  sessionId: Id<"sessions">,
): Promise<Doc<"sessions"> | null> {
  const session = await ctx.db.get(sessionId);
  return session !== null && session.userId === userId ? session : null;
}

export function isLive(session: Doc<"sessions">, now = Date.now()): boolean {
  return session.expires > now;
}

/** The session if it belongs to this user and has not expired, else null. */
export async function liveSessionOfUser(
  ctx: Reader,
  userId: Id<"users">,
  sessionId: Id<"sessions">,
): Promise<Doc<"sessions"> | null> {
  const session = await sessionOfUser(ctx, userId, sessionId);
  return session !== null && isLive(session) ? session : null;
}

/**
 * The caller's live session, or null when the caller is signed out, the token's
 * subject is malformed, or the session is missing, expired or another user's.
 */
export async function loadSession(
  ctx: Pick<QueryCtx, "auth" | "db">,
): Promise<CheckedSession | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  const subject = subjectIds(ctx, identity.subject);
  if (subject === null) return null;
  const session = await liveSessionOfUser(ctx, subject.userId, subject.sessionId);
  return session === null ? null : { ...subject, session };
}

/** Every session row of a user (live and expired). */
export function sessionsOfUser(ctx: Reader, userId: Id<"users">) {
  return ctx.db
    .query("sessions")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .collect();
}

// Ending a session removes what belongs to that device (carts, settings) in the same
// transaction; orders stay. Every path that ends a session (sign-out, revocation,
// expiry, user deletion) goes through here.

async function deleteDeviceData(ctx: MutationCtx, sessionId: Id<"sessions">): Promise<void> {
  const items = await ctx.db
    .query("cartItems")
    .withIndex("by_sessionId_storeId_productId", (q) => q.eq("sessionId", sessionId))
    .collect();
  for (const item of items) await ctx.db.delete(item._id);
  const settings = await ctx.db
    .query("deviceSettings")
    .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
    .collect();
  for (const row of settings) await ctx.db.delete(row._id);
}

/** Delete a session and its device data. Returns false when it was already gone. */
export async function endSession(ctx: MutationCtx, sessionId: Id<"sessions">): Promise<boolean> {
  const session = await ctx.db.get(sessionId);
  await deleteDeviceData(ctx, sessionId);
  if (session === null) return false;
  await ctx.db.delete(sessionId);
  return true;
}
