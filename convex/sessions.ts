// The caller's sessions (devices): the live sign-out watch, listing, renaming, revoking,
// and removing expired ones. A session's `_id` is the device identity (second half of the
// token's `sub`). Every path that ends a session goes through `endSession`, so a device's
// carts and settings go with it. Users reach only their own sessions here; admins use
// `admin.ts`.
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
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
import { checkedPage } from "./lib/pagination";
import {
  continueSignOut as continueSignOutBatch,
  endSession,
  endSessionsOfUser,
  evictBeyondCap as evictBeyondCapBatch,
  isLive,
  loadSession,
  sessionOfUser,
} from "./lib/sessions";

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

/**
 * The caller's live sessions, a page at a time: this device first (on the first page),
 * then the others by last activity, most recent first. A page may hold fewer rows than
 * asked for (expired sessions waiting for the cleanup are left out).
 */
export const listMine = sessionQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(v.object(deviceRowFields)),
  handler: async (ctx, { paginationOpts }) => {
    const now = Date.now();
    const page = await ctx.db
      .query("sessions")
      .withIndex("by_userId_lastSeenAt", (q) => q.eq("userId", ctx.userId))
      .order("desc")
      .paginate(checkedPage(paginationOpts));
    const others = page.page.filter((s) => s._id !== ctx.sessionId && isLive(s, now));
    const rows = paginationOpts.cursor === null ? [ctx.session, ...others] : others;
    return { ...page, page: await Promise.all(rows.map((s) => toDevice(ctx, s, ctx.sessionId))) };
  },
});

/** Live sessions `overview` counts; beyond it the devices page says "more than". */
const OVERVIEW_COUNT_MAX = 1000;

/**
 * What the devices page needs beside the list: how many devices are signed in (this one
 * included; `more` when over OVERVIEW_COUNT_MAX), and a "sign out everywhere" or "all
 * other devices" still running for the account: how many sessions it started with (null
 * when too many to count) and how many are gone.
 */
export const overview = sessionQuery({
  args: {},
  returns: v.object({
    devices: v.number(),
    more: v.boolean(),
    signingOut: v.union(
      v.null(),
      v.object({ total: v.union(v.number(), v.null()), ended: v.number() }),
    ),
  }),
  handler: async (ctx) => {
    const now = Date.now();
    const rows = await ctx.db
      .query("sessions")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.userId))
      .take(OVERVIEW_COUNT_MAX + 1);
    const job = await ctx.db
      .query("signOutJobs")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.userId))
      .order("desc")
      .first();
    return {
      devices: rows.slice(0, OVERVIEW_COUNT_MAX).filter((s) => isLive(s, now)).length,
      more: rows.length > OVERVIEW_COUNT_MAX,
      signingOut: job === null ? null : { total: job.total, ended: job.ended },
    };
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

const signOutResult = v.object({
  /** Live devices signed out (or being signed out); null when too many to count. */
  devices: v.union(v.number(), v.null()),
  /** False while the rest are ended in scheduled batches (`signOutProgress`). */
  done: v.boolean(),
});

/**
 * End the caller's sessions, all of them or all but this one. The first batch (with the
 * caller's own session, when it goes too) ends in this transaction, the rest within
 * seconds in scheduled batches. Expired leftovers go too, but the count is of live
 * devices only, so it matches what the devices page showed ("Signed out 2 other devices").
 */
async function endOwnSessions(
  ctx: MutationCtx & { userId: Id<"users">; sessionId: Id<"sessions"> },
  keepThisOne: boolean,
) {
  const result = await endSessionsOfUser(
    ctx,
    ctx.userId,
    keepThisOne ? { keep: ctx.sessionId } : { first: ctx.sessionId },
  );
  const count = result.devices;
  await recordAudit(ctx, {
    action: keepThisOne ? "session.signOutOthers" : "session.signOutEverywhere",
    actor: ctx,
    targetUserId: ctx.userId,
    targetDescription:
      count === null ? "too many devices to count" : `${count} ${count === 1 ? "device" : "devices"}`,
  });
  return result;
}

/** "Sign out all other devices": every session of the caller but this one. */
export const revokeOthers = sessionMutation({
  args: {},
  returns: signOutResult,
  handler: async (ctx) => endOwnSessions(ctx, true),
});

/** "Sign out everywhere": every session of the caller, this one first (counted). */
export const revokeAll = sessionMutation({
  args: {},
  returns: signOutResult,
  handler: async (ctx) => endOwnSessions(ctx, false),
});

/** The next batch of a sign-out started by `endSessionsOfUser`. */
export const continueSignOut = internalMutation({
  args: { jobId: v.id("signOutJobs") },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    await continueSignOutBatch(ctx, jobId);
    return null;
  },
});

/** The next batch of evictions after a sign-in found far more sessions than the cap. */
export const evictBeyondCap = internalMutation({
  args: { userId: v.id("users"), causeSessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, { userId, causeSessionId }) => {
    await evictBeyondCapBatch(ctx, userId, causeSessionId);
    return null;
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
