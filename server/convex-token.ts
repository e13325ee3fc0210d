// The Convex token: an RS256 JWT the Next.js server signs so that Convex functions
// know the caller (`sub` = `userId;sessionId`, `convex/shared/subject.ts`). Convex verifies it with the JWKS that
// `convex/http.ts` serves; its `kid` is the RFC 7638 thumbprint of our public key, the
// same value `dev/setup-env.ts` puts in that JWKS.
//
// Signing is cheap but not free, and every page render asks for a token, so one token
// per session is reused until it has less than REUSE_MARGIN_MS left.
import "server-only";
import { calculateJwkThumbprint, exportJWK, importPKCS8, SignJWT } from "jose";
import { formatSubject } from "@/convex/shared/subject";
import { getServerEnv } from "@/lib/env";

export const TOKEN_AUDIENCE = "convex";
/** Lifetime of a minted token (the contract allows at most one hour). */
export const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
/** A cached token is replaced once it has less than this left. */
export const REUSE_MARGIN_MS = 10 * 60 * 1000;
/** Sessions whose token is kept; the least recently used goes first. */
export const DEFAULT_CACHE_SIZE = 1000;

export type ConvexToken = {
  token: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
};

export type ConvexTokenMinterOptions = {
  /** PKCS#8 PEM (real newlines). */
  privateKeyPem: string;
  /** The Convex site URL; must equal the deployment's CONVEX_SITE_URL. */
  issuer: string;
  cacheSize?: number;
};

export type ConvexTokenMinter = {
  tokenForSession(userId: string, sessionId: string): Promise<ConvexToken>;
  /** The header `kid` tokens carry (thumbprint of the public key). */
  keyId(): Promise<string>;
  /** Cached tokens right now (for tests and diagnostics). */
  cacheSize(): number;
};

type SigningKey = { key: CryptoKey; kid: string };

async function importSigningKey(pem: string): Promise<SigningKey> {
  // Extractable so the public half can be derived here: no second variable to drift.
  const key = await importPKCS8(pem, "RS256", { extractable: true });
  const jwk = await exportJWK(key);
  if (jwk.kty !== "RSA" || !jwk.n || !jwk.e) {
    throw new Error("CONVEX_AUTH_PRIVATE_KEY is not an RSA private key.");
  }
  const kid = await calculateJwkThumbprint(
    { kty: "RSA", n: jwk.n, e: jwk.e },
    "sha256",
  );
  return { key, kid };
}

export function createConvexTokenMinter(
  options: ConvexTokenMinterOptions,
): ConvexTokenMinter {
  const maxEntries = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  let signingKey: Promise<SigningKey> | null = null;
  // A Map iterates in insertion order; re-inserting on use makes it an LRU.
  const cache = new Map<string, ConvexToken>();
  // Parallel renders of one page ask at once; they share one signature.
  const pending = new Map<string, Promise<ConvexToken>>();

  function loadKey(): Promise<SigningKey> {
    signingKey ??= importSigningKey(options.privateKeyPem).catch(
      (error: unknown) => {
        signingKey = null; // let a later call retry instead of caching the failure
        throw error;
      },
    );
    return signingKey;
  }

  function remember(subject: string, token: ConvexToken): void {
    const now = Date.now();
    for (const [key, entry] of cache) {
      if (entry.expiresAt <= now) cache.delete(key);
    }
    cache.set(subject, token);
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }

  async function mint(subject: string): Promise<ConvexToken> {
    const { key, kid } = await loadKey();
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAtSeconds = issuedAt + TOKEN_LIFETIME_MS / 1000;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setSubject(subject)
      .setIssuer(options.issuer)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAtSeconds)
      .sign(key);
    return { token, expiresAt: expiresAtSeconds * 1000 };
  }

  return {
    async tokenForSession(userId, sessionId) {
      const subject = formatSubject(userId, sessionId);
      const cached = cache.get(subject);
      if (cached !== undefined) {
        cache.delete(subject);
        if (cached.expiresAt - Date.now() >= REUSE_MARGIN_MS) {
          cache.set(subject, cached);
          return cached;
        }
      }
      const inFlight = pending.get(subject);
      if (inFlight !== undefined) return inFlight;
      const minting = mint(subject)
        .then((token) => {
          remember(subject, token);
          return token;
        })
        .finally(() => pending.delete(subject));
      pending.set(subject, minting);
      return minting;
    },
    async keyId() {
      return (await loadKey()).kid;
    },
    cacheSize() {
      return cache.size;
    },
  };
}

let defaultMinter: ConvexTokenMinter | null = null;

/**
 * A Convex token for this user's session (device), reused until it has less than
 * 10 minutes left. Key and issuer come from the server env.
 */
export function convexTokenForSession(
  userId: string,
  sessionId: string,
): Promise<ConvexToken> {
  if (defaultMinter === null) {
    const env = getServerEnv();
    defaultMinter = createConvexTokenMinter({
      privateKeyPem: env.CONVEX_AUTH_PRIVATE_KEY,
      issuer: env.CONVEX_SITE_URL,
    });
  }
  return defaultMinter.tokenForSession(userId, sessionId);
}
