// Abuse limits (lib/rateLimits.ts): each limited call is refused with RATE_LIMITED, a retry
// time and words that say when, nothing it would have written is stored, and the caller
// gets through again once the time has passed.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  asDevice as as,
  failure,
  insertProduct,
  insertStore,
  newTest,
  orderIdOf,
  type TestConvex,
} from "./test.setup";

const SECRET = "test-adapter-secret-0123456789";
const NOW = 1_800_000_000_000;
const shipping = { fullName: "Ada", line1: "1 Road", city: "Town", postalCode: "1234", country: "AT" };
const goodCard = { number: "4242 4242 4242 4242", expiry: "12/99", cvc: "123" };
const declinedCard = { ...goodCard, number: "4000 0000 0000 0002" };

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  vi.stubEnv("CONVEX_AUTH_ADAPTER_SECRET", SECRET);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

async function setup() {
  const t = newTest();
  const ids = await t.run(async (ctx) => {
    const store = await insertStore(ctx, "one");
    const mug = await insertProduct(ctx, store, { name: "Mug", stock: 1_000 });
    const ada = await ctx.db.insert("users", { email: "ada@example.com" });
    const staff = await ctx.db.insert("users", { email: "staff@example.com" });
    await ctx.db.insert("memberships", { storeId: store, userId: staff, role: "owner" });
    const session = (userId: Id<"users">, token: string) =>
      ctx.db.insert("sessions", { userId, sessionToken: token, expires: NOW + 86_400_000 });
    return { store, mug, ada, staff, device: await session(ada, "a"), staffDevice: await session(staff, "s") };
  });
  return { t, ...ids };
}

/** Call until refused; returns how many got through and the refusal. */
async function untilRefused(call: () => Promise<unknown>, max: number) {
  for (let passed = 0; passed <= max; passed++) {
    try {
      await call();
    } catch (error) {
      return { passed, refusal: (error as { data?: { code: string; message: string; retryAt?: number } }).data };
    }
  }
  throw new Error(`not refused within ${max} calls`);
}

const cartOf = (t: TestConvex, ada: Id<"users">, device: Id<"sessions">, store: Id<"stores">) =>
  as(t, ada, device).query(api.carts.mine, { storeId: store });

