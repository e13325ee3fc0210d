import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { CATALOG_PAGE_SIZE } from "./shared/limits";
import { failure, asDevice as as, insertProduct, insertStore, newTest } from "./test.setup";

/** Two stores with small catalogs; a staff member of "one" and a shopper, each on a device. */
async function setup() {
  const t = newTest();
  const ids = await t.run(async (ctx) => {
    const one = await insertStore(ctx, "one");
    const two = await insertStore(ctx, "two");
    const blueMug = await insertProduct(ctx, one, { name: "Blue Mug", category: "Mugs" });
    await insertProduct(ctx, one, { name: "Red Mug", category: "Mugs" });
    await insertProduct(ctx, one, { name: "Desk Lamp", category: "Lighting" });
    const oldMug = await insertProduct(ctx, one, { name: "Old Mug", category: "Vintage", archived: true });
    const greenMug = await insertProduct(ctx, two, { name: "Green Mug", category: "Mugs" });
    const staff = await ctx.db.insert("users", { email: "staff@example.com" });
    const shopper = await ctx.db.insert("users", { email: "shopper@example.com" });
    await ctx.db.insert("memberships", { storeId: one, userId: staff, role: "owner" });
    const session = (userId: Id<"users">, token: string) =>
      ctx.db.insert("sessions", { userId, sessionToken: token, expires: Date.now() + 3_600_000 });
    const staffDevice = await session(staff, "staff");
    const shopperDevice = await session(shopper, "shopper");
    await ctx.db.insert("deviceSettings", {
      sessionId: shopperDevice,
      userId: shopper,
      theme: "dark",
      locale: "de-DE",
    });
    return { one, two, blueMug, oldMug, greenMug, staff, shopper, staffDevice, shopperDevice };
  });
  return { t, ...ids };
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe("catalog page", () => {
  test("one call brings the store, its categories and live products; signed out there is no locale or role", async () => {
    const { t } = await setup();
    const page = await t.query(api.storefront.catalogPage, { slug: "one" });
    expect(page?.store.name).toBe("Store one");
    expect(page?.categories).toEqual(["Lighting", "Mugs"]);
    expect(names(page!.products)).toEqual(["Desk Lamp", "Blue Mug", "Red Mug"]);
    expect(page?.locale).toBeNull();
    expect(page?.role).toBeNull();
    expect(await t.query(api.storefront.catalogPage, { slug: "nope" })).toBeNull();
  });

  test("search and category filter within the store only", async () => {
    const { t } = await setup();
    const mugs = await t.query(api.storefront.catalogPage, { slug: "one", search: "mug" });
    expect(names(mugs!.products).sort()).toEqual(["Blue Mug", "Red Mug"]);
    const lighting = await t.query(api.storefront.catalogPage, { slug: "one", category: "Lighting" });
    expect(names(lighting!.products)).toEqual(["Desk Lamp"]);
    // Categories stay the store's whole list whatever the filter.
    expect(lighting?.categories).toEqual(["Lighting", "Mugs"]);
  });

  test("one page of products at a time, in catalog order, with more to show when more match", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      const store = await insertStore(ctx, "big");
      // 60 live products over three categories (inserted out of order) and 5 archived ones.
      for (let i = 59; i >= 0; i--) {
        await insertProduct(ctx, store, {
          name: `Item ${String(i).padStart(2, "0")}`,
          category: ["Cups", "Bowls", "Plates"][i % 3],
        });
      }
      for (let i = 0; i < 5; i++) {
        await insertProduct(ctx, store, { name: `Gone ${i}`, category: "Bowls", archived: true });
      }
    });
    const first = await t.query(api.storefront.catalogPage, { slug: "big" });
    expect(first!.products).toHaveLength(CATALOG_PAGE_SIZE);
    expect(first!.hasMore).toBe(true);
    const all = await t.query(api.storefront.catalogPage, { slug: "big", show: 96 });
    expect(all!.hasMore).toBe(false);
    expect(all!.products).toHaveLength(60);
    expect(all!.products.some((p) => p.name.startsWith("Gone"))).toBe(false);
    // Category, then name: the first page is the start of the whole list ("more" only appends).
    const order = all!.products.map((p) => `${p.category} ${p.name}`);
    expect(order).toEqual([...order].sort());
    expect(first!.products.map((p) => p._id)).toEqual(
      all!.products.slice(0, CATALOG_PAGE_SIZE).map((p) => p._id),
    );
    // A category narrows before paging: 20 cups fit one page.
    const cups = await t.query(api.storefront.catalogPage, { slug: "big", category: "Cups" });
    expect(cups!.products).toHaveLength(20);
    expect(cups!.hasMore).toBe(false);
    // A garbled count is one page or the bounds, never an error or an unbounded read.
    for (const show of [Number.NaN, -5, 0, 10.5]) {
      const page = await t.query(api.storefront.catalogPage, { slug: "big", show });
      expect(page!.products.length).toBe(Number.isNaN(show) ? CATALOG_PAGE_SIZE : show === 10.5 ? 10 : 1);
    }
  });

  test("a signed-in device gets its own locale and its role in this store", async () => {
    const { t, staff, staffDevice, shopper, shopperDevice } = await setup();
    const asShopper = await as(t, shopper, shopperDevice).query(api.storefront.catalogPage, { slug: "one" });
    expect(asShopper).toMatchObject({ locale: "de-DE", role: null });
    const asStaff = await as(t, staff, staffDevice).query(api.storefront.catalogPage, { slug: "one" });
    expect(asStaff).toMatchObject({ locale: null, role: "owner" });
    // Staff of "one" is nobody in "two".
    const elsewhere = await as(t, staff, staffDevice).query(api.storefront.catalogPage, { slug: "two" });
    expect(elsewhere?.role).toBeNull();
  });

  test("a device whose session has ended is served as signed out, not refused", async () => {
    const { t, shopper, shopperDevice } = await setup();
    await t.run((ctx) => ctx.db.delete(shopperDevice));
    const page = await as(t, shopper, shopperDevice).query(api.storefront.catalogPage, { slug: "one" });
    expect(page).toMatchObject({ locale: null, role: null });
    expect(page?.products).toHaveLength(3);
  });
});

