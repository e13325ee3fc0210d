// Passkeys (WebAuthn credentials, Auth.js's `authenticators` with the account each one is
// linked through): the rules several modules share. Challenges are single use and short
// lived; a signature counter never goes back; a credential belongs to one user; adding one
// needs a recent sign-in; removing one removes its account link too, so it signs in no more.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError, ErrorCode } from "../errors";
import { normalizeDeviceLabel } from "../shared/devices";
import {
  PASSKEY_ADD_SIGN_IN_MAX_AGE_MS,
  PASSKEY_CHALLENGE_TTL_MS,
  PASSKEY_NAME_MAX,
} from "../shared/limits";
import { PASSKEY_REFUSALS, type PasskeyRefusal } from "../shared/passkeys";
import { isLive } from "./sessions";

type Reader = Pick<QueryCtx, "db">;
type Writer = Pick<MutationCtx, "db">;

export type PasskeyPurpose = Doc<"passkeyChallenges">["purpose"];

export function passkeyRefused(code: PasskeyRefusal) {
  return appError(ErrorCode[code], PASSKEY_REFUSALS[code]);
}

/** A passkey name as stored (spaces collapsed), or INVALID_INPUT naming the field. */
export function checkPasskeyName(name: string | null | undefined): string | undefined {
  const clean = normalizeDeviceLabel(name);
  if (clean.length > PASSKEY_NAME_MAX) {
    throw appError(ErrorCode.INVALID_INPUT, "Please fix the highlighted fields.", {
      name: `Keep the passkey name to ${PASSKEY_NAME_MAX} characters or fewer.`,
    });
  }
  return clean === "" ? undefined : clean;
}

/** Whether a session signed in recently enough to add a passkey. */
export function signedInRecently(session: Doc<"sessions">, now = Date.now()): boolean {
  return isLive(session, now) && now - session._creationTime <= PASSKEY_ADD_SIGN_IN_MAX_AGE_MS;
}

/** The live, recently signed-in session adding a passkey, or a refusal. */
async function requireRecentSignIn(ctx: Reader, sessionId: Id<"sessions"> | null) {
  const session = sessionId === null ? null : await ctx.db.get(sessionId);
  if (session === null || !signedInRecently(session)) {
    throw passkeyRefused("PASSKEY_RECENT_SIGN_IN_REQUIRED");
  }
  return session;
}

/** Record a challenge handed to a browser; registration ones name the session adding it. */
export async function issueChallenge(
  ctx: Writer,
  challenge: {
    challenge: string;
    purpose: PasskeyPurpose;
    sessionId?: string;
    name?: string;
  },
): Promise<void> {
  if (challenge.purpose === "register") {
    const sessionId = ctx.db.normalizeId("sessions", challenge.sessionId ?? "");
    const session = await requireRecentSignIn(ctx, sessionId);
    await ctx.db.insert("passkeyChallenges", {
      challenge: challenge.challenge,
      purpose: "register",
      sessionId: session._id,
      name: checkPasskeyName(challenge.name),
      expiresAt: Date.now() + PASSKEY_CHALLENGE_TTL_MS,
    });
    return;
  }
  await ctx.db.insert("passkeyChallenges", {
    challenge: challenge.challenge,
    purpose: "authenticate",
    expiresAt: Date.now() + PASSKEY_CHALLENGE_TTL_MS,
  });
}

/**
 * Accept an answer to a challenge once: an unknown or already answered one is
 * PASSKEY_CHALLENGE_USED, a late one PASSKEY_CHALLENGE_EXPIRED (a refusal rolls the
 * whole call back, so the cron removes expired rows). Registration ones re-check that
 * the session adding the passkey is still live and recent, and return its user and name.
 */
export async function consumeChallenge(
  ctx: Writer,
  challenge: string,
  purpose: PasskeyPurpose,
): Promise<{ userId: Id<"users"> | null; name: string | null }> {
  const row = await ctx.db
    .query("passkeyChallenges")
    .withIndex("by_challenge", (q) => q.eq("challenge", challenge))
    .unique();
  if (row === null || row.purpose !== purpose) throw passkeyRefused("PASSKEY_CHALLENGE_USED");
  if (row.expiresAt <= Date.now()) throw passkeyRefused("PASSKEY_CHALLENGE_EXPIRED");
  await ctx.db.delete(row._id);
  if (purpose === "authenticate") return { userId: null, name: null };
  const session = await requireRecentSignIn(ctx, row.sessionId ?? null);
  return { userId: session.userId, name: row.name ?? null };
}

/** Signature counters only move forward (0 → 0 is an authenticator without one). */
export function checkCounter(stored: number, next: number): void {
  if (next < stored) throw passkeyRefused("PASSKEY_COUNTER_BACKWARDS");
}

export async function authenticatorByCredential(ctx: Reader, credentialID: string) {
  return ctx.db
    .query("authenticators")
    .withIndex("by_credentialID", (q) => q.eq("credentialID", credentialID))
    .unique();
}

/** A user's passkeys, newest first. */
export function passkeysOfUser(ctx: Reader, userId: Id<"users">) {
  return ctx.db
    .query("authenticators")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .order("desc")
    .collect();
}

/** Remove a passkey with the account it signs in through: it can sign no one in after. */
export async function removePasskey(ctx: Writer, passkey: Doc<"authenticators">): Promise<void> {
  const accounts = await ctx.db
    .query("accounts")
    .withIndex("by_userId", (q) => q.eq("userId", passkey.userId))
    .collect();
  for (const account of accounts) {
    if (account.type === "webauthn" && account.providerAccountId === passkey.providerAccountId) {
      await ctx.db.delete(account._id);
    }
  }
  await ctx.db.delete(passkey._id);
}
