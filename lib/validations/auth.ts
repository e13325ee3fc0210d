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

/** Longest return URL we accept, before and after normalisation. */
export const CALLBACK_URL_MAX = 2048;

// Any URL works as the base: only whether the result stays on it matters.
const PROBE_ORIGIN = "http://same.origin";

/**
 * What a redirect target may look like, checked on the input AND on the normalised output:
 * one leading `/` (never `//` or `/\`, which browsers read as another host), no control
 * characters (URL parsers drop tabs and newlines, so `/\t/x` would become `//x`), no
 * backslashes (read as `/`), and no encoded slash or backslash in the path part, which a
 * server or proxy that decodes before routing would turn into one (`/%2F%2Fx`). Our own
 * paths never contain them; the query and hash may.
 */
function isPlainPath(value: string): boolean {
  const pathPart = value.split(/[?#]/, 1)[0]!;
  return (
    value.length > 0 &&
    value.length <= CALLBACK_URL_MAX &&
    value.startsWith("/") &&
    !/^\/[/\\]/.test(value) &&
    !/%(2f|5c)/i.test(pathPart) &&
    !/[\u0000-\u001f\u007f\\]/.test(value)
  );
}

/** `pathname + search + hash` of `value` read as a path on this site, or null. */
function normalisedPath(value: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (parsed.origin !== PROBE_ORIGIN) return null;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/**
 * The same-origin path `value` leads to, or null. The raw value must be a plain path; so
 * must its normalised form (`/.//x`, `/a/..//x`, `/%2e//x` all normalise to `//x`), and that
 * form must read back as itself, so what we return means exactly what we checked.
 */
export function sameOriginPath(value: unknown): string | null {
  if (typeof value !== "string" || !isPlainPath(value)) return null;
  const path = normalisedPath(value);
  if (path === null || !isPlainPath(path)) return null;
  return normalisedPath(path) === path ? path : null;
}

/**
 * A return URL we are willing to redirect to: a same-origin path only (see
 * `sameOriginPath`). Anything else (`https://…`, `//evil.com`, `/\evil.com`, `/.//evil.com`,
 * `javascript:`, control characters, over-long values) falls back to the default. Also
 * never loops back into the sign-in pages.
 */
export function safeCallbackUrl(
  value: string | string[] | null | undefined,
  fallback: string = DEFAULT_AFTER_SIGN_IN,
): string {
  const path = sameOriginPath(Array.isArray(value) ? value[0] : value);
  if (path === null) return fallback;
  const { pathname } = new URL(path, PROBE_ORIGIN);
  if (pathname === "/signin" || pathname.startsWith("/signin/")) return fallback;
  return path;
}

/**
 * Auth.js's `callbacks.redirect`: a path, or an absolute URL on the app's own origin
 * (`baseUrl`, from AUTH_URL), both held to `sameOriginPath`; anything else goes to `baseUrl`.
 * Returns an absolute URL on `baseUrl`'s origin, as Auth.js's default does.
 */
export function safeAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const origin = new URL(baseUrl).origin;
  let path: string | null = null;
  if (url.startsWith("/")) {
    path = sameOriginPath(url);
  } else if (
    url.length <= CALLBACK_URL_MAX &&
    !/[\u0000-\u001f\u007f\\]/.test(url) &&
    URL.canParse(url) &&
    new URL(url).origin === origin
  ) {
    const parsed = new URL(url);
    path = sameOriginPath(`${parsed.pathname}${parsed.search}${parsed.hash}`);
  }
  return path === null ? origin : `${origin}${path}`;
}
