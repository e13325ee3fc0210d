import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { PRODUCT_IMAGE_INLINE_MAX } from "./shared/limits";
import { productImageProblem } from "./shared/products";
import { failure, asDevice as as, newTest, type TestConvex, insertProduct, insertStore } from "./test.setup";

type T = TestConvex;

/** Two stores, each with staff and a small catalog; a customer. */
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
      category: string,
      archived = false,
    ) => insertProduct(ctx, storeId, { name, category, archived });
    const blueMug = await product(store1, "Blue Mug", "Mugs");
    const redMug = await product(store1, "Red Mug", "Mugs");
    const lamp = await product(store1, "Desk Lamp", "Lighting");
    const oldMug = await product(store1, "Old Mug", "Mugs", true);
    const otherMug = await product(store2, "Green Mug", "Mugs");
    const user = (email: string) => ctx.db.insert("users", { email });
    const staff1 = await user("staff1@example.com");
    const staff2 = await user("staff2@example.com");
    const customer = await user("customer@example.com");
    await ctx.db.insert("memberships", {
      storeId: store1,
      userId: staff1,
      role: "admin",
    });
    await ctx.db.insert("memberships", {
      storeId: store2,
      userId: staff2,
      role: "owner",
    });
    const session = (userId: Id<"users">, token: string) =>
      ctx.db.insert("sessions", {
        userId,
        sessionToken: token,
        expires: now + 3_600_000,
      });
    return {
      store1,
      store2,
      blueMug,
      redMug,
      lamp,
      oldMug,
      otherMug,
      staff1,
      staff2,
      customer,
      s1: await session(staff1, "s1"),
      s2: await session(staff2, "s2"),
      c1: await session(customer, "c1"),
    };
  });
  return { t, ...ids };
}

const allProducts = (t: T) =>
  t.run((ctx) => ctx.db.query("products").collect());

const newProduct = {
  name: "  Teapot ",
  description: "Cast iron.",
  category: "Kitchen",
  priceMinor: 4500,
  stock: 7,
};

describe("public catalog", () => {
  test("lists a store's live products, filters by category, searches names, and never mixes stores", async () => {
    const { t, store1, store2 } = await setup();
    const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();
    expect(
      names(await t.query(api.products.list, { storeId: store1 })),
    ).toEqual(["Blue Mug", "Desk Lamp", "Red Mug"]);
    expect(
      names(
        await t.query(api.products.list, { storeId: store1, category: "Mugs" }),
      ),
    ).toEqual(["Blue Mug", "Red Mug"]);
    expect(
      names(
        await t.query(api.products.list, { storeId: store1, search: "mug" }),
      ),
    ).toEqual(["Blue Mug", "Red Mug"]);
    expect(
      names(
        await t.query(api.products.list, {
          storeId: store1,
          search: "lamp",
          category: "Mugs",
        }),
      ),
    ).toEqual([]);
    expect(
      names(
        await t.query(api.products.list, { storeId: store2, search: "mug" }),
      ),
    ).toEqual(["Green Mug"]);
    expect(await t.query(api.products.categories, { storeId: store1 })).toEqual(
      ["Lighting", "Mugs"],
    );
  });

  test("get returns null for another store's product, an archived one, or an unknown one", async () => {
    const { t, store1, store2, blueMug, oldMug, otherMug } = await setup();
    expect(
      (await t.query(api.products.get, { productId: blueMug, storeId: store1 }))
        ?.name,
    ).toBe("Blue Mug");
    expect(
      await t.query(api.products.get, { productId: otherMug, storeId: store1 }),
    ).toBeNull();
    expect(
      (
        await t.query(api.products.get, {
          productId: otherMug,
          storeId: store2,
        })
      )?.name,
    ).toBe("Green Mug");
    expect(await t.query(api.products.get, { productId: oldMug })).toBeNull();
    await t.run((ctx) => ctx.db.delete(blueMug));
    expect(await t.query(api.products.get, { productId: blueMug })).toBeNull();
  });
});

