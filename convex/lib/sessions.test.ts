import { convexTest } from "convex-test";
import { describe, expect, test } from "vitest";
import schema from "../schema";
import { modules } from "../test.setup";
import { loadSession, subjectIds } from "./sessions";

const ISSUER = "https://convex.test";

async function setup() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const alice = await ctx.db.insert("users", { email: "alice@example.com" });
    const bob = await ctx.db.insert("users", { email: "bob@example.com" });
    const now = Date.now();
    const aliceSession = await ctx.db.insert("sessions", {
      userId: alice,
      sessionToken: "tok-a",
      expires: now + 60_000,
    });
    const expiredSession = await ctx.db.insert("sessions", {
      userId: alice,
      sessionToken: "tok-old",
      expires: now - 1,
    });
    const bobSession = await ctx.db.insert("sessions", {
      userId: bob,
      sessionToken: "tok-b",
      expires: now + 60_000,
    });
    return { alice, bob, aliceSession, expiredSession, bobSession };
  });
  return { t, ...ids };
}

function as(t: ReturnType<typeof convexTest>, subject: string) {
  return t.withIdentity({ subject, issuer: ISSUER });
}

describe("loadSession", () => {
  test("accepts a live session of the token's user", async () => {
    const { t, alice, aliceSession } = await setup();
    const checked = await as(t, `${alice};${aliceSession}`).run((ctx) =>
      loadSession(ctx),
    );
    expect(checked?.userId).toBe(alice);
    expect(checked?.sessionId).toBe(aliceSession);
  });

  test("rejects a signed-out caller, an expired session, another user's session and a deleted one", async () => {
    const { t, alice, bob, aliceSession, expiredSession, bobSession } = await setup();
    expect(await t.run((ctx) => loadSession(ctx))).toBeNull();
    expect(
      await as(t, `${alice};${expiredSession}`).run((ctx) => loadSession(ctx)),
    ).toBeNull();
    expect(
      await as(t, `${alice};${bobSession}`).run((ctx) => loadSession(ctx)),
    ).toBeNull();
    await t.run((ctx) => ctx.db.delete(aliceSession));
    expect(
      await as(t, `${alice};${aliceSession}`).run((ctx) => loadSession(ctx)),
    ).toBeNull();
    expect(
      await as(t, `${bob};${bobSession}`).run((ctx) => loadSession(ctx)),
    ).not.toBeNull();
  });

  test("rejects malformed subjects", async () => {
    const { t, alice, aliceSession } = await setup();
    for (const subject of [
      `${alice}`,
      `${alice};${aliceSession};extra`,
      `${aliceSession};${alice}`,
      `not-an-id;${aliceSession}`,
      "",
    ]) {
      expect(await as(t, subject).run((ctx) => loadSession(ctx))).toBeNull();
      expect(await t.run(async (ctx) => subjectIds(ctx, subject))).toBeNull();
    }
  });
});
