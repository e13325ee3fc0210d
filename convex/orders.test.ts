import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { endSession } from "./lib/sessions";
import { expiryEnd, luhnValid } from "./shared/cards";
import { failure, orderIdOf, asDevice as as, newTest, type TestConvex, insertProduct, insertStore } from "./test.setup";

type T = TestConvex;

const shipping = {
  fullName: "Alice Example",
  line1: "1 Main Street",
  city: "Springfield",
  postalCode: "12345",
  country: "Germany",
};
const firstPage = { paginationOpts: { numItems: 20, cursor: null } };
const goodCard = { number: "4242 4242 4242 4242", expiry: "12/99", cvc: "123" };

/** Two stores with staff each; Alice on two devices with a cart in store 1. */
async function setup() {
  const t = newTest();
  const ids = await t.run(async (ctx) => {
    const now = Date.now();
    const store = (slug: string, currency: string) => insertStore(ctx, slug, currency);
    const store1 = await store("one", "EUR");
    const store2 = await store("two", "JPY");
    const product = (storeId: Id<"stores">, name: string, priceMinor: number, stock: number) =>
      insertProduct(ctx, storeId, { name, priceMinor, stock });
    const mug = await product(store1, "Mug", 250, 5);
    const lamp = await product(store1, "Lamp", 1000, 3);
    const tea = await product(store2, "Tea", 900, 10);
    const user = (email: string) => ctx.db.insert("users", { email });
    const alice = await user("alice@example.com");
    const bob = await user("bob@example.com");
    const staff1 = await user("staff1@example.com");
    const staff2 = await user("staff2@example.com");
    await ctx.db.insert("memberships", {
      storeId: store1,
      userId: staff1,
      role: "owner",
    });
    await ctx.db.insert("memberships", {
      storeId: store2,
      userId: staff2,
      role: "admin",
    });
    const session = (userId: Id<"users">, token: string) =>
      ctx.db.insert("sessions", {
        userId,
        sessionToken: token,
        expires: now + 3_600_000,
        browser: "Firefox",
        os: "Linux",
      });
    const a1 = await session(alice, "a1");
    const a2 = await session(alice, "a2");
    const b1 = await session(bob, "b1");
    const s1 = await session(staff1, "s1");
    const s2 = await session(staff2, "s2");
    return {
      store1,
      store2,
      mug,
      lamp,
      tea,
      alice,
      bob,
      staff1,
      staff2,
      a1,
      a2,
      b1,
      s1,
      s2,
    };
  });
  const { alice, a1, store1, mug, lamp } = ids;
  await as(t, alice, a1).mutation(api.carts.add, {
    storeId: store1,
    productId: mug,
    quantity: 2,
  });
  await as(t, alice, a1).mutation(api.carts.add, {
    storeId: store1,
    productId: lamp,
    quantity: 3,
  });
  return { t, ...ids };
}

const snapshot = (t: T) =>
  t.run(async (ctx) => ({
    products: await ctx.db.query("products").collect(),
    cartItems: await ctx.db.query("cartItems").collect(),
    orders: await ctx.db.query("orders").collect(),
  }));

describe("card checks", () => {
  test("Luhn and expiry parsing", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("4000000000000002")).toBe(true);
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(expiryEnd("12/30")).toBe(Date.UTC(2031, 0, 1));
    expect(expiryEnd("13/30")).toBeNull();
    expect(expiryEnd("1230")).toBeNull();
  });
});

