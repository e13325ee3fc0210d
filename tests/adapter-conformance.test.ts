// Auth.js adapter conformance: the official suite every built-in adapter passes
// (`runBasicTests` in the next-auth repository's packages/utils/adapter.ts, which is not
// published), case for case and with its assertions as they are, written here in our own
// words and run through our real `ConvexAdapter` over HTTP against the local Convex
// backend serving this repo's `convex/` folder, authenticator cases included.
//
// Its `db` helpers read the stored rows themselves, not through the adapter: the internal
// query `authAdapter:storedRow`, which this test reaches with the local backend's tests-only
// admin key (as a deploy key would on Convex), and map them to Auth.js's model. Our own
// cases (device recording, activity, the secret, Convex access end to end) follow.
import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Adapter, AdapterAccount, AdapterUser } from "@auth/core/adapters";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference, type FunctionArgs } from "convex/server";
import { ConvexError } from "convex/values";
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { LAST_SEEN_INTERVAL_MS } from "../convex/shared/limits";
import { startLocalBackend, type LocalBackend } from "../dev/convex-local/index";
import type { internal } from "../convex/_generated/api";
import type { ConvexAdapterSession } from "../server/auth-adapter";

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

const { ConvexAdapter, sessionActivity, touchSessionIfStale } = await import(
  "../server/auth-adapter"
);
const { createConvexTokenMinter } = await import("../server/convex-token");
const { api } = await import("../convex/_generated/api");

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECRET = randomBytes(24).toString("hex");
const ADMIN_KEY = randomBytes(24).toString("hex");

let backend: LocalBackend;
let dir: string;
let adapter: Required<Adapter>;
let reader: ConvexHttpClient;
let privateKeyPem: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "adapter-conformance-"));
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
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
    adminKey: ADMIN_KEY,
  });
  adapter = ConvexAdapter({
    url: backend.url,
    secret: SECRET,
    // Two proxies we run: the outer one appended the client's address, the inner one its own.
    clientIpTrust: { hops: 2 },
  }) as Required<Adapter>;
  reader = new ConvexHttpClient(backend.url);
  // Not in convex's public types, but what `npx convex` itself uses for deploy keys.
  (reader as unknown as { setAdminAuth(key: string): void }).setAdminAuth(ADMIN_KEY);
}, 120_000);

