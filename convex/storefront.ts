// What the shop's pages read, one query per page: the store's frame (the store, this
// device's locale and its role there) plus what the page shows: the catalog with its
// categories, one product, or the checkout's cart. The Next.js server preloads the
// page's query once per request and the browser keeps the same query live, so a page
// costs one Convex call to render and no second fetch to come alive.
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { cartRows, cartValidator, priceCart } from "./lib/carts";
import { settingsOf } from "./lib/devices";
import { sessionQuery, viewerQuery } from "./lib/functions";
import { catalogOf, categoriesOf, sellableIn } from "./lib/products";
import type { CheckedSession } from "./lib/sessions";
import { roleIn } from "./lib/stores";
import { productValidator, toProductView } from "./products";
import { roleValidator } from "./schema";
import { CATALOG_PAGE_SIZE, PRODUCT_CATEGORY_MAX, PRODUCT_SEARCH_MAX } from "./shared/limits";
import { storeValidator, toStoreView } from "./stores";

/** The store a page belongs to and what this device brings to it. */
const frameFields = {
  store: storeValidator,
  /** This device's chosen locale (BCP 47), or null: the default, also when signed out. */
  locale: v.union(v.string(), v.null()),
  /** The caller's staff role in this store, or null (shopper, or signed out). */
  role: v.union(roleValidator, v.null()),
};

type Reader = Pick<QueryCtx, "db">;

async function storeNamed(ctx: Reader, slug: string): Promise<Doc<"stores"> | null> {
  return ctx.db
    .query("stores")
    .withIndex("by_slug", (q) => q.eq("slug", slug))
    .unique();
}

async function frameOf(ctx: Reader, store: Doc<"stores">, viewer: CheckedSession | null) {
  if (viewer === null) return { store: toStoreView(store), locale: null, role: null };
  const [settings, role] = await Promise.all([
    settingsOf(ctx, viewer.sessionId),
    roleIn(ctx, viewer.userId, store._id),
  ]);
  return { store: toStoreView(store), locale: settings?.locale ?? null, role };
}

/** The frame alone, for pages that read the rest themselves (the staff pages). Null: no such store. */
export const frame = viewerQuery({
  args: { slug: v.string() },
  returns: v.union(v.object(frameFields), v.null()),
  handler: async (ctx, { slug }) => {
    const store = await storeNamed(ctx, slug);
    return store === null ? null : frameOf(ctx, store, ctx.viewer);
  },
});

/**
 * `/s/[slug]`: the catalog (optionally one category and/or a name search) and its categories.
 * `show` products at most (default one page, CATALOG_PAGE_SIZE); `hasMore` when more match.
 */
export const catalogPage = viewerQuery({
  args: {
    slug: v.string(),
    search: v.optional(v.string()),
    category: v.optional(v.string()),
    show: v.optional(v.number()),
  },
  returns: v.union(
    v.object({
      ...frameFields,
      categories: v.array(v.string()),
      products: v.array(productValidator),
      hasMore: v.boolean(),
    }),
    v.null(),
  ),
  handler: async (ctx, { slug, search, category, show }) => {
    const store = await storeNamed(ctx, slug);
    if (store === null) return null;
    const filter = {
      search: search?.slice(0, PRODUCT_SEARCH_MAX),
      category: category?.slice(0, PRODUCT_CATEGORY_MAX),
    };
    const [frame, categories, catalog] = await Promise.all([
      frameOf(ctx, store, ctx.viewer),
      categoriesOf(ctx, store._id),
      catalogOf(ctx, store._id, filter, show ?? CATALOG_PAGE_SIZE),
    ]);
    return {
      ...frame,
      categories,
      products: catalog.products.map(toProductView),
      hasMore: catalog.hasMore,
    };
  },
});

/**
 * `/s/[slug]/p/[productId]`: one live product of this store, or null (unknown store, or
 * a product that is unknown, archived or another store's). The id comes from the URL, so
 * it is a string here: a malformed one is "not found", not an argument error.
 */
export const productPage = viewerQuery({
  args: { slug: v.string(), productId: v.string() },
  returns: v.union(v.object({ ...frameFields, product: productValidator }), v.null()),
  handler: async (ctx, { slug, productId }) => {
    const store = await storeNamed(ctx, slug);
    const id = ctx.db.normalizeId("products", productId);
    if (store === null || id === null) return null;
    const product = sellableIn(await ctx.db.get(id), store._id);
    if (product === null) return null;
    return { ...(await frameOf(ctx, store, ctx.viewer)), product: toProductView(product) };
  },
});

/** `/s/[slug]/checkout`: this device's cart in the store, priced. Signed in only. */
export const checkoutPage = sessionQuery({
  args: { slug: v.string() },
  returns: v.union(v.object({ ...frameFields, cart: cartValidator }), v.null()),
  handler: async (ctx, { slug }) => {
    const store = await storeNamed(ctx, slug);
    if (store === null) return null;
    const [frame, cart] = await Promise.all([
      frameOf(ctx, store, { userId: ctx.userId, sessionId: ctx.sessionId, session: ctx.session }),
      cartRows(ctx, ctx.sessionId, store._id).then((rows) => priceCart(ctx, store, rows)),
    ]);
    return { ...frame, cart };
  },
});
