// Cart rows: one per device (session), store and product. Reading a device's rows,
// writing one line, and pricing rows against the live catalog. Totals are computed here,
// not in the browser.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError, ErrorCode } from "../errors";
import { sellableIn } from "./products";

type Reader = Pick<QueryCtx, "db">;

/** Whose cart, in which store: a line is this plus a product. */
export type CartOwner = {
  sessionId: Id<"sessions">;
  userId: Id<"users">;
  storeId: Id<"stores">;
};

export const cartLineValidator = v.object({
  productId: v.id("products"),
  name: v.string(),
  image: v.string(),
  category: v.string(),
  unitPriceMinor: v.number(),
  quantity: v.number(),
  lineTotalMinor: v.number(),
  /** Units in stock now. */
  stock: v.number(),
  /** False when the product was archived or removed; such lines are not in the subtotal. */
  available: v.boolean(),
});

export const cartValidator = v.object({
  storeId: v.id("stores"),
  currency: v.string(),
  lines: v.array(cartLineValidator),
  subtotalMinor: v.number(),
  /** Sum of quantities of available lines (the badge on the cart button). */
  itemCount: v.number(),
  /** Messages for a person about lines that cannot be bought as they are. */
  warnings: v.array(v.object({ productId: v.id("products"), message: v.string() })),
});

type CartLine = Infer<typeof cartLineValidator>;
type Cart = Infer<typeof cartValidator>;

/** "Only 2 are left of Headlamp." / "Headlamp is sold out." */
export function leftMessage(stock: number, name: string): string {
  if (stock <= 0) return `${name} is sold out.`;
  return `Only ${stock} ${stock === 1 ? "is" : "are"} left of ${name}.`;
}

/** The cart rows of one session in one store. */
export async function cartRows(
  ctx: Reader,
  sessionId: Id<"sessions">,
  storeId: Id<"stores">,
): Promise<Doc<"cartItems">[]> {
  return ctx.db
    .query("cartItems")
    .withIndex("by_sessionId_storeId_productId", (q) =>
      q.eq("sessionId", sessionId).eq("storeId", storeId),
    )
    .collect();
}

/** One line of a cart, or null. */
export async function cartLine(
  ctx: Reader,
  owner: CartOwner,
  productId: Id<"products">,
): Promise<Doc<"cartItems"> | null> {
  return ctx.db
    .query("cartItems")
    .withIndex("by_sessionId_storeId_productId", (q) =>
      q.eq("sessionId", owner.sessionId).eq("storeId", owner.storeId).eq("productId", productId),
    )
    .unique();
}

/** Set a line's quantity, adding the line when `existing` (from `cartLine`) is null. */
export async function writeCartLine(
  ctx: Pick<MutationCtx, "db">,
  owner: CartOwner,
  productId: Id<"products">,
  quantity: number,
  existing: Doc<"cartItems"> | null,
): Promise<void> {
  if (existing === null) {
    await ctx.db.insert("cartItems", { ...owner, productId, quantity });
  } else {
    await ctx.db.patch(existing._id, { quantity });
  }
}

/** OUT_OF_STOCK naming what is left, and what is already in this cart. */
export function outOfStock(product: Doc<"products">, inCart: number) {
  const inCartNote = inCart > 0 ? ` You already have ${inCart} in your cart.` : "";
  return appError(ErrorCode.OUT_OF_STOCK, `${leftMessage(product.stock, product.name)}${inCartNote}`);
}

/** Lines with a fresh product snapshot, subtotal and warnings, from cart rows. */
export async function priceCart(
  ctx: Reader,
  store: Doc<"stores">,
  rows: Doc<"cartItems">[],
): Promise<Cart> {
  const lines: CartLine[] = [];
  const warnings: Cart["warnings"] = [];
  for (const row of rows) {
    const product = await ctx.db.get(row.productId);
    // A row pointing at another store's product cannot be written by `add`; skip it anyway.
    if (product !== null && product.storeId !== store._id) continue;
    const sellable = sellableIn(product, store._id);
    const unitPriceMinor = product?.priceMinor ?? 0;
    lines.push({
      productId: row.productId,
      name: product?.name ?? "Removed product",
      image: product?.image ?? store.logo,
      category: product?.category ?? "",
      unitPriceMinor,
      quantity: row.quantity,
      lineTotalMinor: unitPriceMinor * row.quantity,
      stock: product?.stock ?? 0,
      available: sellable !== null,
    });
    if (sellable === null) {
      warnings.push({
        productId: row.productId,
        message: `${product?.name ?? "This product"} is no longer sold. Remove it to check out.`,
      });
    } else if (sellable.stock < row.quantity) {
      warnings.push({
        productId: row.productId,
        message: `${leftMessage(sellable.stock, sellable.name)} Lower the quantity to check out.`,
      });
    }
  }
  // Lines and their warnings in the same, stable order (by name).
  lines.sort((a, b) => a.name.localeCompare(b.name));
  const position = new Map(lines.map((l, i) => [l.productId, i]));
  warnings.sort((a, b) => (position.get(a.productId) ?? 0) - (position.get(b.productId) ?? 0));
  const live = lines.filter((l) => l.available);
  return {
    storeId: store._id,
    currency: store.currency,
    lines,
    subtotalMinor: live.reduce((sum, l) => sum + l.lineTotalMinor, 0),
    itemCount: live.reduce((sum, l) => sum + l.quantity, 0),
    warnings,
  };
}