afterAll(async () => {
  await backend?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// The suite's `db`: stored rows, read directly and put in Auth.js's model (dates as
// Dates, the document id as `id`, no other system fields).

type Row = Record<string, unknown> & { _id: string; _creationTime: number };
type Lookup = FunctionArgs<typeof internal.authAdapter.storedRow>["lookup"];
// The client's types admit public functions only; the admin key is what lets this through.
const storedRowRef = makeFunctionReference<"query", { lookup: Lookup }, Row | null>(
  "authAdapter:storedRow",
);

async function storedRow(lookup: Lookup): Promise<Row | null> {
  return reader.query(storedRowRef, { lookup });
}

function fieldsOf(row: Row): Record<string, unknown> {
  const { _id, _creationTime, ...fields } = row;
  void _id;
  void _creationTime;
  return fields;
}

const asDate = (ms: unknown) => (typeof ms === "number" ? new Date(ms) : null);

const db = {
  async user(id: string) {
    const row = await storedRow({ table: "users", id });
    if (row === null) return null;
    return {
      id: row._id,
      name: row.name ?? null,
      email: row.email,
      emailVerified: asDate(row.emailVerified),
      image: row.image ?? null,
    };
  },
  async session(sessionToken: string) {
    const row = await storedRow({ table: "sessions", sessionToken });
    if (row === null) return null;
    return {
      id: row._id,
      sessionToken: row.sessionToken,
      userId: row.userId,
      expires: asDate(row.expires),
    };
  },
  async account({ provider, providerAccountId }: { provider: string; providerAccountId: string }) {
    const row = await storedRow({ table: "accounts", provider, providerAccountId });
    return row === null ? null : { id: row._id, ...fieldsOf(row) };
  },
  async verificationToken({ identifier, token }: { identifier: string; token: string }) {
    const row = await storedRow({ table: "verificationTokens", identifier, token });
    if (row === null) return null;
    return { identifier: row.identifier, token: row.token, expires: asDate(row.expires) };
  },
  async authenticator(credentialID: string) {
    const row = await storedRow({ table: "authenticators", credentialID });
    return row === null ? null : { id: row._id, ...fieldsOf(row) };
  },
};

/** The suite's stand-in for a hashed e-mail token. */
function hashedToken(): string {
  return createHash("sha256").update(`${randomUUID()}anything`).digest("hex");
}

const DAY = 24 * 60 * 60 * 1000;
const IN_A_WEEK = new Date(Date.now() + 7 * DAY);
const IN_A_MONTH = new Date(Date.now() + 30 * DAY);
const IN_FIFTEEN_MINUTES = new Date(Date.now() + 15 * 60 * 1000);

// ---------------------------------------------------------------------------
// The official suite. Its cases share one user, session and account, in this order.

describe("Auth.js's adapter suite (runBasicTests), case for case", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the suite's fixtures are untyped too
  let user: any = {
    id: randomUUID(),
    email: "fill@murray.com",
    image: "https://www.fillmurray.com/460/300",
    name: "Fill Murray",
    emailVerified: new Date(),
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const session: any = { sessionToken: randomUUID(), expires: IN_A_WEEK };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const account: any = {
    provider: "github",
    providerAccountId: randomUUID(),
    type: "oauth",
    access_token: randomUUID(),
    expires_at: (30 * DAY) / 1000,
    id_token: randomUUID(),
    refresh_token: randomUUID(),
    token_type: "bearer",
    scope: "user",
    session_state: randomUUID(),
  };

  function expectMethods(names: string[]) {
    for (const name of names) expect(adapter).toHaveProperty(name);
  }

  test("Required (User, Account, Session) methods exist", () => {
    expectMethods([
      "createUser",
      "getUser",
      "getUserByEmail",
      "getUserByAccount",
      "updateUser",
      "linkAccount",
      "createSession",
      "getSessionAndUser",
      "updateSession",
      "deleteSession",
    ]);
  });

  test("createUser", async () => {
    const { id } = await adapter.createUser(user);
    const stored = await db.user(id);
    expect(stored).toEqual({ ...user, id });
    user = stored;
    session.userId = stored!.id;
    account.userId = stored!.id;
  });

  test("getUser", async () => {
    expect(await adapter.getUser(randomUUID())).toBeNull();
    expect(await adapter.getUser(user.id)).toEqual(user);
  });

  test("getUserByEmail", async () => {
    expect(await adapter.getUserByEmail("non-existent-email")).toBeNull();
    expect(await adapter.getUserByEmail(user.email)).toEqual(user);
  });

  test("createSession", async () => {
    const { sessionToken } = await adapter.createSession(session);
    const stored = await db.session(sessionToken);
    expect(stored).toEqual({ ...session, id: stored!.id });
    session.userId = stored!.userId;
    session.id = stored!.id;
  });

  test("getSessionAndUser", async () => {
    expect(await adapter.getSessionAndUser("invalid-token")).toBeNull();
    const found = await adapter.getSessionAndUser(session.sessionToken);
    if (found === null) throw new Error("the session and its user should exist");
    expect(found).toEqual({ user, session });
  });

  test("updateUser", async () => {
    const returned = await adapter.updateUser({ id: user.id, name: "Updated Name" });
    expect(returned.name).toBe("Updated Name");
    expect((await db.user(user.id))!.name).toBe("Updated Name");
    user.name = "Updated Name";
  });

  test("updateSession", async () => {
    expect((await db.session(session.sessionToken))!.expires!.valueOf()).not.toBe(
      IN_A_MONTH.valueOf(),
    );
    await adapter.updateSession({ sessionToken: session.sessionToken, expires: IN_A_MONTH });
    expect((await db.session(session.sessionToken))!.expires!.valueOf()).toBe(
      IN_A_MONTH.valueOf(),
    );
  });

  test("linkAccount", async () => {
    await adapter.linkAccount(account);
    const stored = await db.account({
      provider: account.provider,
      providerAccountId: account.providerAccountId,
    });
    expect(stored).toEqual({ ...account, id: stored!.id });
  });

  test("getUserByAccount", async () => {
    expect(
      await adapter.getUserByAccount({
        provider: "invalid-provider",
        providerAccountId: "invalid-provider-account-id",
      }),
    ).toBeNull();
    expect(
      await adapter.getUserByAccount({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      }),
    ).toEqual(user);
  });

  test("deleteSession", async () => {
    await adapter.deleteSession(session.sessionToken);
    expect(await db.session(session.sessionToken)).toBeNull();
  });

  test("Verification Token methods exist", () => {
    expectMethods(["createVerificationToken", "useVerificationToken"]);
  });

  test("createVerificationToken", async () => {
    const token = {
      token: hashedToken(),
      identifier: "info@example.com",
      expires: IN_FIFTEEN_MINUTES,
    };
    await adapter.createVerificationToken(token);
    expect(
      await db.verificationToken({ token: token.token, identifier: token.identifier }),
    ).toEqual(token);
  });

  test("useVerificationToken", async () => {
    const token = {
      token: hashedToken(),
      identifier: "info@example.com",
      expires: IN_FIFTEEN_MINUTES,
    };
    await adapter.createVerificationToken(token);
    const first = await adapter.useVerificationToken({
      identifier: token.identifier,
      token: token.token,
    });
    if (first === null) throw new Error("the verification token should exist");
    expect(first).toEqual(token);
    expect(
      await adapter.useVerificationToken({ identifier: token.identifier, token: token.token }),
    ).toBeNull();
  });

  test("Future methods exist", () => {
    expectMethods(["unlinkAccount", "deleteUser"]);
  });

  test("unlinkAccount", async () => {
    const key = { provider: account.provider, providerAccountId: account.providerAccountId };
    const stored = await db.account(key);
    expect(stored).toEqual({ ...account, id: stored!.id });
    await adapter.unlinkAccount(key);
    expect(await db.account(key)).toBeNull();
  });

  test("deleteUser", async () => {
    expect(await db.user(user.id)).toEqual(user);
    // Give the user a session and an account again, then delete it.
    delete session.id;
    await adapter.createSession(session);
    await adapter.linkAccount(account);

    await adapter.deleteUser(user.id);
    expect(await db.user(user.id)).toBeNull();
    expect(await db.session(session.sessionToken)).toBeNull();
    expect(
      await db.account({ provider: account.provider, providerAccountId: account.providerAccountId }),
    ).toBeNull();
  });

  // WebAuthn methods (the suite's `testWebAuthnMethods`): on, since we store authenticators.

  /** A user linked to a passkey account for `credentialID`, as the suite sets one up. */
  async function webAuthnUser(email: string, credentialIDs: string[]) {
    const owner = await adapter.createUser({ id: randomUUID(), email, emailVerified: null });
    for (const credentialID of credentialIDs) {
      await adapter.linkAccount({
        provider: "webauthn",
        providerAccountId: credentialID,
        type: "webauthn",
        userId: owner.id,
      });
    }
    return owner;
  }

  function authenticatorFor(userId: string, credentialID: string, transports: string) {
    return {
      credentialID,
      providerAccountId: credentialID,
      userId,
      counter: randomInt(100),
      credentialBackedUp: true,
      credentialDeviceType: "platform",
      credentialPublicKey: randomUUID(),
      transports,
    };
  }

  test("getAccount", async () => {
    const providerAccountId = randomUUID();
    const provider = "auth0";
    const owner = await adapter.createUser({
      id: randomUUID(),
      email: "getAccount@example.com",
      emailVerified: null,
    });
    await adapter.linkAccount({ provider, providerAccountId, type: "oauth", userId: owner.id });

    expect(
      await adapter.getAccount("invalid-provider-account-id", "invalid-provider"),
    ).toBeNull();
    expect(await adapter.getAccount(providerAccountId, "invalid-provider")).toBeNull();
    expect(await adapter.getAccount("invalid-provider-account-id", provider)).toBeNull();
    const found = await adapter.getAccount(providerAccountId, provider);
    expect(found).not.toBeNull();
    expect(await db.account({ provider, providerAccountId })).toMatchObject(found ?? {});
  });

  test("createAuthenticator", async () => {
    const credentialID = randomUUID();
    const owner = await webAuthnUser("createAuthenticator@example.com", [credentialID]);
    const data = authenticatorFor(owner.id, credentialID, "usb,ble,nfc");
    const created = await adapter.createAuthenticator(data);
    expect(created).not.toBeNull();
    expect(created).toMatchObject(data);
    expect(await db.authenticator(credentialID)).toMatchObject(created);
  });

  test("getAuthenticator", async () => {
    const credentialID = randomUUID();
    const owner = await webAuthnUser("getAuthenticator@example.com", [credentialID]);
    await adapter.createAuthenticator(authenticatorFor(owner.id, credentialID, "usb,ble,nfc"));

    expect(await adapter.getAuthenticator("invalid-credential-id")).toBeNull();
    const found = await adapter.getAuthenticator(credentialID);
    expect(found).not.toBeNull();
    expect(await db.authenticator(credentialID)).toMatchObject(found ?? {});
  });

  test("listAuthenticatorsByUserId", async () => {
    const [id1, id2, id3] = [randomUUID(), randomUUID(), randomUUID()];
    const user1 = await webAuthnUser("listAuthenticatorsByUserId1@example.com", [id1, id2]);
    const user2 = await webAuthnUser("listAuthenticatorsByUserId2@example.com", [id3]);
    const first = await adapter.createAuthenticator(authenticatorFor(user1.id, id1, "usb,ble,nfc"));
    const second = await adapter.createAuthenticator(authenticatorFor(user1.id, id2, "usb,nfc"));
    const third = await adapter.createAuthenticator(authenticatorFor(user2.id, id3, "usb,ble"));

    expect(await adapter.listAuthenticatorsByUserId("invalid-user-id")).toEqual([]);
    const ofUser1 = await adapter.listAuthenticatorsByUserId(user1.id);
    expect(ofUser1).not.toBeNull();
    expect([second, first]).toMatchObject(ofUser1 ?? []);
    const ofUser2 = await adapter.listAuthenticatorsByUserId(user2.id);
    expect(ofUser2).not.toBeNull();
    expect([third]).toMatchObject(ofUser2 ?? []);
  });

  test("updateAuthenticatorCounter", async () => {
    const credentialID = randomUUID();
    const owner = await webAuthnUser("updateAuthenticatorCounter@example.com", [credentialID]);
    const created = await adapter.createAuthenticator(
      authenticatorFor(owner.id, credentialID, "usb,ble,nfc"),
    );

    await expect(() =>
      adapter.updateAuthenticatorCounter("invalid-credential-id", randomInt(100)),
    ).rejects.toThrow();
    const newCounter = created.counter + randomInt(100);
    const updated = await adapter.updateAuthenticatorCounter(credentialID, newCounter);
    expect(updated).not.toBeNull();
    expect(updated.counter).toBe(newCounter);
  });
});

// ---------------------------------------------------------------------------
// Our own cases, beyond the suite.

/** A fresh e-mail per test, so tests do not depend on each other's rows. */
function email() {
  return `user-${randomUUID()}@example.com`;
}

async function newUser(overrides: Partial<AdapterUser> = {}): Promise<AdapterUser> {
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
    token_type: "bearer",
  };
}

describe("beyond the suite", () => {
  test("createUser returns a database id, never Convex system fields", async () => {
    const input = { id: randomUUID(), email: email(), emailVerified: null, name: "Ada" };
    const user = await adapter.createUser(input);
    expect(user.id).not.toBe(input.id);
    expect(user).not.toHaveProperty("_id");
    expect(user).not.toHaveProperty("_creationTime");
  });

  test("deleteUser also removes the user's authenticators", async () => {
    const user = await newUser();
    const credentialID = randomUUID();
    await adapter.createAuthenticator({
      credentialID,
      userId: user.id,
      providerAccountId: credentialID,
      credentialPublicKey: "public-key",
      counter: 0,
      credentialDeviceType: "singleDevice",
      credentialBackedUp: false,
    });
    await adapter.deleteUser(user.id);
    expect(await db.authenticator(credentialID)).toBeNull();
    expect(await adapter.listAuthenticatorsByUserId(user.id)).toEqual([]);
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
    const stored = await db.account(account);
    expect(stored).toMatchObject({ type: "oidc", access_token: "access-token" });
    expect(stored).not.toHaveProperty("expires_in");
    expect(stored).not.toHaveProperty("not-before-policy");
  });

  test("the session callback gets the session's activity through the user object", async () => {
    const user = await newUser();
    const sessionToken = randomUUID();
    await adapter.createSession({ sessionToken, userId: user.id, expires: IN_A_WEEK });
    const found = (await adapter.getSessionAndUser(sessionToken))!;
    const row = await storedRow({ table: "sessions", sessionToken });
    expect(sessionActivity(found.user)).toEqual({ lastSeenAt: new Date(row!.lastSeenAt as number) });
    // A user object from anywhere else carries none.
    expect(sessionActivity((await adapter.getUser(user.id))!)).toBeUndefined();
  });

  test("touchSessionIfStale writes only when the last record is old", async () => {
    const user = await newUser();
    const sessionToken = randomUUID();
    await adapter.createSession({ sessionToken, userId: user.id, expires: IN_A_WEEK });
    const found = (await adapter.getSessionAndUser(sessionToken))!;
    const session = { sessionToken, lastSeenAt: sessionActivity(found.user)!.lastSeenAt };
    const options = { url: backend.url, secret: SECRET, ip: "203.0.113.9" };
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      // Fresh (just created): decided locally, no request at all.
      expect(await touchSessionIfStale(session, options)).toBe(false);
      expect(fetchSpy).not.toHaveBeenCalled();
      // Our clock says stale, so it asks; the server's own check finds it fresh.
      const later = Date.now() + LAST_SEEN_INTERVAL_MS;
      expect(await touchSessionIfStale(session, { ...options, now: later })).toBe(false);
      expect(fetchSpy).toHaveBeenCalledTimes(1);
    } finally {
      fetchSpy.mockRestore();
    }
    // An unknown session is left alone, and the failure-free path says so.
    expect(
      await touchSessionIfStale({ sessionToken: randomUUID(), lastSeenAt: null }, options),
    ).toBe(false);
  });

  test("deleteSession twice is not an error (Auth.js may sign out twice)", async () => {
    const user = await newUser();
    const sessionToken = randomUUID();
    await adapter.createSession({ sessionToken, userId: user.id, expires: IN_A_WEEK });
    await adapter.deleteSession(sessionToken);
    await expect(adapter.deleteSession(sessionToken)).resolves.toBeNull();
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
        expires: new Date(Date.now() + DAY),
      });
      sessionId = (created as ConvexAdapterSession).id;
    } finally {
      requestHeaders.current = null;
    }

    // The token our Next.js server would put in the session, verified by the
    // backend through the JWKS that convex/http.ts serves.
    const minter = createConvexTokenMinter({ privateKeyPem, issuer: backend.siteUrl });
    const { token } = await minter.tokenForSession(user.id, sessionId);
    const client = new ConvexHttpClient(backend.url);
    client.setAuth(token);
    const { page: devices } = await client.query(api.sessions.listMine, {
      paginationOpts: { numItems: 10, cursor: null },
    });
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
    expect(await client.query(api.sessions.current, {})).toEqual({ status: "signedOut" });
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
    const wrong = ConvexAdapter({ url: backend.url, secret: "wrong-secret-value" }) as Required<Adapter>;
    const caught = await failure(() => wrong.getUserByEmail(email()));
    expect(caught).toBeInstanceOf(ConvexError);
    expect((caught as ConvexError<{ code: string }>).data.code).toBe("BAD_ADAPTER_SECRET");
    expect(String((caught as Error).message)).not.toContain(SECRET);

    const address = email();
    const created = await failure(() =>
      wrong.createUser({ id: randomUUID(), email: address, emailVerified: null }),
    );
    expect((created as ConvexError<{ code: string }>).data.code).toBe("BAD_ADAPTER_SECRET");
    expect(await adapter.getUserByEmail(address)).toBeNull();
  });

  test("the raw-row reader is internal: the app's clients cannot call it", async () => {
    const outsider = new ConvexHttpClient(backend.url);
    await expect(
      outsider.query(storedRowRef, { lookup: { table: "users", id: "x" } }),
    ).rejects.toThrow(/Could not find public function/);
  });
});
