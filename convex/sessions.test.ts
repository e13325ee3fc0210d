// The caller's devices: listing only one's own, revoking (one, others, all) with the
// cascade to carts and settings, the live `current` watch, and expiry cleanup.
import { convexTest } from "convex-test";
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import schema from "./schema";
import { asDevice as as, failure, type TestConvex, modules } from "./test.setup";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

type T = TestConvex;

/** Alice: laptop, phone, tablet (live) and an expired old session. Bob: two devices. */
async function setup() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const now = Date.now();
    const alice = await ctx.db.insert("users", { email: "alice@example.com" });
    const bob = await ctx.db.insert("users", { email: "bob@example.com" });
    const session = (
      userId: Id<"users">,
      token: string,
      lastSeenAt: number,
      extra: { browser?: string; os?: string; expires?: number } = {},
    ) =>
      ctx.db.insert("sessions", {
        userId,
        sessionToken: token,
        expires: extra.expires ?? now + 30 * DAY,
        lastSeenAt,
        browser: extra.browser ?? "Chrome 131",
        os: extra.os ?? "macOS",
        deviceType: "desktop",
        ip: "127.0.0.1",
      });
    const aliceLaptop = await session(alice, "tok-a-laptop", now - 3 * HOUR);
    const alicePhone = await session(alice, "tok-a-phone", now - 1 * HOUR, {
      browser: "Safari 18",
      os: "iOS",
    });
    const aliceTablet = await session(alice, "tok-a-tablet", now - 2 * HOUR);
    const aliceOld = await session(alice, "tok-a-old", now - 40 * DAY, {
      expires: now - DAY,
    });
    const bobDesk = await session(bob, "tok-b-desk", now);
    const bobPhone = await session(bob, "tok-b-phone", now - HOUR);
    const store = await ctx.db.insert("stores", {
      slug: "alpine",
      name: "Alpine",
      description: "",
      currency: "EUR",
      accentColor: "#000",
      logo: "/x.svg",
    });
    const product = await ctx.db.insert("products", {
      storeId: store,
      name: "Rope",
      description: "",
      category: "gear",
      priceMinor: 1000,
      stock: 5,
      image: "/rope.svg",
      archived: false,
    });
    return {
      alice,
      bob,
      aliceLaptop,
      alicePhone,
      aliceTablet,
      aliceOld,
      bobDesk,
      bobPhone,
      store,
      product,
    };
  });
  return { t, ...ids };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Give a device a cart line and settings, as the carts/settings modules would. */
async function addDeviceData(
  s: Setup,
  userId: Id<"users">,
  sessionId: Id<"sessions">,
  label?: string,
) {
  await s.t.run(async (ctx) => {
    await ctx.db.insert("cartItems", {
      sessionId,
      userId,
      storeId: s.store,
      productId: s.product,
      quantity: 1,
    });
    await ctx.db.insert("deviceSettings", {
      sessionId,
      userId,
      theme: "dark",
      ...(label ? { label } : {}),
    });
  });
}

/** Everything a revocation could touch, for before/after comparisons. */
function snapshot(t: T) {
  return t.run(async (ctx) => ({
    sessions: await ctx.db.query("sessions").collect(),
    cartItems: await ctx.db.query("cartItems").collect(),
    deviceSettings: await ctx.db.query("deviceSettings").collect(),
  }));
}

async function errorCode(
  promise: Promise<unknown>,
): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code;
  }
  throw new Error("expected the call to fail");
}

afterEach(() => {
  vi.useRealTimers();
});

const firstPage = { paginationOpts: { numItems: 10, cursor: null } };

describe("listMine", () => {
  test("lists only the caller's live sessions, this device first, then by last activity", async () => {
    const s = await setup();
    await addDeviceData(s, s.alice, s.alicePhone, "My phone");
    const mine = (await as(s.t, s.alice, s.aliceTablet).query(api.sessions.listMine, firstPage)).page;
    expect(mine.map((d) => d.sessionId)).toEqual([
      s.aliceTablet,
      s.alicePhone,
      s.aliceLaptop,
    ]);
    expect(mine.map((d) => d.isCurrent)).toEqual([true, false, false]);
    expect(mine[1]).toMatchObject({
      label: "My phone",
      browser: "Safari 18",
      os: "iOS",
      deviceType: "desktop",
      ip: "127.0.0.1",
    });
    expect(mine[0].label).toBeNull();
    for (const device of mine)
      expect(device).not.toHaveProperty("sessionToken");

    const bobs = (await as(s.t, s.bob, s.bobPhone).query(api.sessions.listMine, firstPage)).page;
    expect(bobs.map((d) => d.sessionId)).toEqual([s.bobPhone, s.bobDesk]);
  });

  test("refuses a token that pairs a user with another user's session", async () => {
    const s = await setup();
    expect(
      await errorCode(
        as(s.t, s.alice, s.bobDesk).query(api.sessions.listMine, firstPage),
      ),
    ).toBe("UNAUTHENTICATED");
  });
});