describe("checkout", () => {
  test("places the order: stock decremented, snapshot written, this device's cart cleared, only last 4 digits kept", async () => {
    const { t, store1, mug, lamp, alice, a1, a2 } = await setup();
    await as(t, alice, a2).mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 1,
    });
    await as(t, alice, a1).mutation(api.settings.update, {
      label: "Kitchen tablet",
    });

    const orderId = orderIdOf(await as(t, alice, a1).mutation(api.orders.checkout, {
      storeId: store1,
      idempotencyKey: "checkout-key-1",
      shipping,
      card: goodCard,
    }));

    const db = await snapshot(t);
    expect(db.products.find((p) => p._id === mug)?.stock).toBe(3);
    expect(db.products.find((p) => p._id === lamp)?.stock).toBe(0);
    const order = db.orders[0];
    expect(order._id).toBe(orderId);
    expect(order).toMatchObject({
      totalMinor: 2 * 250 + 3 * 1000,
      currency: "EUR",
      cardLast4: "4242",
      status: "placed",
      deviceLabel: "Kitchen tablet",
      sessionId: a1,
    });
    expect(
      order.items.map((i) => [i.name, i.unitPriceMinor, i.quantity]).sort(),
    ).toEqual([
      ["Lamp", 1000, 3],
      ["Mug", 250, 2],
    ]);
    expect(JSON.stringify(order)).not.toContain("4242424242424242");
    // This device's cart is empty; the other device's cart is untouched.
    expect(db.cartItems.map((r) => [r.sessionId, r.quantity])).toEqual([
      [a2, 1],
    ]);

    // Later price changes do not rewrite the snapshot.
    await t.run((ctx) => ctx.db.patch(mug, { priceMinor: 9999 }));
    const seen = await as(t, alice, a2).query(api.orders.get, { orderId });
    expect(seen?.items.find((i) => i.name === "Mug")?.unitPriceMinor).toBe(250);
  });

  test("a stock failure leaves cart, stock and orders untouched", async () => {
    const { t, store1, lamp, alice, a1 } = await setup();
    await t.run((ctx) => ctx.db.patch(lamp, { stock: 2 }));
    const before = await snapshot(t);
    const error = await failure(
      as(t, alice, a1).mutation(api.orders.checkout, {
        storeId: store1,
        idempotencyKey: "key-stock",
        shipping,
        card: goodCard,
      }),
    );
    expect(error.code).toBe("OUT_OF_STOCK");
    expect(error.message).toContain("Only 2 are left of Lamp");
    expect(error.fields).toEqual({ [lamp]: "Only 2 are left of Lamp." });
    expect(await snapshot(t)).toEqual(before);
  });

  test("the declining card, a bad card number and an expired card leave everything untouched", async () => {
    const { t, store1, alice, a1 } = await setup();
    const before = await snapshot(t);
    const a = as(t, alice, a1);
    const declined = await a.mutation(api.orders.checkout, {
      storeId: store1,
      idempotencyKey: "key-decline",
      shipping,
      card: { ...goodCard, number: "4000 0000 0000 0002" },
    });
    expect(declined).toMatchObject({ declined: true });
    expect("message" in declined && declined.message).toMatch(/^Your card was declined/);

    const bad = await failure(
      a.mutation(api.orders.checkout, {
        storeId: store1,
        idempotencyKey: "key-bad",
        shipping: { ...shipping, city: "  " },
        card: { number: "4242424242424241", expiry: "01/20", cvc: "12" },
      }),
    );
    expect(bad.code).toBe("INVALID_INPUT");
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual([
      "card.cvc",
      "card.expiry",
      "card.number",
      "shipping.city",
    ]);
    expect(bad.fields?.["card.expiry"]).toBe("This card has expired.");
    expect(await snapshot(t)).toEqual(before);

    // An address that would print differently from what is stored.
    const spoofed = await failure(
      a.mutation(api.orders.checkout, {
        storeId: store1,
        idempotencyKey: "key-spoofed",
        shipping: { ...shipping, city: "Spring\u202Edleif", line1: "1\u200B Main St" },
        card: { number: "4242424242424242", expiry: "12/99", cvc: "123" },
      }),
    );
    expect(Object.keys(spoofed.fields ?? {}).sort()).toEqual(["shipping.city", "shipping.line1"]);
    expect(spoofed.fields?.["shipping.city"]).toMatch(/invisible or direction-changing/);
    expect(await snapshot(t)).toEqual(before);
  });

  test("the same idempotency key twice gives one order and decrements stock once", async () => {
    const { t, store1, mug, alice, a1 } = await setup();
    const args = {
      storeId: store1,
      idempotencyKey: "double-submit",
      shipping,
      card: goodCard,
    };
    const [first, second] = await Promise.all([
      as(t, alice, a1).mutation(api.orders.checkout, args),
      as(t, alice, a1).mutation(api.orders.checkout, args),
    ]);
    expect(second.orderId).toBe(first.orderId);
    const again = await as(t, alice, a1).mutation(api.orders.checkout, args);
    expect(again.orderId).toBe(first.orderId);
    const db = await snapshot(t);
    expect(db.orders).toHaveLength(1);
    expect(db.products.find((p) => p._id === mug)?.stock).toBe(3);
  });

  test("an empty cart cannot be checked out", async () => {
    const { t, store1, alice, a2 } = await setup();
    const error = await failure(
      as(t, alice, a2).mutation(api.orders.checkout, {
        storeId: store1,
        idempotencyKey: "empty-cart",
        shipping,
        card: goodCard,
      }),
    );
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      message: "Your cart is empty.",
    });
  });
});

