// Passkeys on the Next.js server: Auth.js's Passkey provider runs WebAuthn with
// @simplewebauthn/server; we hand it the same four functions with one step added each.
// Every challenge it gives a browser is recorded in Convex (with the session adding a
// passkey, which must have signed in within 10 minutes, and the chosen name), and every
// answer redeems its challenge there first, once and before it expires. Auth.js's own
// challenge cookie alone would accept a replayed answer until the cookie expires.
import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { api } from "@/convex/_generated/api";
import { adapterMutation, type ConvexAdapterOptions } from "./auth-adapter";
import { currentAuthRequest, notePasskeyRefusal } from "./auth-request";

/** Runs a Convex call, noting a passkey refusal it fails with before passing it on. */
async function refusing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    notePasskeyRefusal(error);
    throw error;
  }
}

/** `simpleWebAuthn` for Auth.js's Passkey provider: the library, with challenges tracked. */
export function trackedWebAuthn(options: ConvexAdapterOptions = {}) {
  const issue = (challenge: string, purpose: "register" | "authenticate") => {
    const request = currentAuthRequest();
    return refusing(() =>
      adapterMutation(options, api.passkeys.issueChallengeFor, {
        challenge,
        purpose,
        ...(purpose === "register" && request?.sessionId ? { sessionId: request.sessionId } : {}),
        ...(purpose === "register" && request?.passkeyName ? { name: request.passkeyName } : {}),
      }),
    );
  };
  const redeem = (challenge: string, purpose: "register" | "authenticate") =>
    refusing(() =>
      adapterMutation(options, api.passkeys.redeemChallenge, {
        challenge,
        purpose,
      }),
    );

  return {
    async generateRegistrationOptions(
      ...args: Parameters<typeof generateRegistrationOptions>
    ): ReturnType<typeof generateRegistrationOptions> {
      const generated = await generateRegistrationOptions(...args);
      await issue(generated.challenge, "register");
      return generated;
    },
    async generateAuthenticationOptions(
      ...args: Parameters<typeof generateAuthenticationOptions>
    ): ReturnType<typeof generateAuthenticationOptions> {
      const generated = await generateAuthenticationOptions(...args);
      await issue(generated.challenge, "authenticate");
      return generated;
    },
    async verifyRegistrationResponse(
      ...args: Parameters<typeof verifyRegistrationResponse>
    ): ReturnType<typeof verifyRegistrationResponse> {
      const { name } = await redeem(String(args[0].expectedChallenge), "register");
      // The name chosen with the options request, for `createAuthenticator`.
      const request = currentAuthRequest();
      if (request) request.passkeyName = name;
      return verifyRegistrationResponse(...args);
    },
    async verifyAuthenticationResponse(
      ...args: Parameters<typeof verifyAuthenticationResponse>
    ): ReturnType<typeof verifyAuthenticationResponse> {
      await redeem(String(args[0].expectedChallenge), "authenticate");
      try {
        return await verifyAuthenticationResponse(...args);
      } catch (error) {
        // @simplewebauthn's words for a signature count that did not move forward.
        if (error instanceof Error && /counter value .* lower than expected/.test(error.message)) {
          notePasskeyRefusal("PASSKEY_COUNTER_BACKWARDS");
        }
        throw error;
      }
    },
  };
}
