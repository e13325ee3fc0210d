"use client";
// This device's settings as a form's state: values from the page's preloaded
// `settings.mine`, then live from Convex while the form is untouched (a rename from another device shows up), a draft once
// edited, checked with the shared zod rules and saved with `settings.update`. The theme
// is mirrored to the cookie at once, so the next load paints in it with no flash.
import { useMutation, type Preloaded } from "convex/react";
import { useEffect, useState } from "react";
import { useLivePreloaded } from "@/components/hooks/useLivePreloaded";
import { THEME_COOKIE, applyTheme, parseTheme, type Theme } from "@/components/theme";
import { api } from "@/convex/_generated/api";
import { appErrorData } from "@/convex/errors";
import { fieldErrors } from "@/lib/validations/fields";
import { LOCALE_OPTIONS, type LocaleOption } from "@/lib/settings";

export type SettingsDraft = { theme: Theme; locale: LocaleOption; label: string };

export type DeviceSettings = {
      values: SettingsDraft;
      /** What Convex holds now: the name this device was given, and its name without one. */
      saved: { label: string | null; deviceName: string };
      errors: Record<string, string>;
      /** The outcome of the last save or check, for the form's live region. */
      message: string;
      pending: boolean;
      edited: boolean;
      change: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
      discard: () => void;
      save: () => Promise<void>;
};

/** A stored locale that is not in our list (set elsewhere) shows as the default. */
function toLocaleOption(locale: string | null): LocaleOption {
  return LOCALE_OPTIONS.find((option) => option.value === locale)?.value ?? "";
}

export function useDeviceSettings(
  preloaded: Preloaded<typeof api.settings.mine>,
): DeviceSettings {
  const stored = useLivePreloaded(preloaded);
  const update = useMutation(api.settings.update);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);

  // The cookie is only a pre-paint copy; Convex holds this session's theme. They
  // differ after a new sign-in on a browser that had another theme before (a new
  // session starts with defaults), so bring the cookie and the page in line.
  const storedTheme = stored.theme;
  useEffect(() => {
    const cookie = document.cookie.match(new RegExp(`(?:^|; )${THEME_COOKIE}=([^;]*)`))?.[1];
    if (parseTheme(cookie) !== storedTheme) applyTheme(storedTheme);
  }, [storedTheme]);

  const values: SettingsDraft = draft ?? {
    theme: parseTheme(stored.theme),
    locale: toLocaleOption(stored.locale),
    label: stored.label ?? "",
  };

  const change = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft({ ...values, [key]: value });
    setMessage("");
    setErrors((current) => {
      const rest = { ...current };
      delete rest[key];
      return rest;
    });
  };

  const discard = () => {
    setDraft(null);
    setErrors({});
    setMessage("");
  };

  const save = async () => {
    // zod loads with the first save, not with the page.
    const { settingsSchema } = await import("@/lib/validations/settings");
    const parsed = settingsSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setMessage("Please fix the highlighted fields.");
      return;
    }
    setPending(true);
    setErrors({});
    setMessage("");
    try {
      await update({
        theme: parsed.data.theme,
        locale: parsed.data.locale === "" ? null : parsed.data.locale,
        label: parsed.data.label === "" ? null : parsed.data.label,
      });
      applyTheme(parsed.data.theme);
      setDraft(null);
      setMessage("Settings saved.");
    } catch (caught) {
      const data = appErrorData(caught);
      setErrors(data?.fields ?? {});
      setMessage(data?.message ?? "Your settings could not be saved. Try again.");
    } finally {
      setPending(false);
    }
  };

  return {
    values,
    saved: { label: stored.label, deviceName: stored.deviceName },
    errors,
    message,
    pending,
    edited: draft !== null,
    change,
    discard,
    save,
  };
}
