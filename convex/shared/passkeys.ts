// Passkeys (WebAuthn): why a passkey step can be refused, in words for a person. Convex
// refuses with these codes (`errors.ts`), the Next.js server passes them on from Auth.js's
// passkey routes, and the sign-in page and the Security page show the message.
import { PASSKEY_ADD_SIGN_IN_MAX_AGE_MS } from "./limits";

export const PASSKEY_REFUSALS = {
  PASSKEY_CHALLENGE_EXPIRED: "This passkey request expired. Please try again.",
  PASSKEY_CHALLENGE_USED:
    "This passkey request was already used or was never issued here. Please try again.",
  PASSKEY_COUNTER_BACKWARDS:
    "This passkey answered with an older signature count than before, as a copied key would. Sign in another way, then remove it and add it again.",
  PASSKEY_OTHER_USER: "This passkey belongs to another account.",
  PASSKEY_UNKNOWN:
    "This passkey is not registered here (it may have been removed). Sign in another way, then add it again on the Security page.",
  PASSKEY_RECENT_SIGN_IN_REQUIRED: `Adding a passkey needs a sign-in from the last ${PASSKEY_ADD_SIGN_IN_MAX_AGE_MS / 60_000} minutes. Sign in again, then add it.`,
} as const;

export type PasskeyRefusal = keyof typeof PASSKEY_REFUSALS;

export function isPasskeyRefusal(code: unknown): code is PasskeyRefusal {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(PASSKEY_REFUSALS, code);
}
