// HTTP routes of this deployment: the OpenID discovery document and the JWKS that
// let Convex verify the tokens our Next.js server signs (`server/convex-token.ts`).
// `auth.config.ts` names this deployment's site URL as the issuer, so Convex fetches
// these two documents from itself. The JWKS holds only the public key (env `JWKS`).
import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";

/** Short browser cache, long stale-if-error: a key rotation shows within seconds. */
const CACHE_CONTROL =
  "public, max-age=15, stale-while-revalidate=15, stale-if-error=86400";

function plainError(message: string): Response {
  return new Response(message, {
    status: 500,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const http = httpRouter();

http.route({
  path: "/.well-known/openid-configuration",
  method: "GET",
  handler: httpAction(async () => {
    const issuer = process.env.CONVEX_SITE_URL;
    return new Response(
      JSON.stringify({
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        // Required by the discovery spec; nothing here authorizes, tokens come from Next.js.
        authorization_endpoint: `${issuer}/oauth/authorize`,
        id_token_signing_alg_values_supported: ["RS256"],
      }),
      {
        status: 200,
        headers: {
          "Content-Type": "application/json",
          "Cache-Control": CACHE_CONTROL,
        },
      },
    );
  }),
});

http.route({
  path: "/.well-known/jwks.json",
  method: "GET",
  handler: httpAction(async () => {
    const jwks = process.env.JWKS;
    if (!jwks) {
      return plainError(
        "JWKS is not set on this Convex deployment: set it to the public key set matching CONVEX_AUTH_PRIVATE_KEY (npm run dev generates both).",
      );
    }
    if (!isJson(jwks)) {
      return plainError(
        'JWKS on this Convex deployment is not valid JSON: it must be a key set like {"keys":[...]}.',
      );
    }
    return new Response(jwks, {
      status: 200,
      headers: {
        "Content-Type": "application/jwk-set+json",
        "Cache-Control": CACHE_CONTROL,
      },
    });
  }),
});

export default http;
