// Passkeys: the Security page's list and removal (the signed-in user's own passkeys only),
// and the single-use challenges behind Auth.js's passkey routes, which the Next.js server
// records and redeems with the adapter secret (`server/passkeys.ts`). Adding a passkey and
// signing in with one are Auth.js's flows; the rules they meet are in lib/passkeys.ts.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { appError, ErrorCode } from "./errors";
import { adapterMutation, sessionMutation, sessionQuery } from "./lib/functions";
import { consumeChallenge, issueChallenge, passkeysOfUser, removePasskey } from "./lib/passkeys";
import { passkeyPurposeValidator } from "./schema";

/** Expired challenges removed per cleanup run. */
const CLEANUP_BATCH = 100;

export const passkeyRowValidator = v.object({
  id: v.id("authenticators"),
  /** The name given when it was added, or null. */
  name: v.union(v.string(), v.null()),
  createdAt: v.number(),
  /** Last sign-in with it (ms), or null when never used. */
  lastUsedAt: v.union(v.number(), v.null()),
});

/** The caller's passkeys (newest first) and when this session signed in. */
export const listMine = sessionQuery({
  args: {},
  returns: v.object({
    passkeys: v.array(passkeyRowValidator),
    /** This session's sign-in time: adding a passkey needs it to be recent. */
    signedInAt: v.number(),
  }),
  handler: async (ctx) => {
    const rows = await passkeysOfUser(ctx, ctx.userId);
    return {
      passkeys: rows.map((row) => ({
        id: row._id,
        name: row.name ?? null,
        createdAt: row._creationTime,
        lastUsedAt: row.lastUsedAt ?? null,
      })),
      signedInAt: ctx.session._creationTime,
    };
  },
});

/**
 * Remove one of the caller's passkeys: it signs no one in afterwards. An unknown id and
 * another user's passkey get the same NOT_FOUND, and nothing changes.
 */
export const remove = sessionMutation({
  args: { passkeyId: v.string() },
  returns: v.null(),
  handler: async (ctx, { passkeyId }) => {
    const id = ctx.db.normalizeId("authenticators", passkeyId);
    const passkey = id === null ? null : await ctx.db.get(id);
    if (passkey === null || passkey.userId !== ctx.userId) {
      throw appError(ErrorCode.NOT_FOUND, "That passkey is not on your account.");
    }
    await removePasskey(ctx, passkey);
    return null;
  },
});

/**
 * A challenge Auth.js is handing to a browser. For "register", `sessionId` is the session
 * adding the passkey (refused unless it signed in within the last 10 minutes) and `name`
 * the name it chose.
 */
export const issueChallengeFor = adapterMutation({
  args: {
    challenge: v.string(),
    purpose: passkeyPurposeValidator,
    sessionId: v.optional(v.string()),
    name: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, challenge) => {
    await issueChallenge(ctx, challenge);
    return null;
  },
});

/** Redeem a challenge once, before its answer is verified; refusals name the reason. */
export const redeemChallenge = adapterMutation({
  args: { challenge: v.string(), purpose: passkeyPurposeValidator },
  returns: v.object({
    userId: v.union(v.id("users"), v.null()),
    name: v.union(v.string(), v.null()),
  }),
  handler: async (ctx, { challenge, purpose }) => consumeChallenge(ctx, challenge, purpose),
});

/** Remove challenges nobody answered in time (hourly cron), in bounded batches. */
export const cleanupExpiredChallenges = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const expired = await ctx.db
      .query("passkeyChallenges")
      .withIndex("by_expiresAt", (q) => q.lte("expiresAt", Date.now()))
      .take(CLEANUP_BATCH);
    for (const row of expired) await ctx.db.delete(row._id);
    if (expired.length === CLEANUP_BATCH) {
      await ctx.scheduler.runAfter(0, internal.passkeys.cleanupExpiredChallenges, {});
    }
    return expired.length;
  },
});
