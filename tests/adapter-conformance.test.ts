// Auth.js adapter conformance: the cases Auth.js holds every official adapter to
// (`runBasicTests` in the next-auth repository's packages/utils/adapter.ts, which is
// not published), written out here and run through our real `ConvexAdapter` over
// HTTP against the local Convex backend serving this repo's `convex/` folder.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Adapter, AdapterAccount, AdapterUser } from "@auth/core/adapters";
import { ConvexError } from "convex/values";
import { LAST_SEEN_INTERVAL_MS } from "../convex/shared/limits";
import type { ConvexAdapterSession } from "../server/auth-adapter";
import { ConvexHttpClient } from "convex/browser";
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
} from "jose";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import {
  startLocalBackend,
  type LocalBackend,
} from "../dev/convex-local/index";

// `server-only` throws outside React Server Components; these are plain Node tests.
vi.mock("server-only", () => ({}));
// Outside Next.js there is no request scope: `headers()` throws, as it does there
// outside a request. One test below plays a request by giving it headers.
const requestHeaders = vi.hoisted(() => ({ current: null as Headers | null }));
vi.mock("next/headers", () => ({
  headers: async () => {
    if (requestHeaders.current === null) {
      throw new Error("`headers` was called outside a request scope.");
    }
    return requestHeaders.current;
  },
}));

const { ConvexAdapter, touchSessionIfStale } =
  await import("../server/auth-adapter");
const { createConvexTokenMinter } = await import("../server/convex-token");
const { api } = await import("../convex/_generated/api");

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECRET = randomBytes(24).toString("hex");

let backend: LocalBackend;
let dir: string;
let adapter: Required<Adapter>;
let privateKeyPem: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "adapter-conformance-"));
  const { publicKey, privateKey } = await generateKeyPair("RS256", {
    extractable: true,
  });
  privateKeyPem = await exportPKCS8(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const envFile = path.join(dir, ".env.convex.local");
  writeFileSync(
    envFile,
    `CONVEX_AUTH_ADAPTER_SECRET=${SECRET}\nJWKS=${JSON.stringify({
      keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }],
    })}\n`,
  );
  backend = await startLocalBackend({
    projectDir: ROOT,
    port: 0,
    sitePort: 0,
    envFile,
    dataDir: path.join(dir, "data"),
    reset: true,
    watch: false,
    log: false,
  });
  adapter = ConvexAdapter({
    url: backend.url,
    secret: SECRET,
    // Two proxies we run: the outer one appended the client's address, the inner one its own.
    clientIpTrust: { hops: 2 },
  }) as Required<Adapter>;
}, 120_000);

