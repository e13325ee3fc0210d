import { convexTest } from "convex-test";
import type { FunctionReference } from "convex/server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import * as adapterModule from "./authAdapter";
import { secretsMatch } from "./lib/functions";
import { LAST_SEEN_INTERVAL_MS } from "./shared/limits";
import { appErrorData } from "./errors";
import schema from "./schema";
import { modules } from "./test.setup";

const SECRET = "test-adapter-secret-0123456789";
const a = api.authAdapter;

beforeEach(() => {
  vi.stubEnv("CONVEX_AUTH_ADAPTER_SECRET", SECRET);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

type T = ReturnType<typeof convexTest>;

/** Convex marks registered functions with `isQuery` / `isMutation` / `isAction`. */
function isRegisteredFunction(value: unknown): boolean {
  if (typeof value !== "function" && typeof value !== "object") return false;
  const fn = value as {
    isQuery?: boolean;
    isMutation?: boolean;
    isAction?: boolean;
  };
  return fn.isQuery === true || fn.isMutation === true || fn.isAction === true;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return appErrorData(error)?.code;
  }
  return undefined;
}

/** Every document of every auth and device table, to prove a call changed nothing. */
async function snapshot(t: T) {
  return t.run(async (ctx) => ({
    users: await ctx.db.query("users").collect(),
    accounts: await ctx.db.query("accounts").collect(),
    sessions: await ctx.db.query("sessions").collect(),
    verificationTokens: await ctx.db.query("verificationTokens").collect(),
    authenticators: await ctx.db.query("authenticators").collect(),
    rateLimits: await ctx.db.query("rateLimits").collect(),
    memberships: await ctx.db.query("memberships").collect(),
    cartItems: await ctx.db.query("cartItems").collect(),
    deviceSettings: await ctx.db.query("deviceSettings").collect(),
    orders: await ctx.db.query("orders").collect(),
  }));
}

async function newUser(t: T, email = "alice@example.com") {
  return t.mutation(a.createUser, {
    secret: SECRET,
    email,
    name: "Alice",
    emailVerified: null,
    image: null,
  });
}

/** A store with a product, a cart line and settings for `sessionId`, and an order. */
async function deviceData(
  t: T,
  userId: Id<"users">,
  sessionId: Id<"sessions">,
) {
  return t.run(async (ctx) => {
    const storeId = await ctx.db.insert("stores", {
      slug: "s",
      name: "S",
      description: "",
      currency: "EUR",
      accentColor: "#000",
      logo: "/x.svg",
    });
    const productId = await ctx.db.insert("products", {
      storeId,
      name: "P",
      description: "",
      category: "c",
      priceMinor: 100,
      stock: 5,
      image: "/p.svg",
      archived: false,
    });
    await ctx.db.insert("cartItems", {
      sessionId,
      userId,
      storeId,
      productId,
      quantity: 2,
    });
    await ctx.db.insert("deviceSettings", { sessionId, userId, theme: "dark" });
    await ctx.db.insert("memberships", { storeId, userId, role: "owner" });
    const orderId = await ctx.db.insert("orders", {
      storeId,
      userId,
      sessionId,
      deviceLabel: "Laptop",
      items: [{ productId, name: "P", unitPriceMinor: 100, quantity: 1 }],
      totalMinor: 100,
      currency: "EUR",
      shipping: {
        fullName: "A",
        line1: "1 Road",
        city: "C",
        postalCode: "1",
        country: "DE",
      },
      cardLast4: "4242",
      status: "placed",
      idempotencyKey: "k",
    });
    return { storeId, productId, orderId };
  });
}

describe("secretsMatch", () => {
  test("accepts only the exact secret", () => {
    expect(secretsMatch("abc", "abc")).toBe(true);
    expect(secretsMatch("abd", "abc")).toBe(false);
    expect(secretsMatch("ab", "abc")).toBe(false);
    expect(secretsMatch("abcabc", "abc")).toBe(false);
    expect(secretsMatch("", "abc")).toBe(false);
    expect(secretsMatch("", "")).toBe(false);
  });
});

describe("users", () => {
  test("create, get by id, by e-mail and by account, update", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    expect(user).toEqual({
      id: expect.any(String),
      email: "alice@example.com",
      name: "Alice",
      emailVerified: null,
      image: null,
    });
    expect(user).not.toHaveProperty("_id");
    expect(user).not.toHaveProperty("_creationTime");

    expect(await t.query(a.getUser, { secret: SECRET, id: user.id })).toEqual(
      user,
    );
    expect(
      await t.query(a.getUser, { secret: SECRET, id: "not-an-id" }),
    ).toBeNull();
    expect(
      await t.query(a.getUserByEmail, {
        secret: SECRET,
        email: "alice@example.com",
      }),
    ).toEqual(user);
    expect(
      await t.query(a.getUserByEmail, {
        secret: SECRET,
        email: "nobody@example.com",
      }),
    ).toBeNull();

    expect(
      await t.query(a.getUserByAccount, {
        secret: SECRET,
        provider: "github",
        providerAccountId: "42",
      }),
    ).toBeNull();
    await t.mutation(a.linkAccount, {
      secret: SECRET,
      userId: user.id,
      type: "oauth",
      provider: "github",
      providerAccountId: "42",
      access_token: "at",
    });
    expect(
      await t.query(a.getUserByAccount, {
        secret: SECRET,
        provider: "github",
        providerAccountId: "42",
      }),
    ).toEqual(user);

    const updated = await t.mutation(a.updateUser, {
      secret: SECRET,
      id: user.id,
      name: "Alice B",
      emailVerified: 1_700_000_000_000,
    });
    expect(updated).toEqual({
      ...user,
      name: "Alice B",
      emailVerified: 1_700_000_000_000,
    });
    expect(await t.query(a.getUser, { secret: SECRET, id: user.id })).toEqual(
      updated,
    );
  });

  test("a second user with the same e-mail is refused", async () => {
    const t = convexTest(schema, modules);
    await newUser(t);
    expect(await codeOf(newUser(t))).toBe("INVALID_INPUT");
    const bob = await newUser(t, "bob@example.com");
    expect(
      await codeOf(
        t.mutation(a.updateUser, {
          secret: SECRET,
          id: bob.id,
          email: "alice@example.com",
        }),
      ),
    ).toBe("INVALID_INPUT");
  });

  test("deleteUser removes sessions with their device data, accounts, authenticators and memberships; orders stay", async () => {
    const t = convexTest(schema, modules);
    const alice = await newUser(t);
    const bob = await newUser(t, "bob@example.com");
    const session = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: alice.id,
      sessionToken: "tok-a",
      expires: Date.now() + 60_000,
    });
    const bobSession = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: bob.id,
      sessionToken: "tok-b",
      expires: Date.now() + 60_000,
    });
    const { orderId } = await deviceData(t, alice.id, session.id);
    await deviceData(t, bob.id, bobSession.id);
    await t.mutation(a.linkAccount, {
      secret: SECRET,
      userId: alice.id,
      type: "oidc",
      provider: "demo",
      providerAccountId: "a",
    });
    await t.mutation(a.createAuthenticator, {
      secret: SECRET,
      userId: alice.id,
      credentialID: "cred-a",
      providerAccountId: "a",
      credentialPublicKey: "pk",
      counter: 0,
      credentialDeviceType: "singleDevice",
      credentialBackedUp: false,
    });

    const deleted = await t.mutation(a.deleteUser, {
      secret: SECRET,
      id: alice.id,
    });
    expect(deleted).toEqual(alice);

    const after = await snapshot(t);
    expect(after.users.map((u) => u._id)).toEqual([bob.id]);
    expect(after.sessions.map((s) => s._id)).toEqual([bobSession.id]);
    expect(after.accounts).toEqual([]);
    expect(after.authenticators).toEqual([]);
    expect(after.memberships.map((m) => m.userId)).toEqual([bob.id]);
    expect(after.cartItems.map((c) => c.userId)).toEqual([bob.id]);
    expect(after.deviceSettings.map((s) => s.userId)).toEqual([bob.id]);
    expect(after.orders.map((o) => o._id)).toContain(orderId);
    expect(
      await t.query(a.getUser, { secret: SECRET, id: alice.id }),
    ).toBeNull();
    expect(
      await t.query(a.getSessionAndUser, {
        secret: SECRET,
        sessionToken: "tok-a",
      }),
    ).toBeNull();

    expect(
      await t.mutation(a.deleteUser, { secret: SECRET, id: alice.id }),
    ).toBeNull();
  });
});

