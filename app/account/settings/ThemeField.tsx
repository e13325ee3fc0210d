"use client";
// The theme choice on the settings form: a radio group (light, dark, follow the system).
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/Field";
import type { Theme } from "@/components/theme";
import { THEME_OPTIONS } from "@/lib/settings";

export function ThemeField({
  value,
  onChange,
  error,
}: {
  value: Theme;
  onChange: (theme: Theme) => void;
  error?: string;
}) {
  const legendId = useId();
  return (
    <fieldset aria-describedby={error ? `${legendId}-error` : undefined}>
      <legend id={legendId} className="text-sm font-medium">
        Theme
      </legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        {THEME_OPTIONS.map((option) => (
          <label
            key={option.value}
            className={cn(
              "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm",
              value === option.value
                ? "border-accent bg-muted font-medium"
                : "border-border hover:bg-muted",
            )}
          >
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="accent-accent"
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldError id={`${legendId}-error`} error={error} />
    </fieldset>
  );
}
