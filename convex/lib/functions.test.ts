import { convexTest } from "convex-test";
import { anyApi, type FunctionReference } from "convex/server";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Id } from "../_generated/dataModel";
import { appErrorData } from "../errors";
import schema from "../schema";
import { insertStore, modules } from "../test.setup";
import { adminQuery, sessionMutation, sessionQuery, staffQuery } from "./functions";

// Functions built with the builders under test, served to convex-test as an extra,
// test-only module so that no probe function has to ship in `convex/`.
const probe = {
  whoami: sessionQuery({
    args: {},
    handler: async (ctx) => ({ userId: ctx.userId, sessionId: ctx.sessionId }),
  }),
  touch: sessionMutation({
    args: {},
    handler: async (ctx) => {
      // A write, so a refused call can be seen to have changed nothing.
      await ctx.db.patch(ctx.sessionId, { lastSeenAt: 42 });
      return { userId: ctx.userId, sessionId: ctx.sessionId };
    },
  }),
  staffWhoami: staffQuery({
    args: {},
    handler: async (ctx) => ({ userId: ctx.userId, sessionId: ctx.sessionId }),
  }),
  adminWhoami: adminQuery({
    args: {},
    handler: async (ctx) => ({ userId: ctx.userId, sessionId: ctx.sessionId }),
  }),
};
const withProbe = { ...modules, "./functionsProbe.ts": async () => probe };

type Who = { userId: string; sessionId: string };
const refs = {
  whoami: anyApi.functionsProbe.whoami as FunctionReference<
    "query",
    "public",
    Record<string, never>,
    Who
  >,
  touch: anyApi.functionsProbe.touch as FunctionReference<
    "mutation",
    "public",
    Record<string, never>,
    Who
  >,
  staffWhoami: anyApi.functionsProbe.staffWhoami as FunctionReference<
    "query",
    "public",
    { storeId: Id<"stores"> },
    Who
  >,
  adminWhoami: anyApi.functionsProbe.adminWhoami as FunctionReference<
    "query",
    "public",
    Record<string, never>,
    Who
  >,
};

const ISSUER = "https://convex.test";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

async function setup() {
  const t = convexTest(schema, withProbe);
  const ids = await t.run(async (ctx) => {
    const alice = await ctx.db.insert("users", { email: "alice@example.com" });
    const bob = await ctx.db.insert("users", { email: "bob@example.com" });
    const now = Date.now();
    const aliceSession = await ctx.db.insert("sessions", {
      userId: alice,
      sessionToken: "tok-a",
      expires: now + 60_000,
    });
    const bobSession = await ctx.db.insert("sessions", {
      userId: bob,
      sessionToken: "tok-b",
      expires: now + 60_000,
    });
    const store = await insertStore(ctx, "probe");
    return { alice, bob, aliceSession, bobSession, store };
  });
  return { t, ...ids };
}

type Setup = Awaited<ReturnType<typeof setup>>;

function as(t: Setup["t"], subject: string) {
  return t.withIdentity({ subject, issuer: ISSUER });
}

/** Call a probe of every builder; returns the error code each one threw (or "ok"). */
async function codes(caller: Pick<Setup["t"], "query" | "mutation">, storeId: Id<"stores">) {
  const codeOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return "ok";
    } catch (error) {
      return appErrorData(error)?.code ?? String(error);
    }
  };
  return {
    query: await codeOf(caller.query(refs.whoami, {})),
    mutation: await codeOf(caller.mutation(refs.touch, {})),
    staff: await codeOf(caller.query(refs.staffWhoami, { storeId })),
    admin: await codeOf(caller.query(refs.adminWhoami, {})),
  };
}

// Every builder shares the one session check, so each refuses the same callers.
const REFUSED = {
  query: "UNAUTHENTICATED",
  mutation: "UNAUTHENTICATED",
  staff: "UNAUTHENTICATED",
  admin: "UNAUTHENTICATED",
};

async function lastSeen(t: Setup["t"], id: Id<"sessions">) {
  return (await t.run((ctx) => ctx.db.get(id)))?.lastSeenAt;
}

describe("session-checked builders", () => {
  test("give a live session's ids to the handler", async () => {
    const { t, alice, aliceSession, store } = await setup();
    const caller = as(t, `${alice};${aliceSession}`);
    const expected = { userId: alice, sessionId: aliceSession };
    expect(await caller.query(refs.whoami, {})).toEqual(expected);
    expect(await caller.mutation(refs.touch, {})).toEqual(expected);
    expect(await lastSeen(t, aliceSession)).toBe(42);
    // Past the session check, staff and admin builders apply their own.
    expect(await codes(caller, store)).toMatchObject({ staff: "FORBIDDEN", admin: "FORBIDDEN" });
    await t.run((ctx) => ctx.db.insert("memberships", { storeId: store, userId: alice, role: "owner" }));
    expect(await caller.query(refs.staffWhoami, { storeId: store })).toEqual(expected);
    vi.stubEnv("ADMIN_EMAILS", "alice@example.com");
    expect(await caller.query(refs.adminWhoami, {})).toEqual(expected);
  });

  test("refuse a caller without a token", async () => {
    const { t, aliceSession, store } = await setup();
    expect(await codes(t, store)).toEqual(REFUSED);
    expect(await lastSeen(t, aliceSession)).toBeUndefined();
  });

  test("refuse a deleted (revoked) session although the token is still signed", async () => {
    const { t, alice, aliceSession, store } = await setup();
    await t.run((ctx) => ctx.db.delete(aliceSession));
    expect(await codes(as(t, `${alice};${aliceSession}`), store)).toEqual(REFUSED);
  });

  test("refuse a session once it has expired", async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    const { t, alice, aliceSession, store } = await setup();
    const caller = as(t, `${alice};${aliceSession}`);
    expect((await codes(caller, store)).query).toBe("ok");
    vi.setSystemTime(1_800_000_000_000 + 60_000);
    expect(await codes(caller, store)).toEqual(REFUSED);
  });

  test("refuse another user's session named in the token", async () => {
    const { t, alice, bob, aliceSession, bobSession, store } = await setup();
    expect(await codes(as(t, `${alice};${bobSession}`), store)).toEqual(REFUSED);
    expect(await codes(as(t, `${bob};${aliceSession}`), store)).toEqual(REFUSED);
    expect(await lastSeen(t, aliceSession)).toBeUndefined();
    expect(await lastSeen(t, bobSession)).toBeUndefined();
  });

  test("refuse malformed subjects", async () => {
    const { t, alice, aliceSession, store } = await setup();
    for (const subject of [
      `${alice}`,
      `${alice};`,
      `;${aliceSession}`,
      `${alice};${aliceSession};extra`,
      `${aliceSession};${alice}`,
      `not-an-id;${aliceSession}`,
      `${alice};not-an-id`,
    ]) {
      expect([subject, await codes(as(t, subject), store)]).toEqual([
        subject,
        REFUSED,
      ]);
    }
    expect(await lastSeen(t, aliceSession)).toBeUndefined();
  });
});
