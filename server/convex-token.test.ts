import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  jwtVerify,
  type JSONWebKeySet,
} from "jose";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("server-only", () => ({}));

const { createConvexTokenMinter, REUSE_MARGIN_MS, TOKEN_LIFETIME_MS } =
  await import("./convex-token");

const ISSUER = "http://127.0.0.1:3211";

let privateKeyPem: string;
let jwks: JSONWebKeySet;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256", {
    extractable: true,
  });
  privateKeyPem = await exportPKCS8(privateKey);
  // Built as dev/setup-env.ts builds the JWKS env: public JWK + thumbprint kid.
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  jwks = { keys: [{ ...publicJwk, kid, alg: "RS256", use: "sig" }] };
});

afterEach(() => {
  vi.useRealTimers();
});

function minter(cacheSize?: number) {
  return createConvexTokenMinter({ privateKeyPem, issuer: ISSUER, cacheSize });
}

describe("convex token", () => {
  test("carries the contract's claims and verifies against the JWKS", async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    const { token, expiresAt } = await minter().tokenForSession(
      "user1",
      "session1",
    );
    // Verify at the same fake time; jose reads Date for exp checks.
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet(jwks),
      {
        issuer: ISSUER,
        audience: "convex",
        algorithms: ["RS256"],
      },
    );
    expect(protectedHeader).toMatchObject({
      alg: "RS256",
      kid: jwks.keys[0].kid,
    });
    expect(payload).toEqual({
      sub: "user1;session1",
      iss: ISSUER,
      aud: "convex",
      iat: 1_800_000_000,
      exp: 1_800_000_000 + TOKEN_LIFETIME_MS / 1000,
    });
    expect(expiresAt).toBe(1_800_000_000_000 + TOKEN_LIFETIME_MS);
  });

  test("is refused by a JWKS of another key", async () => {
    const other = await generateKeyPair("RS256", { extractable: true });
    const otherJwk = await exportJWK(other.publicKey);
    const { token } = await minter().tokenForSession("u", "s");
    await expect(
      jwtVerify(
        token,
        createLocalJWKSet({
          keys: [
            {
              ...otherJwk,
              kid: decodeProtectedHeader(token).kid,
              alg: "RS256",
            },
          ],
        }),
      ),
    ).rejects.toThrow();
  });

  test("is reused for the same session until less than 10 minutes are left", async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    const m = minter();
    const first = await m.tokenForSession("u", "s1");
    vi.setSystemTime(first.expiresAt - REUSE_MARGIN_MS);
    expect(await m.tokenForSession("u", "s1")).toEqual(first);

    const other = await m.tokenForSession("u", "s2");
    expect(other.token).not.toBe(first.token);

    vi.setSystemTime(first.expiresAt - REUSE_MARGIN_MS + 1000);
    const renewed = await m.tokenForSession("u", "s1");
    expect(renewed.token).not.toBe(first.token);
    expect(renewed.expiresAt).toBe(
      first.expiresAt - REUSE_MARGIN_MS + 1000 + TOKEN_LIFETIME_MS,
    );
    expect(await m.tokenForSession("u", "s1")).toEqual(renewed);
  });

  test("parallel requests for one session share one token", async () => {
    const m = minter();
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => m.tokenForSession("u", "s")),
    );
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
  });

  test("keeps a bounded cache: least recently used and expired entries go", async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    const m = minter(2);
    const a = await m.tokenForSession("u", "a");
    await m.tokenForSession("u", "b");
    expect(await m.tokenForSession("u", "a")).toEqual(a); // a is now most recent
    await m.tokenForSession("u", "c"); // evicts b
    expect(m.cacheSize()).toBe(2);
    expect(await m.tokenForSession("u", "a")).toEqual(a);
    vi.setSystemTime(1_800_000_000_000 + 1000);
    const b2 = await m.tokenForSession("u", "b");
    expect(b2.expiresAt).toBe(1_800_000_000_000 + 1000 + TOKEN_LIFETIME_MS);

    // After everything expired, the next mint sweeps the stale entries out.
    vi.setSystemTime(1_800_000_000_000 + 2 * TOKEN_LIFETIME_MS);
    await m.tokenForSession("u", "z");
    expect(m.cacheSize()).toBe(1);
  });

  test("refuses ids that would make an ambiguous subject", async () => {
    const m = minter();
    await expect(m.tokenForSession("", "s")).rejects.toThrow();
    await expect(m.tokenForSession("u;x", "s")).rejects.toThrow();
    await expect(m.tokenForSession("u", "")).rejects.toThrow();
  });
});
