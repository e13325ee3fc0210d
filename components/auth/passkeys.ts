"use client";
// Passkeys in the browser: ask Auth.js's passkey routes for options, let the browser's
// WebAuthn (through @simplewebauthn/browser) create or use a credential, and post the
// answer back. Used by the sign-in page and the Security page. A refusal comes back with
// the server's own words (server/auth-request.ts); a cancelled prompt has its own.
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
} from "@simplewebauthn/browser";
import { UserFacingError } from "@/components/ui/FormDialog";
import { PASSKEY_REFUSALS, isPasskeyRefusal } from "@/convex/shared/passkeys";

const PROVIDER = "passkey";

export { browserSupportsWebAuthn as passkeysSupported };

/** The refusal a passkey route answered with, else a general message. */
async function refusalOf(response: Response, fallback: string): Promise<UserFacingError> {
  const body = (await response.json().catch(() => null)) as {
    error?: unknown;
    message?: unknown;
  } | null;
  if (body && isPasskeyRefusal(body.error))
    return new UserFacingError(PASSKEY_REFUSALS[body.error]);
  return new UserFacingError(fallback);
}

/** The browser's prompt was dismissed or timed out: not an error worth alarming about. */
function cancelled(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError")
  );
}

async function options(action: "register" | "authenticate", name?: string) {
  const query = new URLSearchParams({ action, ...(name ? { name } : {}) });
  const response = await fetch(`/api/auth/webauthn-options/${PROVIDER}?${query}`, {
    cache: "no-store",
  });
  if (!response.ok) {
    throw await refusalOf(response, "Passkeys are not available right now. Please try again.");
  }
  return (await response.json()) as { options: unknown };
}

/** Posts the browser's answer; resolves to where Auth.js sends the browser next. */
async function answer(
  action: "register" | "authenticate",
  data: unknown,
  callbackUrl: string,
): Promise<string> {
  const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as {
    csrfToken: string;
  };
  const response = await fetch(`/api/auth/callback/${PROVIDER}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Auth-Return-Redirect": "1",
    },
    body: new URLSearchParams({
      action,
      data: JSON.stringify(data),
      csrfToken: csrf.csrfToken,
      callbackUrl,
    }),
  });
  const fallback =
    action === "register"
      ? "The passkey could not be added. Please try again."
      : "Signing in with this passkey did not work. Please try again or use another way.";
  if (!response.ok) throw await refusalOf(response, fallback);
  const { url } = (await response.json()) as { url?: string };
  const error = url ? new URL(url, window.location.href).searchParams.get("error") : null;
  if (!url || error) {
    throw new UserFacingError(
      error === "AccountNotLinked" ? PASSKEY_REFUSALS.PASSKEY_OTHER_USER : fallback,
    );
  }
  return url;
}

/** Creates a passkey for the signed-in user, named `name`. */
export async function addPasskey(name: string): Promise<void> {
  const { options: creation } = await options("register", name);
  let credential;
  try {
    credential = await startRegistration(creation as Parameters<typeof startRegistration>[0]);
  } catch (error) {
    if (cancelled(error)) throw new UserFacingError("No passkey was added: the prompt was closed.");
    throw new UserFacingError(
      error instanceof Error && error.name === "InvalidStateError"
        ? "This device already holds a passkey for your account."
        : "Your browser could not create a passkey.",
    );
  }
  await answer("register", credential, window.location.href);
}

/** Signs in with a passkey; resolves to the page to go to. */
export async function signInWithPasskey(callbackUrl: string): Promise<string> {
  const { options: request } = await options("authenticate");
  let assertion;
  try {
    assertion = await startAuthentication(request as Parameters<typeof startAuthentication>[0]);
  } catch (error) {
    if (cancelled(error)) throw new UserFacingError("Passkey sign-in was cancelled.");
    throw new UserFacingError("Your browser could not use a passkey.");
  }
  return answer("authenticate", assertion, callbackUrl);
}