describe("order history and staff", () => {
  test("history shows the user's orders from all devices with the device; nobody else sees them", async () => {
    const { t, store1, alice, bob, a1, a2, b1 } = await setup();
    const orderId = orderIdOf(await as(t, alice, a1).mutation(api.orders.checkout, {
      storeId: store1,
      idempotencyKey: "history-key",
      shipping,
      card: goodCard,
    }));
    const { page: fromA2 } = await as(t, alice, a2).query(api.orders.mine, firstPage);
    expect(fromA2).toHaveLength(1);
    expect(fromA2[0]).toMatchObject({
      _id: orderId,
      storeName: "Store one",
      storeSlug: "one",
      deviceLabel: "Firefox on Linux",
      isThisDevice: false,
    });
    expect(
      (await as(t, alice, a1).query(api.orders.mine, firstPage)).page[0].isThisDevice,
    ).toBe(true);
    expect((await as(t, bob, b1).query(api.orders.mine, firstPage)).page).toEqual([]);
    expect(await as(t, bob, b1).query(api.orders.get, { orderId })).toBeNull();
  });

  test("staff see and advance their store's orders; staff of another store and customers are refused", async () => {
    const {
      t,
      store1,
      store2,
      mug,
      alice,
      bob,
      staff1,
      staff2,
      a1,
      b1,
      s1,
      s2,
    } = await setup();
    const orderId = orderIdOf(await as(t, alice, a1).mutation(api.orders.checkout, {
      storeId: store1,
      idempotencyKey: "staff-key",
      shipping,
      card: goodCard,
    }));
    const { page: list } = await as(t, staff1, s1).query(api.orders.forStore, {
      storeId: store1,
      ...firstPage,
    });
    expect(list.map((o) => [o._id, o.customerEmail])).toEqual([
      [orderId, "alice@example.com"],
    ]);
    expect(
      (await as(t, staff2, s2).query(api.orders.forStore, { storeId: store2, ...firstPage })).page,
    ).toEqual([]);

    const before = await snapshot(t);
    expect(
      (
        await failure(
          as(t, staff2, s2).query(api.orders.forStore, { storeId: store1, ...firstPage }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await failure(
          as(t, staff2, s2).mutation(api.orders.advance, { orderId }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await failure(
          as(t, staff2, s2).mutation(api.orders.cancel, { orderId }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (await failure(as(t, bob, b1).mutation(api.orders.advance, { orderId })))
        .code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await failure(
          as(t, alice, a1).mutation(api.orders.advance, { orderId }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await snapshot(t)).toEqual(before);

    const s = as(t, staff1, s1);
    expect(await s.mutation(api.orders.advance, { orderId })).toEqual({
      status: "packed",
    });
    expect(await s.mutation(api.orders.cancel, { orderId })).toEqual({
      status: "cancelled",
    });
    const after = await snapshot(t);
    expect(after.products.find((p) => p._id === mug)?.stock).toBe(5);
    expect(
      (await failure(s.mutation(api.orders.advance, { orderId }))).code,
    ).toBe("INVALID_INPUT");
  });

  test("an order walks placed → packed → shipped → delivered and then stops; shipped orders cannot be cancelled", async () => {
    const { t, store1, alice, staff1, a1, s1 } = await setup();
    const orderId = orderIdOf(await as(t, alice, a1).mutation(api.orders.checkout, {
      storeId: store1,
      idempotencyKey: "walk-key",
      shipping,
      card: goodCard,
    }));
    const s = as(t, staff1, s1);
    expect((await s.mutation(api.orders.advance, { orderId })).status).toBe(
      "packed",
    );
    expect((await s.mutation(api.orders.advance, { orderId })).status).toBe(
      "shipped",
    );
    expect(
      (await failure(s.mutation(api.orders.cancel, { orderId }))).code,
    ).toBe("INVALID_INPUT");
    expect((await s.mutation(api.orders.advance, { orderId })).status).toBe(
      "delivered",
    );
    expect(
      (await failure(s.mutation(api.orders.advance, { orderId }))).code,
    ).toBe("INVALID_INPUT");
    expect(
      (await as(t, alice, a1).query(api.orders.get, { orderId }))?.status,
    ).toBe("delivered");
  });

  test("ending a session removes its cart and settings but keeps its orders", async () => {
    const { t, store1, mug, alice, a1, a2 } = await setup();
    await as(t, alice, a1).mutation(api.orders.checkout, {
      storeId: store1,
      idempotencyKey: "end-key",
      shipping,
      card: goodCard,
    });
    await as(t, alice, a1).mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 1,
    });
    await as(t, alice, a1).mutation(api.settings.update, {
      theme: "dark",
      label: "Old phone",
    });
    await as(t, alice, a2).mutation(api.settings.update, { theme: "light" });

    await t.run((ctx) => endSession(ctx, a1));

    const rows = await t.run(async (ctx) => ({
      cartItems: await ctx.db.query("cartItems").collect(),
      settings: await ctx.db.query("deviceSettings").collect(),
    }));
    expect(rows.cartItems).toEqual([]);
    expect(rows.settings.map((s) => s.sessionId)).toEqual([a2]);
    const { page: history } = await as(t, alice, a2).query(api.orders.mine, firstPage);
    expect(history.map((o) => o.deviceLabel)).toEqual(["Firefox on Linux"]);
  });
});
