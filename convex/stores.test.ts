import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import { DEMO_OWNER_EMAIL, DEMO_STORES, DEMO_USER_EMAIL } from "./seed";
import { asDevice as as, newTest, type TestConvex } from "./test.setup";

type T = TestConvex;

async function sessionFor(t: T, email: string) {
  return t.run(async (ctx) => {
    const user = await ctx.db
      .query("users")
      .withIndex("by_email", (q) => q.eq("email", email))
      .first();
    if (user === null) throw new Error(`no user ${email}`);
    const sessionId = await ctx.db.insert("sessions", {
      userId: user._id,
      sessionToken: `tok-${email}`,
      expires: Date.now() + 3_600_000,
    });
    return { userId: user._id, sessionId };
  });
}

const everything = (t: T) =>
  t.run(async (ctx) => ({
    users: await ctx.db.query("users").collect(),
    stores: await ctx.db.query("stores").collect(),
    memberships: await ctx.db.query("memberships").collect(),
    products: await ctx.db.query("products").collect(),
  }));

describe("seed and stores", () => {
  test("seed creates three stores with distinct currencies and a dozen products each, and is idempotent", async () => {
    const t = newTest();
    expect(await t.mutation(internal.seed.init, {})).toEqual({
      storesCreated: 3,
      productsCreated: 36,
    });
    const first = await everything(t);
    expect(new Set(first.stores.map((s) => s.currency)).size).toBe(3);
    expect(first.users.map((u) => u.email).sort()).toEqual(
      [DEMO_USER_EMAIL, DEMO_OWNER_EMAIL].sort(),
    );
    expect(first.memberships).toHaveLength(3);
    for (const store of first.stores) {
      const products = first.products.filter((p) => p.storeId === store._id);
      expect(products.length).toBeGreaterThanOrEqual(10);
      expect(
        new Set(products.map((p) => p.category)).size,
      ).toBeGreaterThanOrEqual(3);
    }

    expect(await t.mutation(internal.seed.init, {})).toEqual({
      storesCreated: 0,
      productsCreated: 0,
    });
    expect(await everything(t)).toEqual(first);
  });

  test("the seed's image paths are files shipped under public/", async () => {
    const { existsSync } = await import("node:fs");
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    const { stores, products } = await everything(t);
    const paths = [
      ...stores.map((s) => s.logo),
      ...products.map((p) => p.image),
    ];
    expect(paths).toHaveLength(
      3 + DEMO_STORES.reduce((n, s) => n + s.products.length, 0),
    );
    for (const path of paths) {
      expect(
        existsSync(new URL(`../public${path}`, import.meta.url)),
        path,
      ).toBe(true);
    }
  });

  test("list and getBySlug are public; myStaffStores shows the owner's stores and nothing for others", async () => {
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    const stores = await t.query(api.stores.list, {});
    expect(stores.map((s) => s.slug).sort()).toEqual(
      DEMO_STORES.map((s) => s.slug).sort(),
    );
    expect(
      (await t.query(api.stores.getBySlug, { slug: "alpine" }))?.currency,
    ).toBe("EUR");
    expect(await t.query(api.stores.getBySlug, { slug: "nope" })).toBeNull();

    const owner = await sessionFor(t, DEMO_OWNER_EMAIL);
    const mine = await as(t, owner.userId, owner.sessionId).query(
      api.stores.myStaffStores,
      {},
    );
    expect(mine.map((m) => m.role)).toEqual(["owner", "owner", "owner"]);
    const alpine = stores.find((s) => s.slug === "alpine");
    if (alpine === undefined) throw new Error("no alpine store");
    expect(
      await as(t, owner.userId, owner.sessionId).query(api.stores.myRole, {
        storeId: alpine._id,
      }),
    ).toBe("owner");
    const plain = await sessionFor(t, DEMO_USER_EMAIL);
    expect(
      await as(t, plain.userId, plain.sessionId).query(
        api.stores.myStaffStores,
        {},
      ),
    ).toEqual([]);
    expect(
      await as(t, plain.userId, plain.sessionId).query(api.stores.myRole, {
        storeId: alpine._id,
      }),
    ).toBeNull();
  });
});
