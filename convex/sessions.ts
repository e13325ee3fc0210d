// The caller's sessions (devices): the live sign-out watch, listing, renaming, revoking,
// and removing expired ones. A session's `_id` is the device identity (second half of the
// token's `sub`). Every path that ends a session goes through `endSession`, so a device's
// carts and settings go with it. Users reach only their own sessions here; admins use
// `admin.ts`.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalMutation, query, type MutationCtx } from "./_generated/server";
import { appError, ErrorCode } from "./errors";
import { recordAudit } from "./lib/audit";
import {
  checkDeviceLabel,
  deviceNameOf,
  deviceRowFields,
  saveDeviceSettings,
  toDevice,
} from "./lib/devices";
import { sessionMutation, sessionQuery } from "./lib/functions";
import { consume } from "./lib/rateLimits";
import { endSession, isLive, loadSession, sessionOfUser, sessionsOfUser } from "./lib/sessions";

/** Sessions removed per cleanup run; bounded so one run stays well inside limits. */
const CLEANUP_BATCH = 100;

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

/** Every live session of the caller: this device first, then by last activity. */
export const listMine = sessionQuery({
  args: {},
  returns: v.array(v.object(deviceRowFields)),
  handler: async (ctx) => {
    const now = Date.now();
    const sessions = await sessionsOfUser(ctx, ctx.userId);
    const devices = await Promise.all(
      sessions.filter((s) => isLive(s, now)).map((s) => toDevice(ctx, s, ctx.sessionId)),
    );
    return devices.sort((a, b) => {
      if (a.isCurrent !== b.isCurrent) return a.isCurrent ? -1 : 1;
      return b.lastSeenAt - a.lastSeenAt;
    });
  },
});

/**
 * One of the caller's sessions, or NOT_FOUND. An unknown id and another user's session
 * get the same answer, so it does not reveal whether someone else's session exists.
 */
async function requireOwnSession(
  ctx: Pick<MutationCtx, "db"> & { userId: Id<"users"> },
  sessionId: Id<"sessions">,
) {
  const target = await sessionOfUser(ctx, ctx.userId, sessionId);
  if (target === null) {
    throw appError(ErrorCode.NOT_FOUND, "That device is not signed in.");
  }
  return target;
}

/** End one of the caller's sessions. Revoking the current one is signing out here. */
export const revoke = sessionMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, { sessionId }) => {
    const target = await requireOwnSession(ctx, sessionId);
    await recordAudit(ctx, {
      action: "session.signOutDevice",
      actor: ctx,
      targetUserId: ctx.userId,
      targetSessionId: sessionId,
      targetDescription: await deviceNameOf(ctx, target),
    });
    await endSession(ctx, sessionId);
    return null;
  },
});

/**
 * Name one of the caller's devices (this one or another), e.g. "Work laptop"; "" or
 * null removes the name. The label lives in that device's settings row. Another user's
 * session and an unknown id get the same NOT_FOUND as `revoke`.
 */
export const rename = sessionMutation({
  args: { sessionId: v.id("sessions"), label: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { sessionId, label }) => {
    await requireOwnSession(ctx, sessionId);
    const checked = checkDeviceLabel(label);
    if ("error" in checked) {
      throw appError(ErrorCode.INVALID_INPUT, "Please fix the highlighted fields.", {
        label: checked.error,
      });
    }
    await consume(ctx, "settingsPerUser", ctx.userId);
    await saveDeviceSettings(ctx, { userId: ctx.userId, sessionId }, { label: checked.label });
    return null;
  },
});

/**
 * End the caller's sessions, all of them or all but this one. Expired leftovers go too,
 * but the count is of live devices only, so it matches what the devices page showed
 * ("Signed out 2 other devices").
 */
async function endOwnSessions(
  ctx: MutationCtx & { userId: Id<"users">; sessionId: Id<"sessions"> },
  keepThisOne: boolean,
): Promise<number> {
  const now = Date.now();
  let count = 0;
  for (const s of await sessionsOfUser(ctx, ctx.userId)) {
    if (keepThisOne && s._id === ctx.sessionId) continue;
    await endSession(ctx, s._id);
    if (isLive(s, now)) count++;
  }
  await recordAudit(ctx, {
    action: keepThisOne ? "session.signOutOthers" : "session.signOutEverywhere",
    actor: ctx,
    targetUserId: ctx.userId,
    targetDescription: `${count} ${count === 1 ? "device" : "devices"}`,
  });
  return count;
}

/** "Sign out all other devices": every session of the caller but this one. */
export const revokeOthers = sessionMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => endOwnSessions(ctx, true),
});

/** "Sign out everywhere": every session of the caller, this one included (counted). */
export const revokeAll = sessionMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => endOwnSessions(ctx, false),
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
 * ones), in bounded batches through the `by_expires` index, rescheduling as above.
 */
export const cleanupExpiredVerificationTokens = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const expired = await ctx.db
      .query("verificationTokens")
      .withIndex("by_expires", (q) => q.lte("expires", Date.now()))
      .take(CLEANUP_BATCH);
    for (const row of expired) await ctx.db.delete(row._id);
    if (expired.length === CLEANUP_BATCH) {
      await ctx.scheduler.runAfter(0, internal.sessions.cleanupExpiredVerificationTokens, {});
    }
    return expired.length;
  },
});
