"use client";
// The number and date format on the settings form: a select with a live example, so
// the choice is visible before it is saved.
import { useId } from "react";
import { FieldError } from "@/components/ui/Field";
import { inputClasses } from "@/components/ui/Input";
import { formatDateTime } from "@/lib/dates";
import { LOCALE_OPTIONS, type LocaleOption } from "@/lib/settings";

/** "1,234.56 · 28 Nov 2026, 14:05" in the chosen format. */
function localeExample(locale: LocaleOption): string {
  const tag = locale === "" ? undefined : locale;
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(1234.56);
  return `${number} · ${formatDateTime(Date.now(), tag)}`;
}

export function LocaleField({
  value,
  onChange,
  error,
}: {
  value: LocaleOption;
  onChange: (locale: LocaleOption) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        Number and date format
      </label>
      <select
        id={id}
        name="locale"
        value={value}
        onChange={(event) => onChange(event.target.value as LocaleOption)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-example ${id}-error`}
        className={inputClasses}
      >
        {LOCALE_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <p id={`${id}-example`} className="text-xs text-muted-foreground">
        Example: {localeExample(value)}
      </p>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
