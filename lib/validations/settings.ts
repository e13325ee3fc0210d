// Input rules for this device's settings (theme, locale, device name), shared by the
// settings page, the rename dialogs and their tests. Convex checks the same limits
// again (convex/settings.ts, convex/sessions.ts `rename`); these give the user the
// message before a round trip.
import { visibleText, z } from "./zod";
import { normalizeDeviceLabel } from "@/convex/shared/devices";
import { DEVICE_LABEL_MAX } from "@/convex/shared/limits";

import { LOCALE_OPTIONS, type LocaleOption } from "@/lib/settings";

export { LOCALE_OPTIONS, THEME_OPTIONS, type LocaleOption } from "@/lib/settings";

/** A device name: spaces collapsed, at most 40 characters, empty = no name. */
export const deviceLabelSchema = z
  .string()
  .transform(normalizeDeviceLabel)
  .pipe(
    visibleText(
      z.string().max(DEVICE_LABEL_MAX, {
        error: `Keep the device name to ${DEVICE_LABEL_MAX} characters or fewer.`,
      }),
    ),
  );

export const settingsSchema = z.object({
  theme: z.enum(["light", "dark", "system"], {
    error: "Choose light, dark or system.",
  }),
  locale: z.enum(
    LOCALE_OPTIONS.map((option) => option.value) as [
      LocaleOption,
      ...LocaleOption[],
    ],
    { error: "Choose one of the listed formats." },
  ),
  label: deviceLabelSchema,
});

export type SettingsInput = z.input<typeof settingsSchema>;
export type SettingsValues = z.output<typeof settingsSchema>;

