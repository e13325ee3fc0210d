import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { failure, asDevice as as, newTest, type TestConvex, insertProduct, insertStore } from "./test.setup";

type T = TestConvex;

/** Two stores; Alice on two live devices and one expired; Bob on one. */
async function setup() {
  const t = newTest();
  const ids = await t.run(async (ctx) => {
    const now = Date.now();
    const store = (slug: string) => insertStore(ctx, slug);
    const store1 = await store("one");
    const store2 = await store("two");
    const product = (
      storeId: Id<"stores">,
      name: string,
      priceMinor: number,
      stock: number,
      archived = false,
    ) => insertProduct(ctx, storeId, { name, priceMinor, stock, archived });
    const mug = await product(store1, "Mug", 250, 5);
    const lamp = await product(store1, "Lamp", 1000, 50);
    const retired = await product(store1, "Retired", 100, 10, true);
    const foreign = await product(store2, "Foreign", 300, 10);
    const alice = await ctx.db.insert("users", { email: "alice@example.com" });
    const bob = await ctx.db.insert("users", { email: "bob@example.com" });
    const session = (
      userId: Id<"users">,
      token: string,
      expires: number,
      browser?: string,
    ) =>
      ctx.db.insert("sessions", {
        userId,
        sessionToken: token,
        expires,
        browser,
        os: browser ? "Linux" : undefined,
      });
    const a1 = await session(alice, "a1", now + 3_600_000, "Firefox");
    const a2 = await session(alice, "a2", now + 3_600_000, "Chrome");
    const aOld = await session(alice, "a-old", now - 1);
    const b1 = await session(bob, "b1", now + 3_600_000);
    return {
      store1,
      store2,
      mug,
      lamp,
      retired,
      foreign,
      alice,
      bob,
      a1,
      a2,
      aOld,
      b1,
    };
  });
  return { t, ...ids };
}

const allCartRows = (t: T) =>
  t.run((ctx) => ctx.db.query("cartItems").collect());

