// Sessions (devices): who is calling and from which device, whether a session is a live
// one of a user, and ending sessions. The Convex token's `sub` is `userId;sessionId`
// (`shared/subject.ts`). Unlike the seed guide, a valid signature is not enough: the
// session row must still exist, be unexpired and belong to that user, so a revoked device
// loses access at once though its token has not expired yet.
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { SESSIONS_PER_USER_DEFAULT } from "../shared/limits";
import { parseSubject } from "../shared/subject";
import { recordAudit } from "./audit";
import { deviceNameOf } from "./devices";

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
  if (session === null) return null;
  // A deleted user's sessions are ended in batches after the user row is gone; none of
  // them may act meanwhile.
  if ((await ctx.db.get(subject.userId)) === null) return null;
  return { ...subject, session };
}

/**
 * How many sessions one user may hold: env `MAX_SESSIONS_PER_USER` on the Convex
 * deployment (a whole number from 1), else SESSIONS_PER_USER_DEFAULT.
 */
export function sessionCap(): number {
  const raw = Number(process.env.MAX_SESSIONS_PER_USER);
  return Number.isInteger(raw) && raw >= 1 ? raw : SESSIONS_PER_USER_DEFAULT;
}

/** Sessions ended in one transaction by a batched sign-out or eviction. */
export const SESSION_BATCH = 200;

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

// Bounded growth. A user holds at most `sessionCap()` sessions, and ending many sessions
// (sign out everywhere, a deleted user, a lowered cap) goes SESSION_BATCH per transaction
// through the scheduler, so no transaction comes near Convex's limits (16 000 documents
// written, 32 000 read, 4 096 index ranges) however many sessions there are.

/**
 * Keep a user within the cap after a sign-in: the least recently used sessions beyond it
 * end through `endSession` (those devices see the usual live sign-out), each with a
 * `session.evicted` audit entry naming the new session as the cause. Returns how many
 * ended here; a longer tail (after the cap was lowered) continues in scheduled batches.
 */
export async function evictBeyondCap(
  ctx: MutationCtx,
  userId: Id<"users">,
  causeSessionId: Id<"sessions">,
): Promise<number> {
  const cap = sessionCap();
  const newestFirst = await ctx.db
    .query("sessions")
    .withIndex("by_userId_lastSeenAt", (q) => q.eq("userId", userId))
    .order("desc")
    .take(cap + SESSION_BATCH);
  const beyond = newestFirst.slice(cap).filter((s) => s._id !== causeSessionId);
  for (const session of beyond) {
    await recordAudit(ctx, {
      action: "session.evicted",
      actor: { userId, sessionId: causeSessionId },
      targetUserId: userId,
      targetSessionId: session._id,
      targetDescription: `${await deviceNameOf(ctx, session)}: over the limit of ${cap} signed-in devices`,
    });
    await endSession(ctx, session._id);
  }
  if (newestFirst.length === cap + SESSION_BATCH) {
    await ctx.scheduler.runAfter(0, internal.sessions.evictBeyondCap, { userId, causeSessionId });
  }
  return beyond.length;
}

/** Sessions counted up front for the progress line; more than this shows no total. */
const SIGN_OUT_COUNT_MAX = 15_000;

/**
 * End a user's sessions (all, or all but `keep`). `first` (the caller's own session, for
 * sign out everywhere) and the first SESSION_BATCH go in this transaction; the rest
 * follow in scheduled batches tracked by a `signOutJobs` row. Returns how many live
 * devices that is (null when too many to count) and whether all are gone already.
 */
export async function endSessionsOfUser(
  ctx: MutationCtx,
  userId: Id<"users">,
  options: { keep?: Id<"sessions">; first?: Id<"sessions"> } = {},
): Promise<{ devices: number | null; done: boolean }> {
  const now = Date.now();
  const rows = await ctx.db
    .query("sessions")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(SIGN_OUT_COUNT_MAX + 1);
  const counted = rows.length <= SIGN_OUT_COUNT_MAX;
  const targets = rows.filter((s) => s._id !== options.keep);
  if (options.first !== undefined) {
    const own = targets.findIndex((s) => s._id === options.first);
    if (own > 0) targets.unshift(...targets.splice(own, 1));
  }
  const devices = counted ? targets.filter((s) => isLive(s, now)).length : null;
  const firstBatch = targets.slice(0, SESSION_BATCH);
  for (const session of firstBatch) await endSession(ctx, session._id);
  if (targets.length <= SESSION_BATCH && counted) return { devices, done: true };
  const jobId = await ctx.db.insert("signOutJobs", {
    userId,
    ...(options.keep !== undefined ? { keepSessionId: options.keep } : {}),
    // Sessions that exist now; one signed in while this runs stays.
    before: rows.reduce((latest, s) => Math.max(latest, s._creationTime), now),
    total: counted ? targets.length : null,
    ended: firstBatch.length,
  });
  await ctx.scheduler.runAfter(0, internal.sessions.continueSignOut, { jobId });
  return { devices, done: false };
}

/** One scheduled batch of a sign-out job; schedules the next while sessions remain. */
export async function continueSignOut(ctx: MutationCtx, jobId: Id<"signOutJobs">): Promise<void> {
  const job = await ctx.db.get(jobId);
  if (job === null) return;
  const rows = await ctx.db
    .query("sessions")
    .withIndex("by_userId", (q) => q.eq("userId", job.userId).lte("_creationTime", job.before))
    .take(SESSION_BATCH + 1);
  const batch = rows.filter((s) => s._id !== job.keepSessionId).slice(0, SESSION_BATCH);
  for (const session of batch) await endSession(ctx, session._id);
  if (batch.length < SESSION_BATCH) {
    await ctx.db.delete(jobId);
    return;
  }
  await ctx.db.patch(jobId, { ended: job.ended + batch.length });
  await ctx.scheduler.runAfter(0, internal.sessions.continueSignOut, { jobId });
}