afterAll(async () => {
  await backend?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh e-mail per test, so tests do not depend on each other's rows. */
function email() {
  return `user-${randomUUID()}@example.com`;
}

async function newUser(
  overrides: Partial<AdapterUser> = {},
): Promise<AdapterUser> {
  return adapter.createUser({
    id: randomUUID(), // Auth.js passes one; the database assigns the real id
    email: email(),
    emailVerified: null,
    name: "Test User",
    image: "https://example.com/avatar.png",
    ...overrides,
  });
}

function oauthAccount(userId: string): AdapterAccount {
  return {
    userId,
    type: "oauth",
    provider: "github",
    providerAccountId: randomUUID(),
    access_token: "access-token",
    refresh_token: "refresh-token",
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    token_type: "bearer",
    scope: "read:user user:email",
    id_token: "id-token",
    session_state: "state",
  };
}

describe("users", () => {
  test("createUser returns the user with a database id", async () => {
    const verified = new Date("2026-01-02T03:04:05.000Z");
    const input = {
      id: randomUUID(),
      email: email(),
      emailVerified: verified,
      name: "Ada",
      image: "https://example.com/ada.png",
    };
    const user = await adapter.createUser(input);
    expect(user).toEqual({ ...input, id: expect.any(String) });
    expect(user.id).not.toBe(input.id);
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user).not.toHaveProperty("_id");
    expect(user).not.toHaveProperty("_creationTime");
  });

  test("getUser, getUserByEmail find it; unknown ones give null", async () => {
    const user = await newUser();
    expect(await adapter.getUser(user.id)).toEqual(user);
    expect(await adapter.getUserByEmail(user.email)).toEqual(user);
    expect(await adapter.getUser(randomUUID())).toBeNull();
    expect(await adapter.getUserByEmail(email())).toBeNull();
  });

  test("getUserByAccount finds the user once an account is linked", async () => {
    const user = await newUser();
    const account = oauthAccount(user.id);
    const lookup = {
      provider: account.provider,
      providerAccountId: account.providerAccountId,
    };
    expect(await adapter.getUserByAccount(lookup)).toBeNull();
    await adapter.linkAccount(account);
    expect(await adapter.getUserByAccount(lookup)).toEqual(user);
  });

  test("updateUser changes the given fields and keeps the others", async () => {
    const user = await newUser();
    const verified = new Date("2026-05-06T07:08:09.000Z");
    const updated = await adapter.updateUser({
      id: user.id,
      name: "Renamed",
      emailVerified: verified,
    });
    expect(updated).toEqual({
      ...user,
      name: "Renamed",
      emailVerified: verified,
    });
    expect(await adapter.getUser(user.id)).toEqual(updated);
    const cleared = await adapter.updateUser({ id: user.id, image: null });
    expect(cleared.image).toBeNull();
    expect(cleared.name).toBe("Renamed");
  });

  test("deleteUser removes the user with its sessions, accounts and authenticators", async () => {
    const user = await newUser();
    const account = oauthAccount(user.id);
    await adapter.linkAccount(account);
    const sessionToken = randomUUID();
    await adapter.createSession({
      sessionToken,
      userId: user.id,
      expires: new Date(Date.now() + 86_400_000),
    });
    const credentialID = randomUUID();
    await adapter.createAuthenticator({
      credentialID,
      userId: user.id,
      providerAccountId: account.providerAccountId,
      credentialPublicKey: "public-key",
      counter: 0,
      credentialDeviceType: "singleDevice",
      credentialBackedUp: false,
      transports: null,
    });

    await adapter.deleteUser(user.id);

    expect(await adapter.getUser(user.id)).toBeNull();
    expect(await adapter.getUserByEmail(user.email)).toBeNull();
    expect(await adapter.getSessionAndUser(sessionToken)).toBeNull();
    expect(
      await adapter.getUserByAccount({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      }),
    ).toBeNull();
    expect(
      await adapter.getAccount(account.providerAccountId, account.provider),
    ).toBeNull();
    expect(await adapter.getAuthenticator(credentialID)).toBeNull();
    expect(await adapter.listAuthenticatorsByUserId(user.id)).toEqual([]);
  });
});

describe("accounts", () => {
  test("linkAccount stores what getAccount returns; unlinkAccount removes it", async () => {
    const user = await newUser();
    const account = oauthAccount(user.id);
    await adapter.linkAccount(account);
    expect(
      await adapter.getAccount(account.providerAccountId, account.provider),
    ).toEqual(account);
    await adapter.unlinkAccount({
      provider: account.provider,
      providerAccountId: account.providerAccountId,
    });
    expect(
      await adapter.getUserByAccount({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      }),
    ).toBeNull();
    expect(
      await adapter.getAccount(account.providerAccountId, account.provider),
    ).toBeNull();
  });

  test("extra token fields a provider sends are dropped, not refused", async () => {
    const user = await newUser();
    const account: AdapterAccount = {
      ...oauthAccount(user.id),
      type: "oidc",
      expires_in: 3600,
      refresh_token_expires_in: 7200,
      "not-before-policy": 0,
    };
    await adapter.linkAccount(account);
    const stored = await adapter.getAccount(
      account.providerAccountId,
      account.provider,
    );
    expect(stored).toMatchObject({
      type: "oidc",
      access_token: "access-token",
    });
    expect(stored).not.toHaveProperty("expires_in");
    expect(stored).not.toHaveProperty("not-before-policy");
  });
});

describe("sessions", () => {
  test("createSession and getSessionAndUser", async () => {
    const user = await newUser();
    const sessionToken = randomUUID();
    const expires = new Date(Date.now() + 30 * 86_400_000);
    const session = await adapter.createSession({
      sessionToken,
      userId: user.id,
      expires,
    });
    expect(session).toMatchObject({ sessionToken, userId: user.id, expires });
    expect(session).not.toHaveProperty("_id");

    const found = await adapter.getSessionAndUser(sessionToken);
    expect(found?.user).toEqual(user);
    expect(found?.session).toEqual(session);
    // The device id the Convex token carries, and the activity time.
    expect(found?.session).toMatchObject({
      sessionId: expect.any(String),
      lastSeenAt: expect.any(Date),
    });
    expect(await adapter.getSessionAndUser(randomUUID())).toBeNull();
  });

  test("updateSession moves the expiry", async () => {
    const user = await newUser();
    const sessionToken = randomUUID();
    await adapter.createSession({
      sessionToken,
      userId: user.id,
      expires: new Date(Date.now() + 60_000),
    });
    const later = new Date(Date.now() + 30 * 86_400_000);
    const updated = await adapter.updateSession({
      sessionToken,
      expires: later,
    });
    expect(updated).toMatchObject({
      sessionToken,
      userId: user.id,
      expires: later,
    });
    expect(
      (await adapter.getSessionAndUser(sessionToken))?.session.expires,
    ).toEqual(later);
  });

  test("deleteSession removes it", async () => {
    const user = await newUser();
    const sessionToken = randomUUID();
    await adapter.createSession({
      sessionToken,
      userId: user.id,
      expires: new Date(Date.now() + 60_000),
    });
    await adapter.deleteSession(sessionToken);
    expect(await adapter.getSessionAndUser(sessionToken)).toBeNull();
    // Deleting again is not an error (Auth.js may sign out twice).
    await expect(adapter.deleteSession(sessionToken)).resolves.toBeNull();
  });

  test("touchSessionIfStale writes only when the last record is old", async () => {
    const user = await newUser();
    const sessionToken = randomUUID();
    await adapter.createSession({
      sessionToken,
      userId: user.id,
      expires: new Date(Date.now() + 86_400_000),
    });
    const { session } = (await adapter.getSessionAndUser(sessionToken))!;
    const options = { url: backend.url, secret: SECRET, ip: "203.0.113.9" };
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      // Fresh (just created): decided locally, no request at all.
      expect(await touchSessionIfStale(session, options)).toBe(false);
      expect(fetchSpy).not.toHaveBeenCalled();
      // Our clock says stale, so it asks; the server's own check finds it fresh.
      const later = Date.now() + LAST_SEEN_INTERVAL_MS;
      expect(
        await touchSessionIfStale(session, { ...options, now: later }),
      ).toBe(false);
      expect(fetchSpy).toHaveBeenCalledTimes(1);
    } finally {
      fetchSpy.mockRestore();
    }
    // An unknown session is left alone, and the failure-free path says so.
    expect(
      await touchSessionIfStale(
        { sessionToken: randomUUID(), lastSeenAt: null },
        options,
      ),
    ).toBe(false);
  });
});

