// Products of a store: which product a store may show, sell or edit. An id of another
// store's product gets the same answer as an unknown id, so nothing leaks about other
// tenants.
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError, ErrorCode } from "../errors";

type Reader = Pick<QueryCtx, "db">;

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
