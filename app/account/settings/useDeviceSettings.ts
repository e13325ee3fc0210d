"use client";
// This device's settings as a form's state: values live from Convex (`settings.mine`)
// while the form is untouched (a rename from another device shows up), a draft once
// edited, checked with the shared zod rules and saved with `settings.update`. The theme
// is mirrored to the cookie at once, so the next load paints in it with no flash.
import { useConvexAuth, useMutation, useQuery_experimental as useQueryState } from "convex/react";
import { useEffect, useState } from "react";
import { THEME_COOKIE, applyTheme, parseTheme, type Theme } from "@/components/theme";
import { api } from "@/convex/_generated/api";
import { appErrorData } from "@/convex/errors";
import { fieldErrors } from "@/lib/validations/fields";
import { LOCALE_OPTIONS, settingsSchema, type LocaleOption } from "@/lib/validations/settings";

export type SettingsDraft = { theme: Theme; locale: LocaleOption; label: string };

export type DeviceSettings =
  | { status: "error"; error: Error }
  | { status: "pending" }
  | {
      status: "ready";
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

export function useDeviceSettings(): DeviceSettings {
  const { isAuthenticated } = useConvexAuth();
  const settings = useQueryState({
    query: api.settings.mine,
    args: isAuthenticated ? {} : "skip",
  });
  const update = useMutation(api.settings.update);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);

  // The cookie is only a pre-paint copy; Convex holds this session's theme. They
  // differ after a new sign-in on a browser that had another theme before (a new
  // session starts with defaults), so bring the cookie and the page in line.
  const storedTheme = settings.status === "success" ? settings.data.theme : null;
  useEffect(() => {
    if (storedTheme === null) return;
    const cookie = document.cookie.match(new RegExp(`(?:^|; )${THEME_COOKIE}=([^;]*)`))?.[1];
    if (parseTheme(cookie) !== storedTheme) applyTheme(storedTheme);
  }, [storedTheme]);

  if (settings.status === "error") return { status: "error", error: settings.error };
  if (settings.status === "pending") return { status: "pending" };

  const values: SettingsDraft = draft ?? {
    theme: parseTheme(settings.data.theme),
    locale: toLocaleOption(settings.data.locale),
    label: settings.data.label ?? "",
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
    status: "ready",
    values,
    saved: { label: settings.data.label, deviceName: settings.data.deviceName },
    errors,
    message,
    pending,
    edited: draft !== null,
    change,
    discard,
    save,
  };
}
