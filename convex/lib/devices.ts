// Device settings and how a device is shown: one `deviceSettings` row per session (theme,
// locale, the name the user gave it), created on the first change and removed with the
// session. The devices page and the admin console show a device through `deviceRowFields`.
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { deviceName, normalizeDeviceLabel } from "../shared/devices";
import { DEVICE_LABEL_MAX } from "../shared/limits";
import { HIDDEN_CHARACTERS_MESSAGE, hasHiddenCharacters } from "../shared/text";
import { deviceTypeValidator, signInMethodValidator } from "../schema";

type Reader = Pick<QueryCtx, "db">;
type Writer = Pick<MutationCtx, "db">;
type SettingsPatch = Partial<Pick<Doc<"deviceSettings">, "theme" | "locale" | "label">>;

/** This session's settings row, or null before its first change. */
export async function settingsOf(
  ctx: Reader,
  sessionId: Id<"sessions">,
): Promise<Doc<"deviceSettings"> | null> {
  return ctx.db
    .query("deviceSettings")
    .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
    .first();
}

/**
 * Apply a change to a session's settings, creating the row (default theme "system")
 * when there is none. A field set to `undefined` is cleared; a change that only clears
 * writes nothing when there is no row yet.
 */
export async function saveDeviceSettings(
  ctx: Writer,
  owner: { userId: Id<"users">; sessionId: Id<"sessions"> },
  patch: SettingsPatch,
): Promise<void> {
  const row = await settingsOf(ctx, owner.sessionId);
  if (row !== null) {
    // `undefined` in a patch removes the field: that is how a name or locale is cleared.
    await ctx.db.patch(row._id, patch);
    return;
  }
  const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  if (Object.keys(set).length === 0) return;
  const { userId, sessionId } = owner;
  await ctx.db.insert("deviceSettings", { userId, sessionId, theme: "system", ...set });
}

/**
 * A device name as stored (`undefined` clears it), or the message for a person when it
 * is too long.
 */
export function checkDeviceLabel(
  label: string | null | undefined,
): { label: string | undefined } | { error: string } {
  const name = normalizeDeviceLabel(label);
  if (name.length > DEVICE_LABEL_MAX) {
    return { error: `Keep the device name to ${DEVICE_LABEL_MAX} characters or fewer.` };
  }
  if (hasHiddenCharacters(name)) return { error: `${HIDDEN_CHARACTERS_MESSAGE}.` };
  return { label: name === "" ? undefined : name };
}

/** The user's name for a session's device, else its browser and OS. */
export async function deviceNameOf(ctx: Reader, session: Doc<"sessions">): Promise<string> {
  const row = await settingsOf(ctx, session._id);
  return deviceName({ label: row?.label, browser: session.browser, os: session.os });
}

/** One device as lists show it. Never includes the session token. */
export const deviceRowFields = {
  sessionId: v.id("sessions"),
  /** The name the user gave this device, or null. */
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
  /** How it signed in (GitHub, e-mail link, passkey, ...); null on sessions from before. */
  signInMethod: v.union(signInMethodValidator, v.null()),
  /** The caller's own session. */
  isCurrent: v.boolean(),
};

/** A session as `deviceRowFields` describes it, from the point of view of `callerSessionId`. */
export async function toDevice(
  ctx: Reader,
  session: Doc<"sessions">,
  callerSessionId: Id<"sessions">,
) {
  return {
    sessionId: session._id,
    label: (await settingsOf(ctx, session._id))?.label ?? null,
    browser: session.browser ?? null,
    os: session.os ?? null,
    deviceType: session.deviceType ?? null,
    ip: session.ip ?? null,
    createdAt: session._creationTime,
    lastSeenAt: session.lastSeenAt ?? session._creationTime,
    expires: session.expires,
    signInMethod: session.signInMethod ?? null,
    isCurrent: session._id === callerSessionId,
  };
}
