// Token verification as a Convex deployment does it, driven by the project's
// `convex/auth.config.ts`: OIDC providers (`domain` + `applicationID`, discovery then JWKS) and
// `customJwt` providers (issuer, jwks URL or data URI, algorithm). Turns a valid token into the
// `UserIdentity` functions see; anything else is an AuthFailure with a clear message.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import type { UserIdentity } from "convex/server";

export class AuthFailure extends Error {}

export type AuthProviderConfig =
  | { domain: string; applicationID: string; type?: undefined }
  | {
      type: "customJwt";
      issuer: string;
      jwks: string;
      algorithm: "RS256" | "ES256";
      applicationID?: string;
    };

type Verifier = {
  issuer: string;
  audience?: string;
  algorithms: string[];
  keys: () => Promise<JWTVerifyGetKey>;
};

const CLOCK_SKEW_SECONDS = 10;

// Standard OIDC claims and the camelCase names Convex gives them on UserIdentity.
const IDENTITY_ATTRIBUTE_BY_CLAIM: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const CONSUMED_CLAIMS = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti"]);

function trimSlash(s: string): string {
  return s.endsWith("/") ? s.slice(0, -1) : s;
}

function jwksFromDataUri(uri: string): JSONWebKeySet {
  const comma = uri.indexOf(",");
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  const text = meta.endsWith(";base64")
    ? Buffer.from(payload, "base64").toString("utf8")
    : decodeURIComponent(payload);
  return JSON.parse(text) as JSONWebKeySet;
}

export class TokenVerifier {
  private readonly verifiers: Verifier[];

  constructor(providers: AuthProviderConfig[]) {
    this.verifiers = providers.map((p) => this.makeVerifier(p));
  }

  get providerCount(): number {
    return this.verifiers.length;
  }

  private makeVerifier(p: AuthProviderConfig): Verifier {
    if (p.type === "customJwt") {
      let keys: JWTVerifyGetKey | null = null;
      return {
        issuer: trimSlash(p.issuer),
        audience: p.applicationID,
        algorithms: [p.algorithm],
        keys: async () =>
          (keys ??= p.jwks.startsWith("data:")
            ? createLocalJWKSet(jwksFromDataUri(p.jwks))
            : createRemoteJWKSet(new URL(p.jwks), { cooldownDuration: 1000 })),
      };
    }
    const domain = trimSlash(p.domain);
    let keys: Promise<JWTVerifyGetKey> | null = null;
    return {
      issuer: domain,
      audience: p.applicationID,
      algorithms: ["RS256", "ES256"],
      keys: () => {
        // Discovery is cached once it succeeds; a failure is retried on the next token.
        keys ??= (async () => {
          const url = `${domain}/.well-known/openid-configuration`;
          const res = await fetch(url);
          if (!res.ok) throw new AuthFailure(`OIDC discovery at ${url} failed: HTTP ${res.status}`);
          const config = (await res.json()) as { jwks_uri?: string };
          if (!config.jwks_uri) throw new AuthFailure(`OIDC discovery at ${url} has no jwks_uri`);
          // A short cooldown so a rotated key (unknown kid) is fetched promptly.
          return createRemoteJWKSet(new URL(config.jwks_uri), { cooldownDuration: 1000 });
        })().catch((e: unknown) => {
          keys = null;
          throw e;
        });
        return keys;
      },
    };
  }

  /** Verifies a token and returns the identity Convex would give functions. */
  async verify(token: string): Promise<UserIdentity> {
    let header;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      claims = decodeJwt(token);
    } catch {
      throw new AuthFailure(
        "Could not parse JWT payload. Check that the token is a valid JWT format.",
      );
    }
    if (!header.alg || header.alg === "none") {
      throw new AuthFailure("Token is not signed (alg: none); refusing it.");
    }
    const iss = typeof claims.iss === "string" ? trimSlash(claims.iss) : undefined;
    const candidates = this.verifiers.filter((v) => v.issuer === iss);
    if (candidates.length === 0) {
      throw new AuthFailure(
        `No auth provider found matching the given token (issuer ${JSON.stringify(claims.iss)}). ` +
          `Check your convex/auth.config.ts.`,
      );
    }
    const matching = candidates.filter((v) => {
      if (v.audience === undefined) return true;
      const aud = claims.aud;
      return Array.isArray(aud) ? aud.includes(v.audience) : aud === v.audience;
    });
    if (matching.length === 0) {
      throw new AuthFailure(
        `No auth provider found matching the given token (audience ${JSON.stringify(claims.aud)} ` +
          `does not match applicationID). Check your convex/auth.config.ts.`,
      );
    }
    let lastError: unknown = null;
    for (const v of matching) {
      try {
        const keys = await v.keys();
        const { payload } = await jwtVerify(token, keys, {
          algorithms: v.algorithms,
          clockTolerance: CLOCK_SKEW_SECONDS,
          audience: v.audience,
        });
        return toIdentity(payload);
      } catch (e) {
        lastError = e;
      }
    }
    throw new AuthFailure(describeJoseError(lastError));
  }
}

function describeJoseError(e: unknown): string {
  if (e instanceof AuthFailure) return e.message;
  if (e instanceof joseErrors.JWTExpired) return "Token expired";
  if (e instanceof joseErrors.JWTClaimValidationFailed)
    return `Invalid token claim "${e.claim}": ${e.message}`;
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return "Invalid token signature";
  if (e instanceof joseErrors.JWKSNoMatchingKey)
    return "No key in the provider's JWKS matches the token's kid";
  if (e instanceof Error) return `Invalid token: ${e.message}`;
  return "Invalid token";
}

function toIdentity(payload: JWTPayload): UserIdentity {
  if (typeof payload.sub !== "string" || typeof payload.iss !== "string") {
    throw new AuthFailure("Token is missing the sub or iss claim");
  }
  const identity: Record<string, unknown> = {
    subject: payload.sub,
    issuer: payload.iss,
    tokenIdentifier: `${payload.iss}|${payload.sub}`,
  };
  for (const [claim, value] of Object.entries(payload)) {
    if (CONSUMED_CLAIMS.has(claim)) continue;
    identity[IDENTITY_ATTRIBUTE_BY_CLAIM[claim] ?? claim] = value;
  }
  return identity as UserIdentity;
}

/** Seconds until the token's `exp`, or null when it has none. */
export function secondsUntilExpiry(token: string): number | null {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" ? exp - Date.now() / 1000 : null;
  } catch {
    return null;
  }
}
