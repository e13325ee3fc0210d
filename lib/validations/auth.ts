// Input rules for sign-in: the e-mail form and the return URL after sign-in. Shared by
// the server actions and tests so the messages a user sees are defined once.
import { z } from "./zod";

export const EMAIL_ERROR = "Enter a valid e-mail address like name@example.com";

export const emailSignInSchema = z.object({
  email: z
    .string({ error: EMAIL_ERROR })
    .trim()
    .min(1, { error: EMAIL_ERROR })
    .max(254, { error: "That e-mail address is too long" })
    .pipe(z.email({ error: EMAIL_ERROR })),
  callbackUrl: z.string().optional(),
});

export type EmailSignInInput = z.infer<typeof emailSignInSchema>;

/** Where a signed-in user goes when no (valid) return URL was given. */
export const DEFAULT_AFTER_SIGN_IN = "/account";

/**
 * A return URL we are willing to redirect to: a same-origin path only. Anything that
 * could leave the site (`https://…`, `//evil.com`, `/\evil.com`, `javascript:`) or
 * contains control characters falls back to the default. Also never loops back into
 * the sign-in pages.
 */
export function safeCallbackUrl(
  value: string | string[] | null | undefined,
  fallback: string = DEFAULT_AFTER_SIGN_IN,
): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  // Control characters and backslashes are how browsers get tricked into other hosts.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw, "http://same.origin");
  } catch {
    return fallback;
  }
  if (parsed.origin !== "http://same.origin") return fallback;
  if (parsed.pathname === "/signin" || parsed.pathname.startsWith("/signin/")) return fallback;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
