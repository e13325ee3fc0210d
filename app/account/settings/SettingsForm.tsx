"use client";
// The settings form: theme, locale for numbers and dates, and this device's name.
// Values come live from Convex (`settings.mine`); while the form is untouched it
// follows them (a rename from another device shows up here), once edited it keeps
// the draft until saved. Checked with the shared zod rules, then saved with
// `settings.update`; the theme is mirrored to the cookie at once, so this page changes
// now and the next load paints in the right theme with no flash.
import {
  useConvexAuth,
  useMutation,
  useQuery_experimental as useQueryState,
} from "convex/react";
import { useEffect, useId, useState, type FormEvent } from "react";
import {
  THEME_COOKIE,
  applyTheme,
  parseTheme,
  type Theme,
} from "@/components/theme";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { Notice } from "@/components/ui/Notice";
import { Spinner } from "@/components/ui/Spinner";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/Input";
import { api } from "@/convex/_generated/api";
import { appErrorData, ErrorCode } from "@/convex/errors";
import { formatDateTime } from "@/lib/dates";
import {
  DEVICE_LABEL_MAX,
  LOCALE_OPTIONS,
  THEME_OPTIONS,
  fieldErrors,
  settingsSchema,
  type LocaleOption,
} from "@/lib/validations/settings";

type Draft = { theme: Theme; locale: LocaleOption; label: string };

/** A stored locale that is not in our list (set elsewhere) shows as the default. */
function toLocaleOption(locale: string | null): LocaleOption {
  return LOCALE_OPTIONS.find((option) => option.value === locale)?.value ?? "";
}

/** "1,234.56 · 28 Nov 2026, 14:05" in the chosen format, so the choice is visible. */
function localeExample(locale: LocaleOption): string {
  const tag = locale === "" ? undefined : locale;
  const number = new Intl.NumberFormat(tag, {
    maximumFractionDigits: 2,
  }).format(1234.56);
  return `${number} · ${formatDateTime(Date.now(), tag)}`;
}

export function SettingsForm() {
  const { isAuthenticated } = useConvexAuth();
  const settings = useQueryState({
    query: api.settings.mine,
    args: isAuthenticated ? {} : "skip",
  });
  const update = useMutation(api.settings.update);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState("");
  const [pending, setPending] = useState(false);
  const themeLegendId = useId();
  const localeId = useId();

  // The cookie is only a pre-paint copy; Convex holds this session's theme. They
  // differ after a new sign-in on a browser that had another theme before (a new
  // session starts with defaults), so bring the cookie and the page in line.
  const storedTheme =
    settings.status === "success" ? settings.data.theme : null;
  useEffect(() => {
    if (storedTheme === null) return;
    const cookie = document.cookie.match(
      new RegExp(`(?:^|; )${THEME_COOKIE}=([^;]*)`),
    )?.[1];
    if (parseTheme(cookie) !== storedTheme) applyTheme(storedTheme);
  }, [storedTheme]);

  if (settings.status === "error") {
    const signedOut =
      appErrorData(settings.error)?.code === ErrorCode.UNAUTHENTICATED;
    return (
      <Notice tone={signedOut ? "warning" : "error"}>
        {signedOut
          ? "This device is no longer signed in."
          : "Your settings could not be loaded. Reload the page to try again."}
      </Notice>
    );
  }
  if (settings.status === "pending") {
    return <Spinner label="Loading your settings" />;
  }

  const saved: Draft = {
    theme: parseTheme(settings.data.theme),
    locale: toLocaleOption(settings.data.locale),
    label: settings.data.label ?? "",
  };
  const values = draft ?? saved;
  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...values, [key]: value });
    setStatus("");
    setErrors((current) => {
      const rest = { ...current };
      delete rest[key];
      return rest;
    });
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = settingsSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setStatus("Please fix the highlighted fields.");
      return;
    }
    setPending(true);
    setErrors({});
    setStatus("");
    try {
      await update({
        theme: parsed.data.theme,
        locale: parsed.data.locale === "" ? null : parsed.data.locale,
        label: parsed.data.label === "" ? null : parsed.data.label,
      });
      applyTheme(parsed.data.theme);
      setDraft(null);
      setStatus("Settings saved.");
    } catch (caught) {
      const data = appErrorData(caught);
      setErrors(data?.fields ?? {});
      setStatus(
        data?.message ?? "Your settings could not be saved. Try again.",
      );
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-lg space-y-5">
      <fieldset
        aria-describedby={errors.theme ? `${themeLegendId}-error` : undefined}
      >
        <legend id={themeLegendId} className="text-sm font-medium">
          Theme
        </legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {THEME_OPTIONS.map((option) => (
            <label
              key={option.value}
              className={cn(
                "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm",
                values.theme === option.value
                  ? "border-accent bg-muted font-medium"
                  : "border-border hover:bg-muted",
              )}
            >
              <input
                type="radio"
                name="theme"
                value={option.value}
                checked={values.theme === option.value}
                onChange={() => change("theme", option.value)}
                className="accent-accent"
              />
              {option.label}
            </label>
          ))}
        </div>
        <p
          id={`${themeLegendId}-error`}
          aria-live="polite"
          className="min-h-5 text-sm text-danger"
        >
          {errors.theme ?? ""}
        </p>
      </fieldset>

      <div className="space-y-1">
        <label htmlFor={localeId} className="block text-sm font-medium">
          Number and date format
        </label>
        <select
          id={localeId}
          name="locale"
          value={values.locale}
          onChange={(event) =>
            change("locale", event.target.value as LocaleOption)
          }
          aria-invalid={errors.locale ? true : undefined}
          aria-describedby={`${localeId}-example ${localeId}-error`}
          className={inputClasses}
        >
          {LOCALE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <p id={`${localeId}-example`} className="text-xs text-muted-foreground">
          Example: {localeExample(values.locale)}
        </p>
        <p
          id={`${localeId}-error`}
          aria-live="polite"
          className="min-h-5 text-sm text-danger"
        >
          {errors.locale ?? ""}
        </p>
      </div>

      <Field
        label="Device name"
        name="label"
        value={values.label}
        onChange={(event) => change("label", event.target.value)}
        placeholder="e.g. Work laptop"
        autoComplete="off"
        hint={`Up to ${DEVICE_LABEL_MAX} characters, shown on your devices page and orders. ${
          settings.data.label === null
            ? `Without a name this device shows as “${settings.data.deviceName}”.`
            : "Leave empty to show the browser and system instead."
        }`}
        error={errors.label ?? null}
      />

      <div className="flex items-center gap-4">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? <Spinner size="sm" label="Saving" /> : null}
          Save settings
        </Button>
        {draft !== null ? (
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(null);
              setErrors({});
              setStatus("");
            }}
            disabled={pending}
          >
            Discard changes
          </Button>
        ) : null}
      </div>
      <p
        role="status"
        aria-live="polite"
        className={cn(
          "min-h-5 text-sm",
          Object.keys(errors).length > 0 ? "text-danger" : "text-foreground",
        )}
      >
        {status}
      </p>
    </form>
  );
}
