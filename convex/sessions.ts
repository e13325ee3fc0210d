// The caller's sessions (devices): checking, listing, revoking, and removing expired
// ones. A session's `_id` is the device identity (second half of the token's `sub`).
// Every path that ends a session goes through `endSession`, so a device's carts and
// settings go with it. Users reach only their own sessions here; admins use
// `admin.ts`.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import {
  internalMutation,
  internalQuery,
  query,
  type MutationCtx,
  type QueryCtx,
} from "./_generated/server";
import { appError, ErrorCode } from "./errors";
import { endSession } from "./lib/endSession";
import { sessionMutation, sessionQuery } from "./lib/functions";
import { loadSession } from "./lib/session";
import { deviceTypeValidator } from "./schema";
import { LABEL_MAX } from "./settings";

/** Sessions removed per cleanup run; bounded so one run stays well inside limits. */
const CLEANUP_BATCH = 100;

/** Used by `sessionAction`: actions have no database, so they ask a query. */
export const checkCaller = internalQuery({
  args: {},
  handler: async (ctx) => loadSession(ctx),
});

/**
 * The caller's own session state, for the live revocation watch. A plain query so it
 * never throws: an open page subscribes and leaves the signed-in area when this
 * becomes `signedOut` (session deleted, expired, or the token names someone else's).
 *
 * Queries re-run when the data they read changes, not when the clock passes
 * `expires`; deletion (revocation or the expiry cron) is what flips it live. The
 * client may compare `expires` with its own clock for an earlier local notice.
 */
export const current = query({
  args: {},
  returns: v.union(
    v.object({
      status: v.literal("active"),
      sessionId: v.id("sessions"),
      expires: v.number(),
    }),
    v.object({ status: v.literal("signedOut") }),
  ),
  handler: async (ctx) => {
    const checked = await loadSession(ctx);
    if (checked === null) return { status: "signedOut" as const };
    return {
      status: "active" as const,
      sessionId: checked.sessionId,
      expires: checked.session.expires,
    };
  },
});

/** One device as the devices page shows it. Never includes the session token. */
export const deviceValidator = v.object({
  sessionId: v.id("sessions"),
  /** The name the user gave this device (`settings.setLabel`), or null. */
  label: v.union(v.string(), v.null()),
  browser: v.union(v.string(), v.null()),
  os: v.union(v.string(), v.null()),
  deviceType: v.union(deviceTypeValidator, v.null()),
  ip: v.union(v.string(), v.null()),
  /** Sign-in time (ms): the session's `_creationTime`. */
  createdAt: v.number(),
  /** Last activity (ms); falls back to `createdAt` for sessions never refreshed. */
  lastSeenAt: v.number(),
  expires: v.number(),
  isCurrent: v.boolean(),
});

async function labelOf(
  ctx: Pick<QueryCtx, "db">,
  sessionId: Id<"sessions">,
): Promise<string | null> {
  const settings = await ctx.db
    .query("deviceSettings")
    .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
    .first();
  return settings?.label ?? null;
}

/** Every live session of the caller: this device first, then by last activity. */
export const listMine = sessionQuery({
  args: {},
  returns: v.array(deviceValidator),
  handler: async (ctx) => {
    const now = Date.now();
    const sessions = await ctx.db
      .query("sessions")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.userId))
      .collect();
    const devices = await Promise.all(
      sessions
        .filter((s) => s.expires > now)
        .map(async (s) => ({
          sessionId: s._id,
          label: await labelOf(ctx, s._id),
          browser: s.browser ?? null,
          os: s.os ?? null,
          deviceType: s.deviceType ?? null,
          ip: s.ip ?? null,
          createdAt: s._creationTime,
          lastSeenAt: s.lastSeenAt ?? s._creationTime,
          expires: s.expires,
          isCurrent: s._id === ctx.sessionId,
        })),
    );
    return devices.sort((a, b) => {
      if (a.isCurrent !== b.isCurrent) return a.isCurrent ? -1 : 1;
      return b.lastSeenAt - a.lastSeenAt;
    });
  },
});

/** The caller's sessions, read once for the revoke-many mutations. */
async function sessionsOf(
  ctx: Pick<MutationCtx, "db">,
  userId: Id<"users">,
): Promise<Doc<"sessions">[]> {
  return ctx.db
    .query("sessions")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .collect();
}

