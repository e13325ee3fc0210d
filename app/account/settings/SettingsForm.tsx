"use client";
// The settings form: theme, locale for numbers and dates, and this device's name. State
// and saving live in `useDeviceSettings`; the fields beside this file.
import type { Preloaded } from "convex/react";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/Spinner";
import type { api } from "@/convex/_generated/api";
import { DeviceNameField } from "./DeviceNameField";
import { LocaleField } from "./LocaleField";
import { ThemeField } from "./ThemeField";
import { useDeviceSettings } from "./useDeviceSettings";

export function SettingsForm({ preloaded }: { preloaded: Preloaded<typeof api.settings.mine> }) {
  const settings = useDeviceSettings(preloaded);
  const { values, errors, change, pending } = settings;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void settings.save();
  };

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-lg space-y-5">
      <ThemeField
        value={values.theme}
        onChange={(theme) => change("theme", theme)}
        error={errors.theme}
      />
      <LocaleField
        value={values.locale}
        onChange={(locale) => change("locale", locale)}
        error={errors.locale}
      />
      <DeviceNameField
        value={values.label}
        onChange={(label) => change("label", label)}
        error={errors.label}
        saved={settings.saved}
      />

      <div className="flex items-center gap-4">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? <Spinner size="sm" label="Saving" /> : null}
          Save settings
        </Button>
        {settings.edited ? (
          <Button variant="ghost" onClick={settings.discard} disabled={pending}>
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
        {settings.message}
      </p>
    </form>
  );
}
