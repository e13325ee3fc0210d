// Test helpers for the local backend's own tests: a backend on random ports serving the test
// project with fresh data and env files, and RS256/ES256 token minting for its auth providers.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { ConvexClient, type ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { startLocalBackend, type LocalBackend, type LocalBackendOptions } from "./index";

export const TEST_PROJECT = path.join(path.dirname(fileURLToPath(import.meta.url)), "test-project");

/** A `ConvexClient` over the `ws` package (Node has no WebSocket of its own before 22), as a
 * Node process or test talks to a deployment. Close it when done. */
export function wsClient(url: string): ConvexClient {
  return new ConvexClient(url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    unsavedChangesWarning: false,
  });
}

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
  /** Stops (gracefully, or not at all after `kill()`) and starts again on the same data. */
  restart(extra?: Partial<LocalBackendOptions>): Promise<void>;
  /** When the last `restart` had stopped the previous process (ms since epoch). */
  stoppedAt: number;
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
    stoppedAt: 0,
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
    kill: () => backend.kill(),
    async restart(more = {}) {
      // Same ports, so tokens and clients stay valid across the restart.
      const port = Number(new URL(backend.url).port);
      const sitePort = Number(new URL(backend.siteUrl).port);
      await backend.close();
      tb.stoppedAt = Date.now();
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

export type Message = {
  _id: string;
  _creationTime: number;
  author: string;
  body: string;
};

/** Polls `messages.list` until the author's messages satisfy `done` (or the time is up). */
export async function waitForMessages(
  client: ConvexHttpClient,
  author: string,
  done: (n: number) => boolean,
  timeoutMs: number,
): Promise<Message[]> {
  const started = Date.now();
  for (;;) {
    const all = (await client.query(anyApi.messages.list, {})) as Message[];
    const mine = all.filter((m) => m.author === author);
    if (done(mine.length) || Date.now() - started > timeoutMs) return mine;
    await new Promise((r) => setTimeout(r, 100));
  }
}
