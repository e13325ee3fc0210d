// Per-device settings: theme, locale and a device label, one row per session (so a new
// sign-in on the same browser starts with defaults). The row itself is kept by
// `lib/devices.ts`; this module is what the settings page calls.
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { throwIfInvalid } from "./errors";
import { checkDeviceLabel, saveDeviceSettings, settingsOf } from "./lib/devices";
import { sessionMutation, sessionQuery } from "./lib/functions";
import { consume } from "./lib/rateLimits";
import { themeValidator } from "./schema";
import { deviceName } from "./shared/devices";

export const settingsValidator = v.object({
  theme: themeValidator,
  /** BCP 47 tag, or null for "use the browser's". */
  locale: v.union(v.string(), v.null()),
  /** The name the user gave this device, or null. */
  label: v.union(v.string(), v.null()),
  /** What to call this device: the label, else e.g. "Firefox on Linux". */
  deviceName: v.string(),
});

/** A plausible BCP 47 tag in canonical case ("en-gb" → "en-GB"), or null. */
export function canonicalLocale(tag: string): string | null {
  // language[-Script][-REGION] covers what a settings menu offers; Intl does the casing.
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?$/.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

export const mine = sessionQuery({
  args: {},
  returns: settingsValidator,
  handler: async (ctx) => {
    const row = await settingsOf(ctx, ctx.sessionId);
    const { browser, os } = ctx.session;
    return {
      theme: row?.theme ?? "system",
      locale: row?.locale ?? null,
      label: row?.label ?? null,
      deviceName: deviceName({ label: row?.label, browser, os }),
    };
  },
});

type Changes = {
  theme?: Doc<"deviceSettings">["theme"];
  locale?: string | null;
  label?: string | null;
};

/** The stored form of the changes, or INVALID_INPUT with a message per bad field. */
function checkChanges(changes: Changes) {
  const fields: Record<string, string> = {};
  const patch: Partial<Pick<Doc<"deviceSettings">, "theme" | "locale" | "label">> = {};
  if (changes.theme !== undefined) patch.theme = changes.theme;
  if (changes.locale !== undefined) {
    const raw = changes.locale?.trim() ?? "";
    const locale = raw === "" ? undefined : canonicalLocale(raw);
    if (locale === null) fields.locale = "Choose a language and region such as en-GB or de-DE.";
    else patch.locale = locale;
  }
  if (changes.label !== undefined) {
    const checked = checkDeviceLabel(changes.label);
    if ("error" in checked) fields.label = checked.error;
    else patch.label = checked.label;
  }
  throwIfInvalid(fields);
  return patch;
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
    const { userId, sessionId } = ctx;
    const changes = checkChanges(args);
    await consume(ctx, "settingsPerUser", userId);
    await saveDeviceSettings(ctx, { userId, sessionId }, changes);
    return null;
  },
});