describe("sign-in to Convex call, end to end", () => {
  test("the session records its device, and a Convex token for it reaches session-checked functions", async () => {
    const user = await newUser();
    const sessionToken = randomUUID();
    requestHeaders.current = new Headers({
      "user-agent":
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      "x-forwarded-for": "203.0.113.50, 10.0.0.1",
    });
    let sessionId: string;
    try {
      const created = await adapter.createSession({
        sessionToken,
        userId: user.id,
        expires: new Date(Date.now() + 86_400_000),
      });
      sessionId = (created as ConvexAdapterSession).sessionId;
    } finally {
      requestHeaders.current = null;
    }

    // The token our Next.js server would put in the session, verified by the
    // backend through the JWKS that convex/http.ts serves.
    const minter = createConvexTokenMinter({
      privateKeyPem,
      issuer: backend.siteUrl,
    });
    const { token } = await minter.tokenForSession(user.id, sessionId);
    const client = new ConvexHttpClient(backend.url);
    client.setAuth(token);
    const devices = await client.query(api.sessions.listMine, {});
    expect(devices).toEqual([
      expect.objectContaining({
        sessionId,
        browser: "Safari 18",
        os: "iOS 18.1",
        deviceType: "mobile",
        ip: "203.0.113.50",
        isCurrent: true,
      }),
    ]);
    expect(JSON.stringify(devices)).not.toContain(sessionToken);

    // Signing out ends Convex access at once, although the token is still valid.
    await adapter.deleteSession(sessionToken);
    expect(await client.query(api.sessions.current, {})).toEqual({
      status: "signedOut",
    });
  });
});