describe("accounts", () => {
  test("link, get, unlink; a provider account links once", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const account = {
      userId: user.id,
      type: "oauth" as const,
      provider: "google",
      providerAccountId: "g-1",
      access_token: "at",
      refresh_token: "rt",
      expires_at: 1_800_000_000,
      token_type: "bearer",
      scope: "openid email",
      id_token: "idt",
    };
    expect(
      await t.mutation(a.linkAccount, { secret: SECRET, ...account }),
    ).toEqual(account);
    expect(
      await codeOf(t.mutation(a.linkAccount, { secret: SECRET, ...account })),
    ).toBe("INVALID_INPUT");
    expect(
      await t.query(a.getAccount, {
        secret: SECRET,
        provider: "google",
        providerAccountId: "g-1",
      }),
    ).toEqual(account);

    expect(
      await t.mutation(a.unlinkAccount, {
        secret: SECRET,
        provider: "google",
        providerAccountId: "g-1",
      }),
    ).toEqual(account);
    expect(
      await t.query(a.getUserByAccount, {
        secret: SECRET,
        provider: "google",
        providerAccountId: "g-1",
      }),
    ).toBeNull();
    expect(
      await t.mutation(a.unlinkAccount, {
        secret: SECRET,
        provider: "google",
        providerAccountId: "g-1",
      }),
    ).toBeNull();
  });

  test("linking to a deleted user is refused", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    await t.mutation(a.deleteUser, { secret: SECRET, id: user.id });
    expect(
      await codeOf(
        t.mutation(a.linkAccount, {
          secret: SECRET,
          userId: user.id,
          type: "oauth",
          provider: "github",
          providerAccountId: "1",
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe("sessions", () => {
  test("create records the device and lastSeenAt; get returns the stored session, its user and lastSeenAt beside them", async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const expires = Date.now() + 30 * 86_400_000;
    const session = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: user.id,
      sessionToken: "tok-1",
      expires,
      userAgent: "Mozilla/5.0",
      browser: "Chrome 131",
      os: "macOS 15",
      deviceType: "desktop",
      ip: "203.0.113.7",
    });
    expect(session).toEqual({
      id: expect.any(String),
      userId: user.id,
      sessionToken: "tok-1",
      expires,
    });
    const doc = await t.run((ctx) => ctx.db.get(session.id));
    expect(doc).toMatchObject({
      browser: "Chrome 131",
      os: "macOS 15",
      deviceType: "desktop",
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0",
    });

    expect(
      await t.query(a.getSessionAndUser, {
        secret: SECRET,
        sessionToken: "tok-1",
      }),
    ).toEqual({ session, user, lastSeenAt: 1_800_000_000_000 });
    expect(
      await t.query(a.getSessionAndUser, {
        secret: SECRET,
        sessionToken: "nope",
      }),
    ).toBeNull();
  });

  test("update changes the expiry; unknown tokens give null", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const session = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: user.id,
      sessionToken: "tok-1",
      expires: 1000,
    });
    const updated = await t.mutation(a.updateSession, {
      secret: SECRET,
      sessionToken: "tok-1",
      expires: 2000,
    });
    expect(updated).toEqual({ ...session, expires: 2000 });
    expect(
      (
        await t.query(a.getSessionAndUser, {
          secret: SECRET,
          sessionToken: "tok-1",
        })
      )?.session.expires,
    ).toBe(2000);
    expect(
      await t.mutation(a.updateSession, {
        secret: SECRET,
        sessionToken: "nope",
        expires: 3000,
      }),
    ).toBeNull();
  });

  test("delete removes that session's carts and settings, keeps orders and other sessions", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const one = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: user.id,
      sessionToken: "tok-1",
      expires: Date.now() + 60_000,
    });
    const two = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: user.id,
      sessionToken: "tok-2",
      expires: Date.now() + 60_000,
    });
    const { orderId } = await deviceData(t, user.id, one.id);
    await t.run(async (ctx) => {
      await ctx.db.insert("deviceSettings", {
        sessionId: two.id,
        userId: user.id,
        theme: "light",
      });
    });

    expect(
      await t.mutation(a.deleteSession, {
        secret: SECRET,
        sessionToken: "tok-1",
      }),
    ).toEqual(one);
    const after = await snapshot(t);
    expect(after.sessions.map((s) => s._id)).toEqual([two.id]);
    expect(after.cartItems).toEqual([]);
    expect(after.deviceSettings.map((s) => s.sessionId)).toEqual([two.id]);
    expect(after.orders.map((o) => o._id)).toEqual([orderId]);
    expect(
      await t.mutation(a.deleteSession, {
        secret: SECRET,
        sessionToken: "tok-1",
      }),
    ).toBeNull();
  });

  test("touchSession writes lastSeenAt and ip at most every 5 minutes", async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const created = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: user.id,
      sessionToken: "tok-1",
      expires: Date.now() + 86_400_000,
      ip: "198.51.100.1",
    });
    const read = () => t.run((ctx) => ctx.db.get(created.id));

    vi.setSystemTime(Date.now() + LAST_SEEN_INTERVAL_MS - 1);
    expect(
      await t.mutation(a.touchSession, {
        secret: SECRET,
        sessionToken: "tok-1",
        ip: "198.51.100.2",
      }),
    ).toBe(false);
    expect(await read()).toMatchObject({
      lastSeenAt: 1_800_000_000_000,
      ip: "198.51.100.1",
    });

    vi.setSystemTime(1_800_000_000_000 + LAST_SEEN_INTERVAL_MS);
    expect(
      await t.mutation(a.touchSession, {
        secret: SECRET,
        sessionToken: "tok-1",
        ip: "198.51.100.2",
      }),
    ).toBe(true);
    expect(await read()).toMatchObject({
      lastSeenAt: 1_800_000_000_000 + LAST_SEEN_INTERVAL_MS,
      ip: "198.51.100.2",
    });

    // Without an ip the recorded one is kept.
    vi.setSystemTime(Date.now() + LAST_SEEN_INTERVAL_MS);
    expect(
      await t.mutation(a.touchSession, {
        secret: SECRET,
        sessionToken: "tok-1",
      }),
    ).toBe(true);
    expect(await read()).toMatchObject({ ip: "198.51.100.2" });

    expect(
      await t.mutation(a.touchSession, {
        secret: SECRET,
        sessionToken: "nope",
      }),
    ).toBe(false);
  });

  test("touchSession leaves an expired session alone", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const created = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: user.id,
      sessionToken: "tok-1",
      expires: Date.now() - 1,
    });
    await t.run((ctx) => ctx.db.patch(created.id, { lastSeenAt: 0 }));
    expect(
      await t.mutation(a.touchSession, {
        secret: SECRET,
        sessionToken: "tok-1",
      }),
    ).toBe(false);
    expect((await t.run((ctx) => ctx.db.get(created.id)))?.lastSeenAt).toBe(0);
  });
});