describe("current", () => {
  test("is active for a live session and signedOut otherwise, without throwing", async () => {
    const s = await setup();
    expect(
      await as(s.t, s.alice, s.aliceLaptop).query(api.sessions.current, {}),
    ).toEqual({
      status: "active",
      sessionId: s.aliceLaptop,
      expires: expect.any(Number),
    });
    const signedOut = { status: "signedOut" };
    expect(await s.t.query(api.sessions.current, {})).toEqual(signedOut);
    expect(
      await as(s.t, s.alice, s.aliceOld).query(api.sessions.current, {}),
    ).toEqual(signedOut);
    expect(
      await as(s.t, s.alice, s.bobDesk).query(api.sessions.current, {}),
    ).toEqual(signedOut);
  });
});

describe("revoke", () => {
  test("another user's session is NOT_FOUND and nothing changes", async () => {
    const s = await setup();
    await addDeviceData(s, s.bob, s.bobPhone, "Bob's phone");
    const before = await snapshot(s.t);
    expect(
      await errorCode(
        as(s.t, s.alice, s.aliceLaptop).mutation(api.sessions.revoke, {
          sessionId: s.bobPhone,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await snapshot(s.t)).toEqual(before);
    expect(
      await as(s.t, s.bob, s.bobPhone).query(api.sessions.current, {}),
    ).toMatchObject({ status: "active" });
  });

  test("an id that no longer exists gets the same NOT_FOUND", async () => {
    const s = await setup();
    await s.t.run((ctx) => ctx.db.delete(s.alicePhone));
    expect(
      await errorCode(
        as(s.t, s.alice, s.aliceLaptop).mutation(api.sessions.revoke, {
          sessionId: s.alicePhone,
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  test("revoking my other device signs that device out at once", async () => {
    const s = await setup();
    const phone = as(s.t, s.alice, s.alicePhone);
    expect(await phone.query(api.sessions.current, {})).toMatchObject({
      status: "active",
    });
    await as(s.t, s.alice, s.aliceLaptop).mutation(api.sessions.revoke, {
      sessionId: s.alicePhone,
    });
    expect(await phone.query(api.sessions.current, {})).toEqual({
      status: "signedOut",
    });
    expect(await errorCode(phone.query(api.sessions.listMine, firstPage))).toBe(
      "UNAUTHENTICATED",
    );
    expect(await errorCode(phone.mutation(api.sessions.revokeOthers, {}))).toBe(
      "UNAUTHENTICATED",
    );
    const left = (await as(s.t, s.alice, s.aliceLaptop).query(api.sessions.listMine, firstPage)).page;
    expect(left.map((d) => d.sessionId)).toEqual([
      s.aliceLaptop,
      s.aliceTablet,
    ]);
  });

  test("revoking the current session signs this device out", async () => {
    const s = await setup();
    const laptop = as(s.t, s.alice, s.aliceLaptop);
    await laptop.mutation(api.sessions.revoke, { sessionId: s.aliceLaptop });
    expect(await laptop.query(api.sessions.current, {})).toEqual({
      status: "signedOut",
    });
    expect(await s.t.run((ctx) => ctx.db.get(s.aliceLaptop))).toBeNull();
  });

  test("takes the device's cart and settings with it and keeps orders", async () => {
    const s = await setup();
    await addDeviceData(s, s.alice, s.alicePhone, "Phone");
    await addDeviceData(s, s.alice, s.aliceLaptop, "Laptop");
    const order = await s.t.run((ctx) =>
      ctx.db.insert("orders", {
        storeId: s.store,
        userId: s.alice,
        sessionId: s.alicePhone,
        deviceLabel: "Phone",
        items: [
          {
            productId: s.product,
            name: "Rope",
            unitPriceMinor: 1000,
            quantity: 1,
          },
        ],
        totalMinor: 1000,
        currency: "EUR",
        shipping: {
          fullName: "Alice",
          line1: "1 Main St",
          city: "Bern",
          postalCode: "3000",
          country: "CH",
        },
        cardLast4: "4242",
        status: "placed",
        idempotencyKey: "k1",
      }),
    );
    await as(s.t, s.alice, s.aliceLaptop).mutation(api.sessions.revoke, {
      sessionId: s.alicePhone,
    });
    const after = await snapshot(s.t);
    expect(after.cartItems.map((c) => c.sessionId)).toEqual([s.aliceLaptop]);
    expect(after.deviceSettings.map((d) => d.label)).toEqual(["Laptop"]);
    expect(await s.t.run((ctx) => ctx.db.get(order))).not.toBeNull();
  });
});

describe("rename", () => {
  test("names another of my devices; both devices see it in listMine", async () => {
    const s = await setup();
    const laptop = as(s.t, s.alice, s.aliceLaptop);
    await laptop.mutation(api.sessions.rename, {
      sessionId: s.alicePhone,
      label: "  Alice's   phone ",
    });
    const seenFromPhone = (await as(s.t, s.alice, s.alicePhone).query(api.sessions.listMine, firstPage)).page;
    expect(seenFromPhone.find((d) => d.isCurrent)?.label).toBe("Alice's phone");
    // The phone's own settings row was created with defaults.
    expect(
      await as(s.t, s.alice, s.alicePhone).query(api.settings.mine, {}),
    ).toMatchObject({ theme: "system", label: "Alice's phone" });
  });

  test("renames this device and keeps its other settings; empty clears the name", async () => {
    const s = await setup();
    await addDeviceData(s, s.alice, s.aliceLaptop, "Old name");
    const laptop = as(s.t, s.alice, s.aliceLaptop);
    await laptop.mutation(api.sessions.rename, {
      sessionId: s.aliceLaptop,
      label: "Work laptop",
    });
    expect(await laptop.query(api.settings.mine, {})).toMatchObject({
      theme: "dark",
      label: "Work laptop",
    });
    await laptop.mutation(api.sessions.rename, {
      sessionId: s.aliceLaptop,
      label: "",
    });
    expect(await laptop.query(api.settings.mine, {})).toMatchObject({
      theme: "dark",
      label: null,
    });
  });

  test("another user's session is NOT_FOUND and nothing changes", async () => {
    const s = await setup();
    await addDeviceData(s, s.bob, s.bobPhone, "Bob's phone");
    const before = await snapshot(s.t);
    expect(
      await errorCode(
        as(s.t, s.alice, s.aliceLaptop).mutation(api.sessions.rename, {
          sessionId: s.bobPhone,
          label: "Mine now",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await errorCode(
        as(s.t, s.alice, s.aliceLaptop).mutation(api.sessions.rename, {
          sessionId: s.bobDesk,
          label: "Mine now",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await snapshot(s.t)).toEqual(before);
  });

  test("a name over the limit is INVALID_INPUT with a field message; a revoked device cannot rename", async () => {
    const s = await setup();
    const laptop = as(s.t, s.alice, s.aliceLaptop);
    const before = await snapshot(s.t);
    let fields: Record<string, string> | undefined;
    try {
      await laptop.mutation(api.sessions.rename, {
        sessionId: s.alicePhone,
        label: "x".repeat(41),
      });
    } catch (error) {
      fields = (error as { data?: { fields?: Record<string, string> } }).data
        ?.fields;
    }
    expect(fields?.label).toMatch(/40 characters/);
    expect(await snapshot(s.t)).toEqual(before);

    // A name that would display as something else (right-to-left override, zero-width space).
    for (const label of ["Work\u202Epotpal", "Work\u200Blaptop"]) {
      const error = await failure(
        laptop.mutation(api.sessions.rename, { sessionId: s.alicePhone, label }),
      );
      expect(error.fields?.label).toMatch(/invisible or direction-changing/);
    }
    expect(await snapshot(s.t)).toEqual(before);

    await laptop.mutation(api.sessions.revoke, { sessionId: s.alicePhone });
    expect(
      await errorCode(
        as(s.t, s.alice, s.alicePhone).mutation(api.sessions.rename, {
          sessionId: s.aliceLaptop,
          label: "Hijack",
        }),
      ),
    ).toBe("UNAUTHENTICATED");
  });
});

describe("revokeOthers / revokeAll", () => {
  test("revokeOthers keeps only the current session and counts the live ones ended", async () => {
    const s = await setup();
    await addDeviceData(s, s.alice, s.aliceTablet);
    const laptop = as(s.t, s.alice, s.aliceLaptop);
    expect(await laptop.mutation(api.sessions.revokeOthers, {})).toEqual({ devices: 2, done: true });
    const left = await s.t.run((ctx) =>
      ctx.db
        .query("sessions")
        .withIndex("by_userId", (q) => q.eq("userId", s.alice))
        .collect(),
    );
    expect(left.map((x) => x._id)).toEqual([s.aliceLaptop]);
    expect(await laptop.query(api.sessions.current, {})).toMatchObject({
      status: "active",
    });
    const after = await snapshot(s.t);
    expect(after.cartItems).toEqual([]);
    expect(after.deviceSettings).toEqual([]);
    // Bob is untouched.
    expect(
      ((await as(s.t, s.bob, s.bobDesk).query(api.sessions.listMine, firstPage)).page).length,
    ).toBe(2);
  });

  test("revokeAll ends every session of the caller, this one included", async () => {
    const s = await setup();
    const laptop = as(s.t, s.alice, s.aliceLaptop);
    expect(await laptop.mutation(api.sessions.revokeAll, {})).toEqual({ devices: 3, done: true });
    expect(await laptop.query(api.sessions.current, {})).toEqual({
      status: "signedOut",
    });
    const remaining = await s.t.run((ctx) =>
      ctx.db.query("sessions").collect(),
    );
    expect(remaining.map((x) => x._id).sort()).toEqual(
      [s.bobDesk, s.bobPhone].sort(),
    );
  });
});

describe("cleanupExpired", () => {
  test("removes sessions once they expire, with their device data, and leaves live ones", async () => {
    vi.useFakeTimers();
    const t = convexTest(schema, modules);
    const ids = await t.run(async (ctx) => {
      const now = Date.now();
      const user = await ctx.db.insert("users", { email: "carol@example.com" });
      const soon = await ctx.db.insert("sessions", {
        userId: user,
        sessionToken: "soon",
        expires: now + 30 * 60 * 1000,
      });
      const later = await ctx.db.insert("sessions", {
        userId: user,
        sessionToken: "later",
        expires: now + 2 * HOUR,
      });
      for (const sessionId of [soon, later]) {
        await ctx.db.insert("deviceSettings", {
          sessionId,
          userId: user,
          theme: "light",
        });
      }
      return { user, soon, later };
    });

    // Nothing has expired yet.
    expect(await t.mutation(internal.sessions.cleanupExpired, {})).toBe(0);

    vi.advanceTimersByTime(HOUR);
    expect(await t.mutation(internal.sessions.cleanupExpired, {})).toBe(1);
    const left = await t.run(async (ctx) => ({
      sessions: (await ctx.db.query("sessions").collect()).map((x) => x._id),
      settings: (await ctx.db.query("deviceSettings").collect()).map(
        (x) => x.sessionId,
      ),
    }));
    expect(left).toEqual({ sessions: [ids.later], settings: [ids.later] });
    expect(
      await as(t, ids.user, ids.later).query(api.sessions.current, {}),
    ).toMatchObject({ status: "active" });
  });

  test("drains a backlog larger than one batch by rescheduling itself", async () => {
    vi.useFakeTimers();
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const now = Date.now();
      const user = await ctx.db.insert("users", { email: "dave@example.com" });
      for (let i = 0; i < 230; i++) {
        await ctx.db.insert("sessions", {
          userId: user,
          sessionToken: `old-${i}`,
          expires: now - 1000 - i,
        });
      }
      await ctx.db.insert("sessions", {
        userId: user,
        sessionToken: "live",
        expires: now + DAY,
      });
    });
    await t.mutation(internal.sessions.cleanupExpired, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const left = await t.run((ctx) => ctx.db.query("sessions").collect());
    expect(left.map((x) => x.sessionToken)).toEqual(["live"]);
  });

  test("removes expired sign-in tokens and keeps unexpired ones", async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const now = Date.now();
      await ctx.db.insert("verificationTokens", {
        identifier: "a@example.com",
        token: "old",
        expires: now - 1,
      });
      await ctx.db.insert("verificationTokens", {
        identifier: "b@example.com",
        token: "fresh",
        expires: now + HOUR,
      });
    });
    expect(
      await t.mutation(internal.sessions.cleanupExpiredVerificationTokens, {}),
    ).toBe(1);
    const left = await t.run((ctx) =>
      ctx.db.query("verificationTokens").collect(),
    );
    expect(left.map((x) => x.token)).toEqual(["fresh"]);
  });
});