describe("product page", () => {
  test("a live product of this store; another store's, an archived or a malformed id is null", async () => {
    const { t, blueMug, oldMug, greenMug } = await setup();
    const page = await t.query(api.storefront.productPage, { slug: "one", productId: blueMug });
    expect(page?.product.name).toBe("Blue Mug");
    expect(page?.store.slug).toBe("one");
    expect(await t.query(api.storefront.productPage, { slug: "one", productId: greenMug })).toBeNull();
    expect(await t.query(api.storefront.productPage, { slug: "one", productId: oldMug })).toBeNull();
    expect(await t.query(api.storefront.productPage, { slug: "one", productId: "not-an-id" })).toBeNull();
    expect(await t.query(api.storefront.productPage, { slug: "nope", productId: blueMug })).toBeNull();
  });
});

describe("checkout page", () => {
  test("this device's cart, priced, with the frame; signed out is refused", async () => {
    const { t, one, blueMug, shopper, shopperDevice, staff, staffDevice } = await setup();
    const shopperCalls = as(t, shopper, shopperDevice);
    await shopperCalls.mutation(api.carts.add, { storeId: one, productId: blueMug, quantity: 2 });
    const page = await shopperCalls.query(api.storefront.checkoutPage, { slug: "one" });
    expect(page?.locale).toBe("de-DE");
    expect(page?.cart.lines.map((l) => [l.name, l.quantity])).toEqual([["Blue Mug", 2]]);
    expect(page?.cart.subtotalMinor).toBe(1000);
    // Another device (another user here) sees its own, empty cart.
    const other = await as(t, staff, staffDevice).query(api.storefront.checkoutPage, { slug: "one" });
    expect(other?.cart.lines).toEqual([]);
    expect((await failure(t.query(api.storefront.checkoutPage, { slug: "one" }))).code).toBe(
      "UNAUTHENTICATED",
    );
  });
});

describe("frame", () => {
  test("the store with this device's locale and role, or null for an unknown slug", async () => {
    const { t, staff, staffDevice } = await setup();
    expect(await as(t, staff, staffDevice).query(api.storefront.frame, { slug: "one" })).toMatchObject({
      store: { slug: "one" },
      role: "owner",
      locale: null,
    });
    expect(await t.query(api.storefront.frame, { slug: "nope" })).toBeNull();
  });
});