describe("verification tokens", () => {
  test("are single use", async () => {
    const t = convexTest(schema, modules);
    const token = {
      identifier: "alice@example.com",
      token: "hash-1",
      expires: 5000,
    };
    expect(
      await t.mutation(a.createVerificationToken, { secret: SECRET, ...token }),
    ).toEqual(token);
    expect(
      await t.mutation(a.useVerificationToken, {
        secret: SECRET,
        identifier: "alice@example.com",
        token: "other",
      }),
    ).toBeNull();
    expect(
      await t.mutation(a.useVerificationToken, {
        secret: SECRET,
        identifier: "alice@example.com",
        token: "hash-1",
      }),
    ).toEqual(token);
    expect(
      await t.mutation(a.useVerificationToken, {
        secret: SECRET,
        identifier: "alice@example.com",
        token: "hash-1",
      }),
    ).toBeNull();
    expect((await snapshot(t)).verificationTokens).toEqual([]);
  });
});

describe("authenticators", () => {
  test("create, get, list by user, update the counter", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const other = await newUser(t, "bob@example.com");
    const authenticator = {
      userId: user.id,
      credentialID: "cred-1",
      providerAccountId: "cred-1",
      credentialPublicKey: "pk",
      counter: 1,
      credentialDeviceType: "multiDevice",
      credentialBackedUp: true,
      transports: "internal,hybrid",
    };
    expect(
      await t.mutation(a.createAuthenticator, {
        secret: SECRET,
        ...authenticator,
      }),
    ).toEqual(authenticator);
    expect(
      await codeOf(
        t.mutation(a.createAuthenticator, { secret: SECRET, ...authenticator }),
      ),
    ).toBe("INVALID_INPUT");
    await t.mutation(a.createAuthenticator, {
      secret: SECRET,
      ...authenticator,
      userId: other.id,
      credentialID: "cred-2",
    });

    expect(
      await t.query(a.getAuthenticator, {
        secret: SECRET,
        credentialID: "cred-1",
      }),
    ).toEqual(authenticator);
    expect(
      await t.query(a.getAuthenticator, {
        secret: SECRET,
        credentialID: "nope",
      }),
    ).toBeNull();
    expect(
      await t.query(a.listAuthenticatorsByUserId, {
        secret: SECRET,
        userId: user.id,
      }),
    ).toEqual([authenticator]);

    expect(
      await t.mutation(a.updateAuthenticatorCounter, {
        secret: SECRET,
        credentialID: "cred-1",
        newCounter: 7,
      }),
    ).toEqual({ ...authenticator, counter: 7 });
    expect(
      await codeOf(
        t.mutation(a.updateAuthenticatorCounter, {
          secret: SECRET,
          credentialID: "nope",
          newCounter: 1,
        }),
      ),
    ).toBe("PASSKEY_UNKNOWN");
  });
});