describe("cart arithmetic", () => {
  test("add, setQuantity, remove and clear keep lines, line totals, subtotal and count right", async () => {
    const { t, store1, mug, lamp, alice, a1 } = await setup();
    const a = as(t, alice, a1);
    expect(
      await a.mutation(api.carts.add, {
        storeId: store1,
        productId: mug,
        quantity: 2,
      }),
    ).toBe(2);
    expect(
      await a.mutation(api.carts.add, {
        storeId: store1,
        productId: mug,
        quantity: 1,
      }),
    ).toBe(3);
    await a.mutation(api.carts.add, {
      storeId: store1,
      productId: lamp,
      quantity: 1,
    });

    let cart = await a.query(api.carts.mine, { storeId: store1 });
    expect(
      cart.lines.map((l) => [l.name, l.quantity, l.lineTotalMinor]),
    ).toEqual([
      ["Lamp", 1, 1000],
      ["Mug", 3, 750],
    ]);
    expect(cart.subtotalMinor).toBe(1750);
    expect(cart.itemCount).toBe(4);
    expect(cart.currency).toBe("EUR");
    expect(cart.warnings).toEqual([]);

    await a.mutation(api.carts.setQuantity, {
      storeId: store1,
      productId: lamp,
      quantity: 4,
    });
    cart = await a.query(api.carts.mine, { storeId: store1 });
    expect(cart.subtotalMinor).toBe(750 + 4000);

    await a.mutation(api.carts.remove, { storeId: store1, productId: mug });
    cart = await a.query(api.carts.mine, { storeId: store1 });
    expect(cart.lines.map((l) => l.name)).toEqual(["Lamp"]);
    expect(cart.itemCount).toBe(4);

    await a.mutation(api.carts.clear, { storeId: store1 });
    cart = await a.query(api.carts.mine, { storeId: store1 });
    expect(cart).toMatchObject({ lines: [], subtotalMinor: 0, itemCount: 0 });
  });

  test("stock limits and quantity bounds are refused with a message saying how many are left", async () => {
    const { t, store1, mug, lamp, retired, alice, a1 } = await setup();
    const a = as(t, alice, a1);
    const tooMany = await failure(
      a.mutation(api.carts.add, {
        storeId: store1,
        productId: mug,
        quantity: 6,
      }),
    );
    expect(tooMany.code).toBe("OUT_OF_STOCK");
    expect(tooMany.message).toContain("Only 5 are left of Mug");

    await a.mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 3,
    });
    const more = await failure(
      a.mutation(api.carts.add, {
        storeId: store1,
        productId: mug,
        quantity: 3,
      }),
    );
    expect(more.code).toBe("OUT_OF_STOCK");
    expect(more.message).toContain("You already have 3 in your cart");
    expect(
      (
        await failure(
          a.mutation(api.carts.setQuantity, {
            storeId: store1,
            productId: mug,
            quantity: 6,
          }),
        )
      ).code,
    ).toBe("OUT_OF_STOCK");

    for (const quantity of [0, -1, 1.5, 100]) {
      expect(
        (
          await failure(
            a.mutation(api.carts.add, {
              storeId: store1,
              productId: lamp,
              quantity,
            }),
          )
        ).code,
      ).toBe("INVALID_INPUT");
    }
    // 99 per line at most, even with enough stock.
    await a.mutation(api.carts.add, {
      storeId: store1,
      productId: lamp,
      quantity: 50,
    });
    await t.run((ctx) => ctx.db.patch(lamp, { stock: 500 }));
    await a.mutation(api.carts.add, {
      storeId: store1,
      productId: lamp,
      quantity: 49,
    });
    expect(
      (
        await failure(
          a.mutation(api.carts.add, {
            storeId: store1,
            productId: lamp,
            quantity: 1,
          }),
        )
      ).code,
    ).toBe("INVALID_INPUT");

    expect(
      (
        await failure(
          a.mutation(api.carts.add, {
            storeId: store1,
            productId: retired,
            quantity: 1,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const rows = await allCartRows(t);
    expect(rows.map((r) => [r.productId, r.quantity]).sort()).toEqual(
      [
        [mug, 3],
        [lamp, 99],
      ].sort(),
    );
  });

  test("the cart warns when stock fell below the quantity and leaves archived products out of the subtotal", async () => {
    const { t, store1, mug, lamp, alice, a1 } = await setup();
    const a = as(t, alice, a1);
    await a.mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 4,
    });
    await a.mutation(api.carts.add, {
      storeId: store1,
      productId: lamp,
      quantity: 1,
    });
    await t.run(async (ctx) => {
      await ctx.db.patch(mug, { stock: 2 });
      await ctx.db.patch(lamp, { archived: true });
    });
    const cart = await a.query(api.carts.mine, { storeId: store1 });
    expect(cart.warnings).toEqual([
      {
        productId: lamp,
        message: "Lamp is no longer sold. Remove it to check out.",
      },
      {
        productId: mug,
        message: "Only 2 are left of Mug. Lower the quantity to check out.",
      },
    ]);
    expect(cart.lines.find((l) => l.productId === lamp)?.available).toBe(false);
    expect(cart.subtotalMinor).toBe(4 * 250);
    expect(cart.itemCount).toBe(4);
  });

  test("concurrent adds to one cart lose no update", async () => {
    const { t, store1, lamp, alice, a1 } = await setup();
    const a = as(t, alice, a1);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        a.mutation(api.carts.add, {
          storeId: store1,
          productId: lamp,
          quantity: 2,
        }),
      ),
    );
    const cart = await a.query(api.carts.mine, { storeId: store1 });
    expect(cart.lines).toHaveLength(1);
    expect(cart.itemCount).toBe(40);
    expect(await allCartRows(t)).toHaveLength(1);
  });
});

