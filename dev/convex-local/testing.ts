// Test helpers for the local backend's own tests: a backend on random ports serving the test
// project with fresh data and env files, and RS256/ES256 token minting for its auth providers.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { startLocalBackend, type LocalBackend, type LocalBackendOptions } from "./index";

export const TEST_PROJECT = path.join(path.dirname(fileURLToPath(import.meta.url)), "test-project");

export type Keys = { privateKey: CryptoKey; kid: string; jwks: string };

export async function makeKeys(alg: "RS256" | "ES256"): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, kid, jwks: JSON.stringify({ keys: [{ ...jwk, kid, alg, use: "sig" }] }) };
}

export type TestBackend = LocalBackend & {
  dir: string;
  keys: Keys;
  customKeys: Keys;
  /** Signs a token the backend's own-site OIDC provider accepts unless overridden. */
  token(
    claims?: Record<string, unknown>,
    opts?: { expiresIn?: string | number; keys?: Keys; alg?: string },
  ): Promise<string>;
  restart(extra?: Partial<LocalBackendOptions>): Promise<void>;
  cleanup(): Promise<void>;
};

export async function startTestBackend(
  extra: Partial<LocalBackendOptions> = {},
): Promise<TestBackend> {
  const dir = mkdtempSync(path.join(tmpdir(), "convex-local-test-"));
  const keys = await makeKeys("RS256");
  const customKeys = await makeKeys("ES256");
  const envFile = path.join(dir, ".env.convex.local");
  writeFileSync(
    envFile,
    `JWKS=${keys.jwks}\nCUSTOM_JWKS=${customKeys.jwks}\nGREETING="hello\\nworld"\n`,
  );
  const options: LocalBackendOptions = {
    projectDir: TEST_PROJECT,
    port: 0,
    sitePort: 0,
    envFile,
    dataDir: path.join(dir, "data"),
    reset: true,
    watch: false,
    log: false,
    ...extra,
  };
  let backend = await startLocalBackend(options);
  const tb: TestBackend = {
    get url() {
      return backend.url;
    },
    get siteUrl() {
      return backend.siteUrl;
    },
    dir,
    keys,
    customKeys,
    async token(claims = {}, opts = {}) {
      const k = opts.keys ?? keys;
      const alg = opts.alg ?? (k === customKeys ? "ES256" : "RS256");
      return await new SignJWT({ sub: "user1;session1", ...claims })
        .setProtectedHeader({ alg, kid: k.kid, typ: "JWT" })
        .setIssuer((claims.iss as string | undefined) ?? backend.siteUrl)
        .setAudience((claims.aud as string | undefined) ?? "convex")
        .setIssuedAt()
        .setExpirationTime(opts.expiresIn ?? "1h")
        .sign(k.privateKey);
    },
    close: () => backend.close(),
    async restart(more = {}) {
      // Same ports, so tokens and clients stay valid across the restart.
      const port = Number(new URL(backend.url).port);
      const sitePort = Number(new URL(backend.siteUrl).port);
      await backend.close();
      backend = await startLocalBackend({ ...options, port, sitePort, reset: false, ...more });
    },
    async cleanup() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return tb;
}

/** Resolves when `predicate` holds for a value pushed to `values`, or rejects after a timeout. */
export function waitFor<T>(
  read: () => T,
  predicate: (v: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const v = read();
      if (predicate(v)) return resolve(v);
      if (Date.now() - started > timeoutMs) {
        return reject(new Error(`timed out waiting; last value ${JSON.stringify(v)}`));
      }
      setTimeout(tick, 10);
    };
    tick();
  });
}