describe("untrusted ids", () => {
  test("every function takes ids as strings: one that names no user reads as not found", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const otherTable = (
      await t.mutation(a.createSession, {
        secret: SECRET,
        userId: user.id,
        sessionToken: "tok",
        expires: Date.now() + 60_000,
      })
    ).id;
    const before = await snapshot(t);
    for (const id of ["not-an-id", otherTable, ""]) {
      expect(await t.query(a.getUser, { secret: SECRET, id })).toBeNull();
      expect(await t.mutation(a.deleteUser, { secret: SECRET, id })).toBeNull();
      expect(
        await t.query(a.listAuthenticatorsByUserId, {
          secret: SECRET,
          userId: id,
        }),
      ).toEqual([]);
      expect(
        await codeOf(
          t.mutation(a.updateUser, { secret: SECRET, id, name: "X" }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          t.mutation(a.linkAccount, {
            secret: SECRET,
            userId: id,
            type: "oauth",
            provider: "github",
            providerAccountId: "1",
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          t.mutation(a.createSession, {
            secret: SECRET,
            userId: id,
            sessionToken: "t2",
            expires: Date.now() + 60_000,
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          t.mutation(a.createAuthenticator, {
            secret: SECRET,
            userId: id,
            credentialID: "c",
            providerAccountId: "c",
            credentialPublicKey: "pk",
            counter: 0,
            credentialDeviceType: "singleDevice",
            credentialBackedUp: false,
          }),
        ),
      ).toBe("NOT_FOUND");
    }
    expect(await snapshot(t)).toEqual(before);
  });

  test("authenticators are listed newest first", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    for (const credentialID of ["first", "second", "third"]) {
      await t.mutation(a.createAuthenticator, {
        secret: SECRET,
        userId: user.id,
        credentialID,
        providerAccountId: credentialID,
        credentialPublicKey: "pk",
        counter: 0,
        credentialDeviceType: "singleDevice",
        credentialBackedUp: false,
      });
    }
    const listed = await t.query(a.listAuthenticatorsByUserId, {
      secret: SECRET,
      userId: user.id,
    });
    expect(listed.map((row) => row.credentialID)).toEqual([
      "third",
      "second",
      "first",
    ]);
  });
});

describe("the adapter secret", () => {
  type AnyRef = FunctionReference<"query" | "mutation", "public">;

  /** One call per adapter function, with otherwise valid arguments. */
  function calls(ids: {
    userId: Id<"users">;
  }): Array<[string, "query" | "mutation", AnyRef, Record<string, unknown>]> {
    const { userId } = ids;
    return [
      ["createUser", "mutation", a.createUser, { email: "new@example.com" }],
      ["getUser", "query", a.getUser, { id: userId }],
      [
        "getUserByEmail",
        "query",
        a.getUserByEmail,
        { email: "alice@example.com" },
      ],
      [
        "getUserByAccount",
        "query",
        a.getUserByAccount,
        { provider: "github", providerAccountId: "42" },
      ],
      ["updateUser", "mutation", a.updateUser, { id: userId, name: "Mallory" }],
      [
        "linkAccount",
        "mutation",
        a.linkAccount,
        { userId, type: "oauth", provider: "google", providerAccountId: "x" },
      ],
      [
        "unlinkAccount",
        "mutation",
        a.unlinkAccount,
        { provider: "github", providerAccountId: "42" },
      ],
      [
        "getAccount",
        "query",
        a.getAccount,
        { provider: "github", providerAccountId: "42" },
      ],
      [
        "createSession",
        "mutation",
        a.createSession,
        { userId, sessionToken: "tok-new", expires: Date.now() + 1000 },
      ],
      [
        "getSessionAndUser",
        "query",
        a.getSessionAndUser,
        { sessionToken: "tok-1" },
      ],
      [
        "updateSession",
        "mutation",
        a.updateSession,
        { sessionToken: "tok-1", expires: 1 },
      ],
      ["deleteSession", "mutation", a.deleteSession, { sessionToken: "tok-1" }],
      [
        "touchSession",
        "mutation",
        a.touchSession,
        { sessionToken: "tok-1", ip: "x" },
      ],
      [
        "createVerificationToken",
        "mutation",
        a.createVerificationToken,
        { identifier: "a@b.c", token: "t2", expires: 1 },
      ],
      [
        "useVerificationToken",
        "mutation",
        a.useVerificationToken,
        { identifier: "alice@example.com", token: "hash-1" },
      ],
      [
        "allowMagicLink",
        "mutation",
        a.allowMagicLink,
        { identifier: "alice@example.com", ip: "203.0.113.1" },
      ],
      [
        "magicLinkWait",
        "query",
        a.magicLinkWait,
        { identifier: "alice@example.com" },
      ],
      [
        "createAuthenticator",
        "mutation",
        a.createAuthenticator,
        {
          userId,
          credentialID: "cred-new",
          providerAccountId: "p",
          credentialPublicKey: "pk",
          counter: 0,
          credentialDeviceType: "singleDevice",
          credentialBackedUp: false,
        },
      ],
      [
        "getAuthenticator",
        "query",
        a.getAuthenticator,
        { credentialID: "cred-1" },
      ],
      [
        "listAuthenticatorsByUserId",
        "query",
        a.listAuthenticatorsByUserId,
        { userId },
      ],
      [
        "updateAuthenticatorCounter",
        "mutation",
        a.updateAuthenticatorCounter,
        { credentialID: "cred-1", newCounter: 99 },
      ],
      // Last, so the calls above still find the user when the secret is right.
      ["deleteUser", "mutation", a.deleteUser, { id: userId }],
    ];
  }

  async function populated() {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    await t.mutation(a.linkAccount, {
      secret: SECRET,
      userId: user.id,
      type: "oauth",
      provider: "github",
      providerAccountId: "42",
    });
    // Stale lastSeenAt, so a wrongly accepted touchSession would write.
    const s = await t.mutation(a.createSession, {
      secret: SECRET,
      userId: user.id,
      sessionToken: "tok-1",
      expires: Date.now() + 86_400_000,
    });
    await t.run((ctx) => ctx.db.patch(s.id, { lastSeenAt: 0 }));
    await t.mutation(a.createVerificationToken, {
      secret: SECRET,
      identifier: "alice@example.com",
      token: "hash-1",
      expires: Date.now() + 60_000,
    });
    await t.mutation(a.createAuthenticator, {
      secret: SECRET,
      userId: user.id,
      credentialID: "cred-1",
      providerAccountId: "p",
      credentialPublicKey: "pk",
      counter: 0,
      credentialDeviceType: "singleDevice",
      credentialBackedUp: false,
    });
    return { t, userId: user.id };
  }

  test("covers every function the module exports", async () => {
    const { userId } = await populated();
    const tested = calls({ userId })
      .map(([name]) => name)
      .sort();
    // Public ones: the internal `storedRow` (tests' raw reader) takes no secret.
    const exported = Object.entries(adapterModule)
      .filter(
        ([, value]) =>
          isRegisteredFunction(value) &&
          (value as { isPublic?: boolean }).isPublic,
      )
      .map(([name]) => name)
      .sort();
    expect(tested).toEqual(exported);
  });

  test.each([
    ["a wrong secret", "not-the-secret"],
    ["an empty secret", ""],
    ["the secret with a suffix", `${SECRET}x`],
    ["a prefix of the secret", SECRET.slice(0, -1)],
  ])(
    "%s is refused by every function and changes nothing",
    async (_label, secret) => {
      const { t, userId } = await populated();
      const before = await snapshot(t);
      for (const [name, kind, ref, args] of calls({ userId })) {
        const call =
          kind === "query"
            ? t.query(ref as FunctionReference<"query">, { ...args, secret })
            : t.mutation(ref as FunctionReference<"mutation">, {
                ...args,
                secret,
              });
        expect([name, await codeOf(call)]).toEqual([
          name,
          "BAD_ADAPTER_SECRET",
        ]);
      }
      expect(await snapshot(t)).toEqual(before);
    },
  );

  test("with CONVEX_AUTH_ADAPTER_SECRET unset, every function is refused with a message naming it", async () => {
    const { t, userId } = await populated();
    const before = await snapshot(t);
    vi.stubEnv("CONVEX_AUTH_ADAPTER_SECRET", undefined);
    for (const [name, kind, ref, args] of calls({ userId })) {
      const call =
        kind === "query"
          ? t.query(ref as FunctionReference<"query">, {
              ...args,
              secret: SECRET,
            })
          : t.mutation(ref as FunctionReference<"mutation">, {
              ...args,
              secret: SECRET,
            });
      let data: ReturnType<typeof appErrorData> = null;
      try {
        await call;
      } catch (error) {
        data = appErrorData(error);
      }
      expect([name, data?.code]).toEqual([name, "BAD_ADAPTER_SECRET"]);
      expect(data?.message).toContain("CONVEX_AUTH_ADAPTER_SECRET is not set");
    }
    expect(await snapshot(t)).toEqual(before);
  });

  test("the right secret is accepted by every function", async () => {
    const { t, userId } = await populated();
    for (const [name, kind, ref, args] of calls({ userId })) {
      const call =
        kind === "query"
          ? t.query(ref as FunctionReference<"query">, {
              ...args,
              secret: SECRET,
            })
          : t.mutation(ref as FunctionReference<"mutation">, {
              ...args,
              secret: SECRET,
            });
      // Resolving (to a value or null) means the secret check let it through.
      await expect(call, name).resolves.toBeDefined();
    }
  });
});

describe("http routes", () => {
  test("serve the discovery document and the JWKS from env", async () => {
    vi.stubEnv("CONVEX_SITE_URL", "https://site.test");
    vi.stubEnv("JWKS", '{"keys":[{"kty":"RSA","kid":"k1"}]}');
    const t = convexTest(schema, modules);
    const discovery = await t.fetch("/.well-known/openid-configuration");
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get("cache-control")).toContain("max-age");
    expect(await discovery.json()).toMatchObject({
      issuer: "https://site.test",
      jwks_uri: "https://site.test/.well-known/jwks.json",
    });
    const jwks = await t.fetch("/.well-known/jwks.json");
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get("cache-control")).toContain("max-age");
    expect(await jwks.json()).toEqual({ keys: [{ kty: "RSA", kid: "k1" }] });
  });

  test("answer a clear 500 when JWKS is unset or not JSON", async () => {
    const t = convexTest(schema, modules);
    vi.stubEnv("JWKS", undefined);
    const unset = await t.fetch("/.well-known/jwks.json");
    expect(unset.status).toBe(500);
    expect(await unset.text()).toContain("JWKS is not set");
    vi.stubEnv("JWKS", "{oops");
    const bad = await t.fetch("/.well-known/jwks.json");
    expect(bad.status).toBe(500);
    expect(await bad.text()).toContain("not valid JSON");
  });
});

describe("session cap", () => {
  async function signIn(
    t: T,
    userId: string,
    token: string,
    browser = "Chrome 131",
  ) {
    return t.mutation(a.createSession, {
      secret: SECRET,
      userId,
      sessionToken: token,
      expires: Date.now() + 30 * 86_400_000,
      browser,
      os: "macOS",
    });
  }

  test("signing in beyond MAX_SESSIONS_PER_USER ends the least recently used session, live, with an audit entry", async () => {
    vi.stubEnv("MAX_SESSIONS_PER_USER", "3");
    vi.useFakeTimers();
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const bob = await newUser(t, "bob@example.com");
    const first = await signIn(t, user.id, "tok-1", "Firefox 133");
    vi.advanceTimersByTime(1000);
    const second = await signIn(t, user.id, "tok-2");
    vi.advanceTimersByTime(1000);
    const third = await signIn(t, user.id, "tok-3");
    await signIn(t, bob.id, "tok-bob");
    await deviceData(t, user.id as Id<"users">, first.id as Id<"sessions">);
    // The first device was used most recently; the second is now the least recent.
    vi.advanceTimersByTime(LAST_SEEN_INTERVAL_MS + 1000);
    expect(
      await t.mutation(a.touchSession, {
        secret: SECRET,
        sessionToken: "tok-1",
      }),
    ).toBe(true);
    const firstDevice = t.withIdentity({
      subject: `${user.id};${first.id}`,
      issuer: "https://convex.test",
    });
    const secondDevice = t.withIdentity({
      subject: `${user.id};${second.id}`,
      issuer: "https://convex.test",
    });
    expect(await secondDevice.query(api.sessions.current, {})).toMatchObject({
      status: "active",
    });

    vi.advanceTimersByTime(1000);
    const fourth = await signIn(t, user.id, "tok-4");

    const rows = await snapshot(t);
    const mine = rows.sessions
      .filter((s) => s.userId === user.id)
      .map((s) => s._id);
    expect(mine.sort()).toEqual([first.id, third.id, fourth.id].sort());
    // The evicted device sees the usual live sign-out; the one in use stays.
    expect(await secondDevice.query(api.sessions.current, {})).toEqual({
      status: "signedOut",
    });
    expect(await firstDevice.query(api.sessions.current, {})).toMatchObject({
      status: "active",
    });
    expect(rows.cartItems.map((c) => c.sessionId)).toEqual([first.id]);
    // Bob's session is not his to lose.
    expect(rows.sessions.filter((s) => s.userId === bob.id)).toHaveLength(1);

    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "session.evicted",
      actorUserId: user.id,
      actorSessionId: fourth.id,
      actorEmail: "alice@example.com",
      targetUserId: user.id,
      targetSessionId: second.id,
      targetDescription:
        "Chrome 131 on macOS: over the limit of 3 signed-in devices",
    });
  });

  test("the default cap is 50, and a cap lowered later is caught up in batches", async () => {
    const t = convexTest(schema, modules);
    const user = await newUser(t);
    const userId = user.id as Id<"users">;
    await t.run(async (ctx) => {
      for (let i = 0; i < 50; i++) {
        await ctx.db.insert("sessions", {
          userId,
          sessionToken: `seed-${i}`,
          expires: Date.now() + 86_400_000,
          lastSeenAt: Date.now() - 1000 + i,
        });
      }
    });
    await signIn(t, user.id, "tok-51");
    const count = async () =>
      (await t.run((ctx) => ctx.db.query("sessions").collect())).length;
    expect(await count()).toBe(50);
    expect(
      await t.run((ctx) =>
        ctx.db
          .query("sessions")
          .withIndex("by_sessionToken", (q) => q.eq("sessionToken", "seed-0"))
          .first(),
      ),
    ).toBeNull();

    // 250 over a cap of 2: the first 200 go at once, the rest in a scheduled batch.
    vi.stubEnv("MAX_SESSIONS_PER_USER", "2");
    await t.run(async (ctx) => {
      for (let i = 0; i < 201; i++) {
        await ctx.db.insert("sessions", {
          userId,
          sessionToken: `more-${i}`,
          expires: Date.now() + 86_400_000,
          lastSeenAt: 0,
        });
      }
    });
    vi.useFakeTimers();
    const newest = await signIn(t, user.id, "tok-newest");
    expect(await count()).toBeGreaterThan(2);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const left = await t.run((ctx) => ctx.db.query("sessions").collect());
    expect(left).toHaveLength(2);
    expect(left.map((s) => s._id)).toContain(newest.id);
  });
});
