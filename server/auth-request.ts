// One request to Auth.js's routes (`/api/auth/*`), as our adapter and passkey hooks see it.
// Auth.js calls the adapter without saying which provider a callback is for or why a
// passkey step failed, so the route handler runs each request inside this context: the
// adapter records the sign-in method and notes the session it found, the passkey hooks
// note a refusal, and a refused passkey step is answered with its code and message
// instead of Auth.js's generic error (nothing is stored on that path either way).
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { appErrorData } from "@/convex/errors";
import { PASSKEY_REFUSALS, isPasskeyRefusal, type PasskeyRefusal } from "@/convex/shared/passkeys";

export type AuthRequest = {
  /** The provider of a callback (`/api/auth/callback/<id>`): how a new session signed in. */
  callbackProvider: string | null;
  /** The name for a passkey being added (`?name=` on its registration options). */
  passkeyName: string | null;
  /** The session Auth.js found for this request's cookie (its id), if any. */
  sessionId: string | null;
  /** Whether this request created a session: a sign-in, not adding a passkey. */
  createdSession: boolean;
  /** Why a passkey step was refused, for the browser. */
  refusal: PasskeyRefusal | null;
};

const requests = new AsyncLocalStorage<AuthRequest>();

/** The Auth.js request being handled, or undefined outside one (e.g. `auth()` in a page). */
export function currentAuthRequest(): AuthRequest | undefined {
  return requests.getStore();
}

/** Remember why a passkey step failed: a refusal code, or a Convex error carrying one. */
export function notePasskeyRefusal(reason: PasskeyRefusal | unknown): void {
  const request = requests.getStore();
  const code = isPasskeyRefusal(reason) ? reason : appErrorData(reason)?.code;
  if (request && request.refusal === null && isPasskeyRefusal(code)) request.refusal = code;
}

/** The refusal a passkey route answers with (the passkey client reads it). */
export type PasskeyRefusalBody = { error: PasskeyRefusal; message: string };

/** Runs one of Auth.js's route handlers inside its request context. */
export async function handleAuthRequest(
  request: Request,
  handler: (request: never) => Promise<Response>,
): Promise<Response> {
  const url = new URL(request.url);
  // /api/auth/<action>/<provider>
  const [, , , action, provider] = url.pathname.split("/");
  const context: AuthRequest = {
    callbackProvider: action === "callback" ? (provider ?? null) : null,
    passkeyName: action === "webauthn-options" ? url.searchParams.get("name") : null,
    sessionId: null,
    createdSession: false,
    refusal: null,
  };
  const response = await requests.run(context, () => handler(request as never));
  if (context.refusal === null) return response;
  // Keep Auth.js's cookies (it clears the challenge cookie), replace its generic error.
  const headers = new Headers(response.headers);
  headers.delete("location");
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  const body: PasskeyRefusalBody = {
    error: context.refusal,
    message: PASSKEY_REFUSALS[context.refusal],
  };
  return new Response(JSON.stringify(body), { status: 400, headers });
}
