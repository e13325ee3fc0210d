// Input rules for adding a passkey: its name, as the Security page's dialog checks it.
// Convex checks the same limit again (convex/lib/passkeys.ts `checkPasskeyName`).
import { z } from "./zod";
import { normalizeDeviceLabel } from "@/convex/shared/devices";
import { PASSKEY_NAME_MAX } from "@/convex/shared/limits";

/** A passkey name: spaces collapsed, 1 to 40 characters. */
export const passkeyNameSchema = z
  .string()
  .transform((name) => normalizeDeviceLabel(name))
  .pipe(
    z
      .string()
      .min(1, "Give the passkey a name, e.g. the device that keeps it.")
      .max(PASSKEY_NAME_MAX, `Keep the passkey name to ${PASSKEY_NAME_MAX} characters or fewer.`),
  );
