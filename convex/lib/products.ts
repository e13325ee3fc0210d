// Products of a store: which product a store may show, sell or edit. An id of another
// store's product gets the same answer as an unknown id, so nothing leaks about other
// tenants.
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError, ErrorCode } from "../errors";
import { CATALOG_PAGE_SIZE, CATALOG_SEARCH_MAX, CATALOG_SHOW_MAX } from "../shared/limits";

type Reader = Pick<QueryCtx, "db">;

/**
 * Products a store shows: live ones, optionally one category and/or a name search. Search
 * hits come by relevance, the rest by category then name (one index range), so "show more"
 * only ever appends. At most `show` products (clamped to 1..CATALOG_SHOW_MAX; search results
 * to CATALOG_SEARCH_MAX); `hasMore` says whether more match.
 */
export async function catalogOf(
  ctx: Reader,
  storeId: Id<"stores">,
  filter: { category?: string; search?: string },
  show: number,
): Promise<{ products: Doc<"products">[]; hasMore: boolean }> {
  const text = filter.search?.trim() ?? "";
  const cat = filter.category?.trim() ? filter.category.trim() : undefined;
  const limit = clampShow(show, text.length > 0 ? CATALOG_SEARCH_MAX : CATALOG_SHOW_MAX);
  // One more than shown tells whether there is more.
  const rows =
    text.length > 0
      ? await ctx.db
          .query("products")
          .withSearchIndex("search_name", (q) => {
            const base = q.search("name", text).eq("storeId", storeId).eq("archived", false);
            return cat === undefined ? base : base.eq("category", cat);
          })
          .take(limit + 1)
      : await ctx.db
          .query("products")
          .withIndex("by_storeId_archived_category_name", (q) => {
            const live = q.eq("storeId", storeId).eq("archived", false);
            return cat === undefined ? live : live.eq("category", cat);
          })
          .take(limit + 1);
  return { products: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** A requested count of products as a whole number within 1..max (the first page if garbled). */
export function clampShow(show: number, max: number): number {
  if (!Number.isFinite(show)) return Math.min(CATALOG_PAGE_SIZE, max);
  return Math.min(Math.max(Math.floor(show), 1), max);
}

/** Distinct categories one store may have; more are not listed. */
const CATEGORY_MAX = 200;

/**
 * The categories that have at least one live product, alphabetically. Walks the
 * `by_storeId_category` index from one category to the next (one or two index ranges per
 * category), so a catalog of any size costs reads per category, not per product.
 */
export async function categoriesOf(ctx: Reader, storeId: Id<"stores">): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < CATEGORY_MAX; i++) {
    const from: string | null = after;
    const next: Doc<"products"> | null = await ctx.db
      .query("products")
      .withIndex("by_storeId_category", (q) =>
        from === null ? q.eq("storeId", storeId) : q.eq("storeId", storeId).gt("category", from),
      )
      .first();
    if (next === null) break;
    after = next.category;
    const category = next.category;
    const live = next.archived
      ? await ctx.db
          .query("products")
          .withIndex("by_storeId_category", (q) =>
            q.eq("storeId", storeId).eq("category", category),
          )
          // Only when the category's first product is archived: scans that category's
          // archived products up to its first live one.
          // eslint-disable-next-line @convex-dev/no-filter-in-query
          .filter((q) => q.eq(q.field("archived"), false))
          .first()
      : next;
    if (live !== null) names.push(category);
  }
  return names.sort((a, b) => a.localeCompare(b));
}

/** The product when it is live in this store's catalog, else null (gone, archived, elsewhere). */
export function sellableIn(
  product: Doc<"products"> | null,
  storeId: Id<"stores">,
): Doc<"products"> | null {
  return product !== null && product.storeId === storeId && !product.archived ? product : null;
}

/** A product of this store (archived too), or NOT_FOUND. */
export async function requireProductOf(
  ctx: Reader,
  storeId: Id<"stores">,
  productId: Id<"products">,
): Promise<Doc<"products">> {
  const product = await ctx.db.get(productId);
  if (product === null || product.storeId !== storeId) {
    throw appError(ErrorCode.NOT_FOUND, "This product is not sold in this store.");
  }
  return product;
}

/** A live product of this store, or NOT_FOUND (other store, unknown, archived). */
export async function requireSellable(
  ctx: Reader,
  storeId: Id<"stores">,
  productId: Id<"products">,
): Promise<Doc<"products">> {
  const product = await requireProductOf(ctx, storeId, productId);
  if (product.archived) {
    throw appError(ErrorCode.NOT_FOUND, `${product.name} is no longer sold.`);
  }
  return product;
}
