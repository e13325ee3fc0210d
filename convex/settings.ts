// Per-device settings: theme, locale and a device label, one row per session (so a
// new sign-in on the same browser starts with defaults). Rows are created lazily on
// the first change and removed with the session (`lib/endSession.ts`).
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { appError, ErrorCode } from "./errors";
import { sessionMutation, sessionQuery } from "./lib/functions";
import { themeValidator } from "./schema";

export const LABEL_MAX = 40;

export const settingsView = v.object({
  theme: themeValidator,
  /** BCP 47 tag, or null for "use the browser's". */
  locale: v.union(v.string(), v.null()),
  /** The name the user gave this device, or null. */
  label: v.union(v.string(), v.null()),
  /** What to call this device: the label, else e.g. "Firefox on Linux". */
  deviceName: v.string(),
});

async function settingsRow(
  ctx: Pick<QueryCtx, "db">,
  sessionId: Id<"sessions">,
): Promise<Doc<"deviceSettings"> | null> {
  return ctx.db
    .query("deviceSettings")
    .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
    .first();
}

/** "Firefox on Linux", "Safari", "iOS device" or "Unknown device", from the sign-in. */
export function describeSession(session: Doc<"sessions">): string {
  const { browser, os } = session;
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  if (os) return `${os} device`;
  return "Unknown device";
}

/** The user's label for a session, else a description of its browser and OS. */
export async function deviceNameOf(
  ctx: Pick<QueryCtx, "db">,
  session: Doc<"sessions">,
): Promise<string> {
  const row = await settingsRow(ctx, session._id);
  return row?.label ?? describeSession(session);
}

/** A plausible BCP 47 tag in canonical case ("en-gb" → "en-GB"), or null. */
export function canonicalLocale(tag: string): string | null {
  // language[-Script][-REGION] covers what a settings menu offers; Intl does the casing.
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?$/.test(tag))
    return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

export const mine = sessionQuery({
  args: {},
  returns: settingsView,
  handler: async (ctx) => {
    const row = await settingsRow(ctx, ctx.sessionId);
    return {
      theme: row?.theme ?? "system",
      locale: row?.locale ?? null,
      label: row?.label ?? null,
      deviceName: row?.label ?? describeSession(ctx.session),
    };
  },
});

type Changes = {
  theme?: Doc<"deviceSettings">["theme"];
  locale?: string | null;
  label?: string | null;
};

async function applyChanges(
  ctx: {
    db: MutationCtx["db"];
    userId: Id<"users">;
    sessionId: Id<"sessions">;
  },
  changes: Changes,
): Promise<void> {
  const fields: Record<string, string> = {};
  const patch: Partial<
    Pick<Doc<"deviceSettings">, "theme" | "locale" | "label">
  > = {};
  if (changes.theme !== undefined) patch.theme = changes.theme;
  if (changes.locale !== undefined) {
    const raw = changes.locale?.trim() ?? "";
    if (raw === "") patch.locale = undefined;
    else {
      const locale = canonicalLocale(raw);
      if (locale === null)
        fields.locale = "Choose a language and region such as en-GB or de-DE.";
      else patch.locale = locale;
    }
  }
  if (changes.label !== undefined) {
    const label = changes.label?.trim().replace(/\s+/g, " ") ?? "";
    if (label.length > LABEL_MAX) {
      fields.label = `Keep the device name to ${LABEL_MAX} characters or fewer.`;
    } else patch.label = label === "" ? undefined : label;
  }
  if (Object.keys(fields).length > 0) {
    throw appError(
      ErrorCode.INVALID_INPUT,
      "Please fix the highlighted fields.",
      fields,
    );
  }
  const row = await settingsRow(ctx, ctx.sessionId);
  if (row === null) {
    await ctx.db.insert("deviceSettings", {
      sessionId: ctx.sessionId,
      userId: ctx.userId,
      theme: patch.theme ?? "system",
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.label !== undefined ? { label: patch.label } : {}),
    });
  } else {
    // `undefined` in a patch removes the field, which is how a label or locale is cleared.
    await ctx.db.patch(row._id, patch);
  }
}

/**
 * Change this device's settings. Omitted fields stay; `locale` or `label` set to null
 * or "" clears it. INVALID_INPUT with `fields` for a bad locale or a long label.
 */
export const update = sessionMutation({
  args: {
    theme: v.optional(themeValidator),
    locale: v.optional(v.union(v.string(), v.null())),
    label: v.optional(v.union(v.string(), v.null())),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    await applyChanges(ctx, args);
    return null;
  },
});

/** Rename this device ("" or null removes the name). */
export const setLabel = sessionMutation({
  args: { label: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { label }) => {
    await applyChanges(ctx, { label });
    return null;
  },
});