describe("verification tokens", () => {
  test("are single use", async () => {
    const identifier = email();
    const token = {
      identifier,
      token: randomUUID(),
      expires: new Date(Date.now() + 60_000),
    };
    expect(await adapter.createVerificationToken(token)).toEqual(token);
    expect(
      await adapter.useVerificationToken({ identifier, token: token.token }),
    ).toEqual(token);
    expect(
      await adapter.useVerificationToken({ identifier, token: token.token }),
    ).toBeNull();
  });

  test("need both the identifier and the token", async () => {
    const identifier = email();
    const token = {
      identifier,
      token: randomUUID(),
      expires: new Date(Date.now() + 60_000),
    };
    await adapter.createVerificationToken(token);
    expect(
      await adapter.useVerificationToken({
        identifier: email(),
        token: token.token,
      }),
    ).toBeNull();
    expect(
      await adapter.useVerificationToken({ identifier, token: randomUUID() }),
    ).toBeNull();
    expect(
      await adapter.useVerificationToken({ identifier, token: token.token }),
    ).toEqual(token);
  });
});

describe("authenticators", () => {
  test("create, get, list by user and update the counter", async () => {
    const user = await newUser();
    const account = oauthAccount(user.id);
    await adapter.linkAccount({
      ...account,
      type: "webauthn",
      provider: "passkey",
    });
    const authenticator = {
      credentialID: randomUUID(),
      userId: user.id,
      providerAccountId: account.providerAccountId,
      credentialPublicKey: "public-key",
      counter: 0,
      credentialDeviceType: "multiDevice",
      credentialBackedUp: true,
      transports: "internal,hybrid",
    };
    expect(await adapter.createAuthenticator(authenticator)).toEqual(
      authenticator,
    );
    expect(await adapter.getAuthenticator(authenticator.credentialID)).toEqual(
      authenticator,
    );
    expect(await adapter.listAuthenticatorsByUserId(user.id)).toEqual([
      authenticator,
    ]);
    expect(
      await adapter.updateAuthenticatorCounter(authenticator.credentialID, 5),
    ).toEqual({ ...authenticator, counter: 5 });
    expect(
      (await adapter.getAuthenticator(authenticator.credentialID))?.counter,
    ).toBe(5);
    expect(await adapter.getAuthenticator(randomUUID())).toBeNull();
  });
});

/** The error an adapter call failed with, or undefined when it succeeded. */
async function failure(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("the adapter secret over HTTP", () => {
  test("a wrong secret is refused with BAD_ADAPTER_SECRET, and the message has no secret", async () => {
    const wrong = ConvexAdapter({
      url: backend.url,
      secret: "wrong-secret-value",
    }) as Required<Adapter>;
    const caught = await failure(() => wrong.getUserByEmail(email()));
    expect(caught).toBeInstanceOf(ConvexError);
    expect((caught as ConvexError<{ code: string }>).data.code).toBe(
      "BAD_ADAPTER_SECRET",
    );
    expect(String((caught as Error).message)).not.toContain(SECRET);

    const address = email();
    const created = await failure(() =>
      wrong.createUser({
        id: randomUUID(),
        email: address,
        emailVerified: null,
      }),
    );
    expect((created as ConvexError<{ code: string }>).data.code).toBe(
      "BAD_ADAPTER_SECRET",
    );
    expect(await adapter.getUserByEmail(address)).toBeNull();
  });
});
