// Where sign-in sends people and how a page's own URL reaches the server: shared by
// middleware (edge), the server layer and server actions. Pure.
import { safeCallbackUrl } from "./validations/auth";

export { DEFAULT_AFTER_SIGN_IN } from "./validations/auth";

/** Request header set by middleware.ts: the path + query being requested. */
export const RETURN_TO_HEADER = "x-return-to";
/** Request header set by middleware.ts: this response's CSP nonce, for inline scripts. */
export const NONCE_HEADER = "x-nonce";

/** The sign-in URL that comes back to `returnTo` afterwards. */
export function signInUrl(returnTo: string, notice?: string): string {
  const params = new URLSearchParams({ callbackUrl: safeCallbackUrl(returnTo) });
  if (notice) params.set("notice", notice);
  return `/signin?${params.toString()}`;
}
