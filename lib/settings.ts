// What a device's settings may be set to (the settings form's choices). Plain data, no
// zod, so the form can show them without loading the validation rules
// (lib/validations/settings.ts), which come with the first save.
export const THEME_OPTIONS = [
  { value: "system", label: "System (follow this device)" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
] as const;

/** Locales offered for number and date formatting; "" means the browser's own. */
export const LOCALE_OPTIONS = [
  { value: "", label: "Browser default" },
  { value: "en-US", label: "English (United States)" },
  { value: "en-GB", label: "English (United Kingdom)" },
  { value: "de-DE", label: "Deutsch (Deutschland)" },
  { value: "fr-FR", label: "Français (France)" },
  { value: "es-ES", label: "Español (España)" },
  { value: "ja-JP", label: "日本語 (日本)" },
] as const;

export type LocaleOption = (typeof LOCALE_OPTIONS)[number]["value"];