/**
 * End one of the caller's sessions. Revoking the current one is signing out here.
 * An unknown id and another user's session get the same NOT_FOUND, so the answer
 * does not reveal whether someone else's session exists.
 */
export const revoke = sessionMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, { sessionId }) => {
    const target = await ctx.db.get(sessionId);
    if (target === null || target.userId !== ctx.userId) {
      throw appError(ErrorCode.NOT_FOUND, "That device is not signed in.");
    }
    await endSession(ctx, sessionId);
    return null;
  },
});

/**
 * Name one of the caller's devices (this one or another), e.g. "Work laptop"; "" or
 * null removes the name. The label lives in that device's settings row, which is
 * created if the device has none yet (with default theme). Another user's session and
 * an unknown id get the same NOT_FOUND as `revoke`.
 */
export const rename = sessionMutation({
  args: { sessionId: v.id("sessions"), label: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { sessionId, label }) => {
    const target = await ctx.db.get(sessionId);
    if (target === null || target.userId !== ctx.userId) {
      throw appError(ErrorCode.NOT_FOUND, "That device is not signed in.");
    }
    // Same normalisation as settings.setLabel, so both paths store the same name.
    const name = label?.trim().replace(/\s+/g, " ") ?? "";
    if (name.length > LABEL_MAX) {
      throw appError(
        ErrorCode.INVALID_INPUT,
        "Please fix the highlighted fields.",
        { label: `Keep the device name to ${LABEL_MAX} characters or fewer.` },
      );
    }
    const row = await ctx.db
      .query("deviceSettings")
      .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
      .first();
    if (row !== null) {
      // `undefined` in a patch removes the field: that is how a name is cleared.
      await ctx.db.patch(row._id, { label: name === "" ? undefined : name });
    } else if (name !== "") {
      await ctx.db.insert("deviceSettings", {
        sessionId,
        userId: ctx.userId,
        theme: "system",
        label: name,
      });
    }
    return null;
  },
});

/**
 * "Sign out all other devices": ends every session of the caller but this one.
 * Expired leftovers go too, but the count is of live devices only, so it matches
 * what the devices page showed ("Signed out 2 other devices").
 */
export const revokeOthers = sessionMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const now = Date.now();
    let count = 0;
    for (const s of await sessionsOf(ctx, ctx.userId)) {
      if (s._id === ctx.sessionId) continue;
      await endSession(ctx, s._id);
      if (s.expires > now) count++;
    }
    return count;
  },
});

/** "Sign out everywhere": every session of the caller, this one included (counted). */
export const revokeAll = sessionMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const now = Date.now();
    let count = 0;
    for (const s of await sessionsOf(ctx, ctx.userId)) {
      await endSession(ctx, s._id);
      if (s.expires > now) count++;
    }
    return count;
  },
});

/**
 * Remove expired sessions with their device data (run by the hourly cron). Works in
 * bounded batches and schedules itself again while a full batch was found, so a
 * backlog drains without one oversized transaction.
 */
export const cleanupExpired = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const expired = await ctx.db
      .query("sessions")
      .withIndex("by_expires", (q) => q.lte("expires", Date.now()))
      .take(CLEANUP_BATCH);
    for (const s of expired) await endSession(ctx, s._id);
    if (expired.length === CLEANUP_BATCH) {
      await ctx.scheduler.runAfter(0, internal.sessions.cleanupExpired, {});
    }
    return expired.length;
  },
});

/**
 * Remove expired e-mail sign-in tokens that were never used (Auth.js deletes used
 * ones). The table has no `expires` index and holds only short-lived rows, so a
 * filtered scan is enough; batches and rescheduling as above.
 */
export const cleanupExpiredVerificationTokens = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const now = Date.now();
    const expired = await ctx.db
      .query("verificationTokens")
      .withIndex("by_expires", (q) => q.lte("expires", now))
      .take(CLEANUP_BATCH);
    for (const row of expired) await ctx.db.delete(row._id);
    if (expired.length === CLEANUP_BATCH) {
      await ctx.scheduler.runAfter(
        0,
        internal.sessions.cleanupExpiredVerificationTokens,
        {},
      );
    }
    return expired.length;
  },
});