describe("staff product management", () => {
  test("staff create, update, archive and unarchive products of their store", async () => {
    const { t, store1, staff1, s1 } = await setup();
    const s = as(t, staff1, s1);
    const id = await s.mutation(api.products.create, {
      storeId: store1,
      ...newProduct,
    });
    let row = await s.query(api.products.getForStaff, {
      storeId: store1,
      productId: id,
    });
    expect(row).toMatchObject({
      name: "Teapot",
      priceMinor: 4500,
      stock: 7,
      image: "/stores/one/logo.svg",
      archived: false,
    });

    await s.mutation(api.products.update, {
      storeId: store1,
      productId: id,
      ...newProduct,
      priceMinor: 3900,
      image: "/stores/one/teapot.svg",
    });
    await s.mutation(api.products.archive, { storeId: store1, productId: id });
    expect(
      (await t.query(api.products.list, { storeId: store1 })).map(
        (p) => p.name,
      ),
    ).not.toContain("Teapot");
    row = await s.query(api.products.getForStaff, {
      storeId: store1,
      productId: id,
    });
    expect(row).toMatchObject({
      priceMinor: 3900,
      image: "/stores/one/teapot.svg",
      archived: true,
    });
    expect(
      (await s.query(api.products.forStaff, { storeId: store1 })).map(
        (p) => p.name,
      ),
    ).toContain("Teapot");

    await s.mutation(api.products.unarchive, {
      storeId: store1,
      productId: id,
    });
    expect(
      (await t.query(api.products.list, { storeId: store1 })).map(
        (p) => p.name,
      ),
    ).toContain("Teapot");
  });

  test("invalid fields are refused with a message per field", async () => {
    const { t, store1, staff1, s1 } = await setup();
    const before = await allProducts(t);
    const error = await failure(
      as(t, staff1, s1).mutation(api.products.create, {
        storeId: store1,
        name: "x".repeat(121),
        description: "",
        category: " ",
        priceMinor: 1.5,
        stock: -1,
        image: "https://example.com/a.png",
      }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      "category",
      "image",
      "name",
      "priceMinor",
      "stock",
    ]);
    expect(error.fields?.name).toBe(
      "Keep the name to 120 characters or fewer.",
    );
    expect(await allProducts(t)).toEqual(before);

    const hidden = await failure(
      as(t, staff1, s1).mutation(api.products.create, {
        storeId: store1,
        name: "Mug\u202Egpj.exe",
        description: "Two lines\nare fine\u200B here not",
        category: "Kitchen",
        priceMinor: 500,
        stock: 1,
      }),
    );
    expect(Object.keys(hidden.fields ?? {}).sort()).toEqual(["description", "name"]);
    expect(await allProducts(t)).toEqual(before);
  });

  test("an image must be a file in the store's own folder or a small inline raster image; nothing is stored otherwise", async () => {
    const { t, store1, blueMug, staff1, s1 } = await setup();
    const s = as(t, staff1, s1);
    const before = await allProducts(t);
    const message =
      "Use an image from /stores/one/… or paste an inline PNG, JPEG, WebP or GIF under 100 KB.";
    for (const image of [
      "/stores/two/logo.svg",
      "/stores/one/../two/logo.svg",
      "/stores/one/x.svg?v=1",
      "/stores/one//evil.example/x.svg",
      "/stores/one/x\\y.svg",
      "/stores/one/x.html",
      "/api/health",
      "//evil.example/x.png",
      "https://cdn.example.com/x.png",
      "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
      `data:image/png;base64,${"A".repeat(PRODUCT_IMAGE_INLINE_MAX)}`,
    ]) {
      for (const call of [
        s.mutation(api.products.create, { storeId: store1, ...newProduct, image }),
        s.mutation(api.products.update, { storeId: store1, productId: blueMug, ...newProduct, image }),
      ]) {
        const error = await failure(call);
        expect(error.code, image).toBe("INVALID_INPUT");
        expect(error.fields, image).toEqual({ image: message });
      }
    }
    expect(await allProducts(t)).toEqual(before);

    const inline = "data:image/png;base64,iVBORw0KGgo=";
    const id = await s.mutation(api.products.create, { storeId: store1, ...newProduct, image: inline });
    await s.mutation(api.products.update, {
      storeId: store1,
      productId: blueMug,
      ...newProduct,
      image: " /stores/one/blue-mug.webp ",
    });
    const stored = await t.run(async (ctx) => ({
      created: (await ctx.db.get(id))?.image,
      updated: (await ctx.db.get(blueMug))?.image,
    }));
    expect(stored).toEqual({ created: inline, updated: "/stores/one/blue-mug.webp" });
  });

  test("every seeded product image and store logo passes the image rule", async () => {
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    const { stores, products } = await t.run(async (ctx) => ({
      stores: await ctx.db.query("stores").collect(),
      products: await ctx.db.query("products").collect(),
    }));
    expect(products.length).toBeGreaterThan(0);
    for (const store of stores) {
      expect(productImageProblem(store.logo, store.slug), store.logo).toBeNull();
      for (const product of products.filter((p) => p.storeId === store._id)) {
        expect(productImageProblem(product.image, store.slug), product.image).toBeNull();
      }
    }
  });

  test("staff of store 2 and customers cannot touch store 1's products; store 1 ids in store 2's calls are refused", async () => {
    const { t, store1, store2, blueMug, staff2, customer, s2, c1 } =
      await setup();
    const before = await allProducts(t);
    const s = as(t, staff2, s2);
    const c = as(t, customer, c1);
    // Naming store 1 directly: not staff there.
    for (const call of [
      s.mutation(api.products.create, { storeId: store1, ...newProduct }),
      s.mutation(api.products.update, {
        storeId: store1,
        productId: blueMug,
        ...newProduct,
      }),
      s.mutation(api.products.archive, { storeId: store1, productId: blueMug }),
      s.query(api.products.forStaff, { storeId: store1 }),
      c.mutation(api.products.create, { storeId: store1, ...newProduct }),
      c.mutation(api.products.archive, { storeId: store1, productId: blueMug }),
    ]) {
      expect((await failure(call)).code).toBe("FORBIDDEN");
    }
    // Naming their own store with a product of store 1: that product is not found there.
    for (const call of [
      s.mutation(api.products.update, {
        storeId: store2,
        productId: blueMug,
        ...newProduct,
      }),
      s.mutation(api.products.archive, { storeId: store2, productId: blueMug }),
      s.mutation(api.products.unarchive, {
        storeId: store2,
        productId: blueMug,
      }),
    ]) {
      expect((await failure(call)).code).toBe("NOT_FOUND");
    }
    expect(
      await s.query(api.products.getForStaff, {
        storeId: store2,
        productId: blueMug,
      }),
    ).toBeNull();
    expect(
      (
        await failure(
          t.mutation(api.products.create, { storeId: store1, ...newProduct }),
        )
      ).code,
    ).toBe("UNAUTHENTICATED");
    expect(await allProducts(t)).toEqual(before);
  });
});
