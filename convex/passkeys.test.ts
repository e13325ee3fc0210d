// Passkeys: each refusal the issue names (expired or replayed challenge, a counter that
// goes backwards, a credential of another user, a removed passkey, adding one without a
// recent sign-in) is refused with its code and stores nothing; the Security page's list
// and removal see only the caller's own passkeys; sessions record how they signed in.
import { convexTest } from "convex-test";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import schema from "./schema";
import { PASSKEY_ADD_SIGN_IN_MAX_AGE_MS, PASSKEY_CHALLENGE_TTL_MS } from "./shared/limits";
import { PASSKEY_REFUSALS } from "./shared/passkeys";
import { asDevice, failure, modules, type TestConvex } from "./test.setup";

const SECRET = "test-adapter-secret-0123456789";
const NOW = 1_800_000_000_000;

beforeEach(() => {
  vi.stubEnv("CONVEX_AUTH_ADAPTER_SECRET", SECRET);
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

/** Every row a passkey step could touch, to prove a refused call changed nothing. */
function stored(t: TestConvex) {
  return t.run(async (ctx) => ({
    accounts: await ctx.db.query("accounts").collect(),
    authenticators: await ctx.db.query("authenticators").collect(),
    passkeyChallenges: await ctx.db.query("passkeyChallenges").collect(),
    sessions: await ctx.db.query("sessions").collect(),
  }));
}

async function newSession(t: TestConvex, userId: Id<"users">, token: string) {
  const { id } = await t.mutation(api.authAdapter.createSession, {
    secret: SECRET,
    userId,
    sessionToken: token,
    expires: Date.now() + 30 * 86_400_000,
    signInMethod: "demo",
  });
  return id;
}

/** Alice with a session and a passkey "cred-a" (linked as Auth.js links one); Bob likewise. */
async function setup() {
  const t = convexTest(schema, modules);
  const [alice, bob] = await t.run(async (ctx) => [
    await ctx.db.insert("users", { email: "alice@example.com" }),
    await ctx.db.insert("users", { email: "bob@example.com" }),
  ]);
  const aliceSession = await newSession(t, alice, "tok-a");
  const bobSession = await newSession(t, bob, "tok-b");
  for (const [userId, credentialID] of [
    [alice, "cred-a"],
    [bob, "cred-b"],
  ] as const) {
    await t.mutation(api.authAdapter.linkAccount, {
      secret: SECRET,
      userId,
      type: "webauthn",
      provider: "passkey",
      providerAccountId: credentialID,
    });
    await t.mutation(api.authAdapter.createAuthenticator, {
      secret: SECRET,
      userId,
      credentialID,
      providerAccountId: credentialID,
      credentialPublicKey: "pk",
      counter: 5,
      credentialDeviceType: "multiDevice",
      credentialBackedUp: true,
      name: credentialID === "cred-a" ? "  Alice's   laptop " : undefined,
    });
  }
  return { t, alice, bob, aliceSession, bobSession };
}

const issue = (
  t: TestConvex,
  args: {
    challenge: string;
    purpose: "register" | "authenticate";
    sessionId?: string;
    name?: string;
  },
) => t.mutation(api.passkeys.issueChallengeFor, { secret: SECRET, ...args });
const redeem = (t: TestConvex, challenge: string, purpose: "register" | "authenticate") =>
  t.mutation(api.passkeys.redeemChallenge, {
    secret: SECRET,
    challenge,
    purpose,
  });

describe("challenges", () => {
  test("are accepted once: a replayed, unknown or other-purpose one is refused", async () => {
    const { t } = await setup();
    await issue(t, { challenge: "ch-1", purpose: "authenticate" });
    expect(await redeem(t, "ch-1", "authenticate")).toEqual({
      userId: null,
      name: null,
    });
    const before = await stored(t);

    const replayed = await failure(redeem(t, "ch-1", "authenticate"));
    expect(replayed).toEqual({
      code: "PASSKEY_CHALLENGE_USED",
      message: PASSKEY_REFUSALS.PASSKEY_CHALLENGE_USED,
    });
    expect((await failure(redeem(t, "never-issued", "authenticate"))).code).toBe(
      "PASSKEY_CHALLENGE_USED",
    );
    await issue(t, { challenge: "ch-2", purpose: "authenticate" });
    expect((await failure(redeem(t, "ch-2", "register"))).code).toBe("PASSKEY_CHALLENGE_USED");
    const after = await stored(t);
    expect(after.passkeyChallenges.map((c) => c.challenge)).toEqual(["ch-2"]);
    expect({ ...after, passkeyChallenges: [] }).toEqual({
      ...before,
      passkeyChallenges: [],
    });
  });

  test("an expired one is refused and stays refused; the cron removes it", async () => {
    const { t } = await setup();
    await issue(t, { challenge: "late", purpose: "authenticate" });
    vi.setSystemTime(NOW + PASSKEY_CHALLENGE_TTL_MS + 1);
    const before = await stored(t);
    for (let i = 0; i < 2; i++) {
      expect(await failure(redeem(t, "late", "authenticate"))).toEqual({
        code: "PASSKEY_CHALLENGE_EXPIRED",
        message: PASSKEY_REFUSALS.PASSKEY_CHALLENGE_EXPIRED,
      });
    }
    expect(await stored(t)).toEqual(before);
    expect(await t.mutation(internal.passkeys.cleanupExpiredChallenges, {})).toBe(1);
    expect((await stored(t)).passkeyChallenges).toEqual([]);
  });
});

describe("adding a passkey", () => {
  test("needs a session that signed in within the last 10 minutes", async () => {
    const { t, aliceSession } = await setup();
    await issue(t, {
      challenge: "reg-1",
      purpose: "register",
      sessionId: aliceSession,
      name: "Key",
    });
    expect(await redeem(t, "reg-1", "register")).toMatchObject({ name: "Key" });

    vi.setSystemTime(NOW + PASSKEY_ADD_SIGN_IN_MAX_AGE_MS + 1);
    const before = await stored(t);
    expect(
      await failure(
        issue(t, {
          challenge: "reg-2",
          purpose: "register",
          sessionId: aliceSession,
        }),
      ),
    ).toEqual({
      code: "PASSKEY_RECENT_SIGN_IN_REQUIRED",
      message: PASSKEY_REFUSALS.PASSKEY_RECENT_SIGN_IN_REQUIRED,
    });
    // No session, or an id that is not one: the same refusal.
    for (const sessionId of [undefined, "not-an-id"]) {
      expect(
        (await failure(issue(t, { challenge: "reg-3", purpose: "register", sessionId }))).code,
      ).toBe("PASSKEY_RECENT_SIGN_IN_REQUIRED");
    }
    expect(await stored(t)).toEqual(before);
  });

  test("a challenge whose session was signed out meanwhile is refused", async () => {
    const { t, alice, aliceSession } = await setup();
    await issue(t, {
      challenge: "reg",
      purpose: "register",
      sessionId: aliceSession,
    });
    await asDevice(t, alice, aliceSession).mutation(api.sessions.revoke, {
      sessionId: aliceSession,
    });
    const before = await stored(t);
    expect((await failure(redeem(t, "reg", "register"))).code).toBe(
      "PASSKEY_RECENT_SIGN_IN_REQUIRED",
    );
    expect(await stored(t)).toEqual(before);
  });

  test("a credential that is another user's is refused, and nothing is stored", async () => {
    const { t, alice } = await setup();
    const before = await stored(t);
    const link = failure(
      t.mutation(api.authAdapter.linkAccount, {
        secret: SECRET,
        userId: alice,
        type: "webauthn",
        provider: "passkey",
        providerAccountId: "cred-b",
      }),
    );
    expect(await link).toEqual({
      code: "PASSKEY_OTHER_USER",
      message: PASSKEY_REFUSALS.PASSKEY_OTHER_USER,
    });
    const create = failure(
      t.mutation(api.authAdapter.createAuthenticator, {
        secret: SECRET,
        userId: alice,
        credentialID: "cred-b",
        providerAccountId: "cred-b",
        credentialPublicKey: "pk-of-someone-else",
        counter: 0,
        credentialDeviceType: "singleDevice",
        credentialBackedUp: false,
      }),
    );
    expect((await create).code).toBe("PASSKEY_OTHER_USER");
    expect(await stored(t)).toEqual(before);
  });

  test("a name longer than the limit is refused on its field", async () => {
    const { t, aliceSession } = await setup();
    const refused = await failure(
      issue(t, {
        challenge: "reg",
        purpose: "register",
        sessionId: aliceSession,
        name: "x".repeat(41),
      }),
    );
    expect(refused.code).toBe("INVALID_INPUT");
    expect(refused.fields?.name).toMatch(/40 characters/);
  });
});

describe("signing in with a passkey", () => {
  test("a counter that goes backwards is refused and the stored one kept", async () => {
    const { t } = await setup();
    const before = await stored(t);
    expect(
      await failure(
        t.mutation(api.authAdapter.updateAuthenticatorCounter, {
          secret: SECRET,
          credentialID: "cred-a",
          newCounter: 4,
        }),
      ),
    ).toEqual({
      code: "PASSKEY_COUNTER_BACKWARDS",
      message: PASSKEY_REFUSALS.PASSKEY_COUNTER_BACKWARDS,
    });
    expect(await stored(t)).toEqual(before);

    vi.setSystemTime(NOW + 1000);
    await t.mutation(api.authAdapter.updateAuthenticatorCounter, {
      secret: SECRET,
      credentialID: "cred-a",
      newCounter: 6,
    });
    const row = (await stored(t)).authenticators.find((a) => a.credentialID === "cred-a");
    expect(row).toMatchObject({ counter: 6, lastUsedAt: NOW + 1000 });
  });

  test("a session records how it signed in, and the devices list shows it", async () => {
    const { t, alice, aliceSession } = await setup();
    const { id: viaPasskey } = await t.mutation(api.authAdapter.createSession, {
      secret: SECRET,
      userId: alice,
      sessionToken: "tok-passkey",
      expires: Date.now() + 86_400_000,
      signInMethod: "passkey",
    });
    const { page: devices } = await asDevice(t, alice, aliceSession).query(api.sessions.listMine, {
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(Object.fromEntries(devices.map((d) => [d.sessionId, d.signInMethod]))).toEqual({
      [aliceSession]: "demo",
      [viaPasskey]: "passkey",
    });
  });
});

describe("the Security page", () => {
  test("lists only the caller's passkeys, with name, creation and last use", async () => {
    const { t, alice, aliceSession } = await setup();
    const mine = await asDevice(t, alice, aliceSession).query(api.passkeys.listMine, {});
    expect(mine).toEqual({
      passkeys: [
        {
          id: expect.any(String),
          name: "Alice's laptop",
          createdAt: expect.any(Number),
          lastUsedAt: null,
        },
      ],
      signedInAt: expect.any(Number),
    });
  });

  test("removing a passkey removes its account link: it signs no one in afterwards", async () => {
    const { t, alice, aliceSession } = await setup();
    const as = asDevice(t, alice, aliceSession);
    const [{ id }] = (await as.query(api.passkeys.listMine, {})).passkeys;
    await as.mutation(api.passkeys.remove, { passkeyId: id });

    expect((await as.query(api.passkeys.listMine, {})).passkeys).toEqual([]);
    expect(
      await t.query(api.authAdapter.getAuthenticator, {
        secret: SECRET,
        credentialID: "cred-a",
      }),
    ).toBeNull();
    expect(
      await t.query(api.authAdapter.getAccount, {
        secret: SECRET,
        provider: "passkey",
        providerAccountId: "cred-a",
      }),
    ).toBeNull();
    const before = await stored(t);
    expect(
      await failure(
        t.mutation(api.authAdapter.updateAuthenticatorCounter, {
          secret: SECRET,
          credentialID: "cred-a",
          newCounter: 9,
        }),
      ),
    ).toEqual({
      code: "PASSKEY_UNKNOWN",
      message: PASSKEY_REFUSALS.PASSKEY_UNKNOWN,
    });
    expect(await stored(t)).toEqual(before);
  });

  test("another user's passkey (or no passkey at all) cannot be removed", async () => {
    const { t, alice, bob, aliceSession, bobSession } = await setup();
    const [{ id: bobsKey }] = (await asDevice(t, bob, bobSession).query(api.passkeys.listMine, {}))
      .passkeys;
    const before = await stored(t);
    for (const passkeyId of [bobsKey, "not-an-id", aliceSession]) {
      expect(
        (
          await failure(
            asDevice(t, alice, aliceSession).mutation(api.passkeys.remove, {
              passkeyId,
            }),
          )
        ).code,
      ).toBe("NOT_FOUND");
    }
    expect(await stored(t)).toEqual(before);
  });
});