describe("rate limits", () => {
  test("cart writes per device: refused with a retry time, nothing written, fine again a moment later", async () => {
    const { t, store, mug, ada, device } = await setup();
    const me = as(t, ada, device);
    const write = () => me.mutation(api.carts.setQuantity, { storeId: store, productId: mug, quantity: 1 });
    const { passed, refusal } = await untilRefused(write, 200);
    expect(passed).toBe(60);
    expect(refusal?.code).toBe("RATE_LIMITED");
    expect(refusal?.message).toBe("Too many cart changes in a short time. Try again in a few seconds.");
    expect(refusal?.retryAt).toBeGreaterThan(NOW);

    // A refused add stores nothing.
    const before = await cartOf(t, ada, device, store);
    const add = await failure(me.mutation(api.carts.add, { storeId: store, productId: mug, quantity: 5 }));
    expect(add.code).toBe("RATE_LIMITED");
    expect(await cartOf(t, ada, device, store)).toEqual(before);

    vi.setSystemTime(NOW + 5_000);
    await me.mutation(api.carts.add, { storeId: store, productId: mug, quantity: 5 });
    expect((await cartOf(t, ada, device, store)).lines[0]?.quantity).toBe(6);
  });

  test("settings and renames per user", async () => {
    const { t, ada, device } = await setup();
    const me = as(t, ada, device);
    let n = 0;
    const { passed, refusal } = await untilRefused(
      () => me.mutation(api.settings.update, { label: `Name ${n++}` }),
      100,
    );
    expect(passed).toBe(20);
    expect(refusal?.message).toMatch(/^Too many changes in a short time\. Try again in /);
    const rename = await failure(me.mutation(api.sessions.rename, { sessionId: device, label: "Other" }));
    expect(rename.code).toBe("RATE_LIMITED");
    expect((await me.query(api.settings.mine, {})).label).toBe("Name 19");
  });

  test("checkout: three declines pause the account's checkout, whatever card comes next", async () => {
    const { t, store, mug, ada, device } = await setup();
    const me = as(t, ada, device);
    await me.mutation(api.carts.add, { storeId: store, productId: mug, quantity: 1 });
    for (let i = 0; i < 3; i++) {
      const result = await me.mutation(api.orders.checkout, {
        storeId: store,
        idempotencyKey: `declined-${i}`,
        shipping,
        card: declinedCard,
      });
      expect(result.declined).toBe(true);
    }
    const paused = await failure(
      me.mutation(api.orders.checkout, { storeId: store, idempotencyKey: "good", shipping, card: goodCard }),
    );
    expect(paused.code).toBe("RATE_LIMITED");
    expect(paused.message).toMatch(/^Too many declined payments: checkout is paused for this account\. Try again in \d+ minutes\.$/);
    expect((await cartOf(t, ada, device, store)).itemCount).toBe(1);
    expect(await t.run((ctx) => ctx.db.query("orders").collect())).toEqual([]);

    vi.setSystemTime(NOW + 10 * 60_000 + 1_000);
    orderIdOf(
      await me.mutation(api.orders.checkout, { storeId: store, idempotencyKey: "later", shipping, card: goodCard }),
    );
  });

  test("checkout attempts per user: a burst of orders is cut off", async () => {
    const { t, store, mug, ada, device } = await setup();
    const me = as(t, ada, device);
    let i = 0;
    const { passed, refusal } = await untilRefused(async () => {
      await me.mutation(api.carts.add, { storeId: store, productId: mug, quantity: 1 });
      orderIdOf(
        await me.mutation(api.orders.checkout, { storeId: store, idempotencyKey: `k${i++}`, shipping, card: goodCard }),
      );
    }, 50);
    expect(passed).toBe(5);
    expect(refusal?.message).toMatch(/^Too many checkout attempts\. Try again in /);
    expect(await t.run((ctx) => ctx.db.query("orders").collect())).toHaveLength(5);
  });

  test("staff writes per user", async () => {
    const { t, store, mug, staff, staffDevice } = await setup();
    const owner = as(t, staff, staffDevice);
    let price = 100;
    const { passed, refusal } = await untilRefused(
      () =>
        owner.mutation(api.products.update, {
          storeId: store,
          productId: mug,
          name: "Mug",
          description: "",
          category: "Things",
          priceMinor: price++,
          stock: 10,
        }),
      100,
    );
    expect(passed).toBe(30);
    expect(refusal?.code).toBe("RATE_LIMITED");
    expect((await t.run((ctx) => ctx.db.get(mug)))?.priceMinor).toBe(129);
  });

  test("sign-in links: three per address, ten per IP, and the answer never tells who has an account", async () => {
    const { t } = await setup();
    const allow = (identifier: string, ip?: string) =>
      t.mutation(api.authAdapter.allowMagicLink, { secret: SECRET, identifier, ...(ip ? { ip } : {}) });
    const wait = (identifier: string, ip?: string) =>
      t.query(api.authAdapter.magicLinkWait, { secret: SECRET, identifier, ...(ip ? { ip } : {}) });

    // ada@example.com has an account, nobody@example.com has not: same limits, same words.
    for (const address of ["ada@example.com", "nobody@example.com"]) {
      expect(await wait(address, "203.0.113.1")).toBeNull();
      for (let i = 0; i < 3; i++) await allow(address.toUpperCase(), "203.0.113.1");
      const refused = await failure(allow(address, "198.51.100.9"));
      expect(refused.code).toBe("RATE_LIMITED");
      expect(refused.message).toBe("Too many sign-in links were asked for. Try again in 5 minutes.");
      expect((await wait(address))?.message).toBe(refused.message);
    }

    // One IP, many addresses: the 11th is refused; another IP is not.
    for (let i = 0; i < 4; i++) await allow(`user${i}@example.com`, "203.0.113.1");
    const fromIp = await failure(allow("fresh@example.com", "203.0.113.1"));
    expect(fromIp.code).toBe("RATE_LIMITED");
    await allow("fresh@example.com", "198.51.100.9");

    vi.setSystemTime(NOW + 5 * 60_000);
    await allow("ada@example.com", "198.51.100.9");
  });
});