describe("carts per device and isolation", () => {
  test("two devices of one user have independent carts, and carts are per store", async () => {
    const { t, store1, store2, mug, lamp, foreign, alice, a1, a2 } =
      await setup();
    await as(t, alice, a1).mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 1,
    });
    await as(t, alice, a2).mutation(api.carts.add, {
      storeId: store1,
      productId: lamp,
      quantity: 2,
    });
    await as(t, alice, a2).mutation(api.carts.add, {
      storeId: store2,
      productId: foreign,
      quantity: 1,
    });
    expect(
      (
        await as(t, alice, a1).query(api.carts.mine, { storeId: store1 })
      ).lines.map((l) => l.name),
    ).toEqual(["Mug"]);
    expect(
      (
        await as(t, alice, a2).query(api.carts.mine, { storeId: store1 })
      ).lines.map((l) => l.name),
    ).toEqual(["Lamp"]);
    expect(
      (await as(t, alice, a1).query(api.carts.mine, { storeId: store2 })).lines,
    ).toEqual([]);
    expect(
      (
        await as(t, alice, a2).query(api.carts.mine, { storeId: store2 })
      ).lines.map((l) => l.name),
    ).toEqual(["Foreign"]);
  });

  test("a product of store 2 cannot be put in store 1's cart, and the database stays unchanged", async () => {
    const { t, store1, foreign, alice, a1 } = await setup();
    const a = as(t, alice, a1);
    for (const call of [
      a.mutation(api.carts.add, {
        storeId: store1,
        productId: foreign,
        quantity: 1,
      }),
      a.mutation(api.carts.setQuantity, {
        storeId: store1,
        productId: foreign,
        quantity: 1,
      }),
    ]) {
      expect((await failure(call)).code).toBe("NOT_FOUND");
    }
    expect(await allCartRows(t)).toEqual([]);
  });

  test("another user cannot see, change or copy Alice's cart, even with her session id", async () => {
    const { t, store1, mug, lamp, alice, bob, a1, b1 } = await setup();
    await as(t, alice, a1).mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 2,
    });
    const before = await allCartRows(t);
    const b = as(t, bob, b1);

    expect((await b.query(api.carts.mine, { storeId: store1 })).lines).toEqual(
      [],
    );
    expect(await b.query(api.carts.otherDevices, { storeId: store1 })).toEqual(
      [],
    );
    expect(
      (
        await failure(
          b.mutation(api.carts.copyFromDevice, {
            storeId: store1,
            fromSessionId: a1,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // Bob's own edits touch only his rows.
    await b.mutation(api.carts.remove, { storeId: store1, productId: mug });
    await b.mutation(api.carts.clear, { storeId: store1 });
    // A forged token naming Alice's session with Bob's user id is signed out.
    const forged = as(t, bob, a1);
    expect(
      (await failure(forged.query(api.carts.mine, { storeId: store1 }))).code,
    ).toBe("UNAUTHENTICATED");
    expect(
      (
        await failure(
          forged.mutation(api.carts.add, {
            storeId: store1,
            productId: lamp,
            quantity: 1,
          }),
        )
      ).code,
    ).toBe("UNAUTHENTICATED");
    expect(
      (await failure(t.query(api.carts.mine, { storeId: store1 }))).code,
    ).toBe("UNAUTHENTICATED");

    expect(await allCartRows(t)).toEqual(before);
  });

  test("otherDevices lists the caller's other live sessions' carts with a device name", async () => {
    const { t, store1, mug, lamp, alice, a1, a2, aOld } = await setup();
    await as(t, alice, a1).mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 2,
    });
    await as(t, alice, a2).mutation(api.carts.add, {
      storeId: store1,
      productId: lamp,
      quantity: 1,
    });
    // A leftover row of an expired session must not show up.
    await t.run((ctx) =>
      ctx.db.insert("cartItems", {
        sessionId: aOld,
        userId: alice,
        storeId: store1,
        productId: lamp,
        quantity: 3,
      }),
    );
    const fromA2 = await as(t, alice, a2).query(api.carts.otherDevices, {
      storeId: store1,
    });
    expect(fromA2).toHaveLength(1);
    expect(fromA2[0]).toMatchObject({
      sessionId: a1,
      deviceName: "Firefox on Linux",
    });
    expect(fromA2[0].cart).toMatchObject({ subtotalMinor: 500, itemCount: 2 });

    await as(t, alice, a1).mutation(api.settings.update, {
      label: "Work laptop",
    });
    const renamed = await as(t, alice, a2).query(api.carts.otherDevices, {
      storeId: store1,
    });
    expect(renamed[0].deviceName).toBe("Work laptop");
  });

  test("copyFromDevice merges another own device's lines, capped by stock, and refuses expired or own sessions", async () => {
    const { t, store1, mug, lamp, alice, a1, a2, aOld } = await setup();
    await as(t, alice, a1).mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 4,
    });
    await as(t, alice, a1).mutation(api.carts.add, {
      storeId: store1,
      productId: lamp,
      quantity: 2,
    });
    await as(t, alice, a2).mutation(api.carts.add, {
      storeId: store1,
      productId: mug,
      quantity: 3,
    });

    const result = await as(t, alice, a2).mutation(api.carts.copyFromDevice, {
      storeId: store1,
      fromSessionId: a1,
    });
    expect(result.copied).toBe(2);
    expect(result.notes).toEqual([
      "Mug: 2 of 4 copied. Only 5 are left of Mug.",
    ]);
    const here = await as(t, alice, a2).query(api.carts.mine, {
      storeId: store1,
    });
    expect(here.lines.map((l) => [l.name, l.quantity])).toEqual([
      ["Lamp", 2],
      ["Mug", 5],
    ]);
    // The source device keeps its cart.
    const there = await as(t, alice, a1).query(api.carts.mine, {
      storeId: store1,
    });
    expect(there.lines.map((l) => [l.name, l.quantity])).toEqual([
      ["Lamp", 2],
      ["Mug", 4],
    ]);

    const before = await allCartRows(t);
    for (const fromSessionId of [aOld, a2]) {
      expect(
        (
          await failure(
            as(t, alice, a2).mutation(api.carts.copyFromDevice, {
              storeId: store1,
              fromSessionId,
            }),
          )
        ).code,
      ).toBe("NOT_FOUND");
    }
    expect(await allCartRows(t)).toEqual(before);
  });
});
