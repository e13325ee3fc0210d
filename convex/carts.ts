// Carts: one per device (session) and store, keyed by the CALLER's session from the
// token — no function here takes a session id for the caller's own cart. Totals are
// computed here, not in the browser. A user can also see and copy the carts of their
// own other live sessions; never anyone else's.
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { appError, ErrorCode } from "./errors";
import { sessionMutation, sessionQuery } from "./lib/functions";
import { requireProductOf, requireStore } from "./lib/stores";
import { deviceNameOf } from "./settings";

export const QUANTITY_MAX = 99;

export const cartLineView = v.object({
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

export const cartView = v.object({
  storeId: v.id("stores"),
  currency: v.string(),
  lines: v.array(cartLineView),
  subtotalMinor: v.number(),
  /** Sum of quantities of available lines (the badge on the cart button). */
  itemCount: v.number(),
  /** Messages for a person about lines that cannot be bought as they are. */
  warnings: v.array(
    v.object({ productId: v.id("products"), message: v.string() }),
  ),
});

type CartLine = {
  productId: Id<"products">;
  name: string;
  image: string;
  category: string;
  unitPriceMinor: number;
  quantity: number;
  lineTotalMinor: number;
  stock: number;
  available: boolean;
};

export function leftMessage(stock: number, name: string): string {
  if (stock <= 0) return `${name} is sold out.`;
  return `Only ${stock} ${stock === 1 ? "is" : "are"} left of ${name}.`;
}

/** The cart rows of one session in one store. */
export async function cartRows(
  ctx: Pick<QueryCtx, "db">,
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

/** Lines with a fresh product snapshot, subtotal and warnings, from cart rows. */
export async function priceCart(
  ctx: Pick<QueryCtx, "db">,
  store: Doc<"stores">,
  rows: Doc<"cartItems">[],
) {
  const lines: CartLine[] = [];
  const warnings: { productId: Id<"products">; message: string }[] = [];
  for (const row of rows) {
    const product = await ctx.db.get(row.productId);
    // A row pointing at another store's product cannot be written by `add`; skip it anyway.
    if (product !== null && product.storeId !== store._id) continue;
    const available = product !== null && !product.archived;
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
      available,
    });
    if (!available) {
      warnings.push({
        productId: row.productId,
        message: `${product?.name ?? "This product"} is no longer sold. Remove it to check out.`,
      });
    } else if (product.stock < row.quantity) {
      warnings.push({
        productId: row.productId,
        message: `${leftMessage(product.stock, product.name)} Lower the quantity to check out.`,
      });
    }
  }
  // Lines and their warnings in the same, stable order (by name).
  lines.sort((a, b) => a.name.localeCompare(b.name));
  const position = new Map(lines.map((l, i) => [l.productId, i]));
  warnings.sort(
    (a, b) =>
      (position.get(a.productId) ?? 0) - (position.get(b.productId) ?? 0),
  );
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

/** This device's cart in a store. */
export const mine = sessionQuery({
  args: { storeId: v.id("stores") },
  returns: cartView,
  handler: async (ctx, { storeId }) => {
    const store = await requireStore(ctx, storeId);
    return priceCart(ctx, store, await cartRows(ctx, ctx.sessionId, storeId));
  },
});

function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > QUANTITY_MAX) {
    throw appError(
      ErrorCode.INVALID_INPUT,
      `Choose a quantity from 1 to ${QUANTITY_MAX}.`,
      { quantity: `Choose a quantity from 1 to ${QUANTITY_MAX}.` },
    );
  }
}

/** A live product of this store, or NOT_FOUND (other store, unknown, archived). */
async function sellableProduct(
  ctx: Pick<MutationCtx, "db">,
  storeId: Id<"stores">,
  productId: Id<"products">,
): Promise<Doc<"products">> {
  const product = await requireProductOf(ctx, storeId, productId);
  if (product.archived) {
    throw appError(ErrorCode.NOT_FOUND, `${product.name} is no longer sold.`);
  }
  return product;
}

async function cartRow(
  ctx: Pick<QueryCtx, "db">,
  sessionId: Id<"sessions">,
  storeId: Id<"stores">,
  productId: Id<"products">,
): Promise<Doc<"cartItems"> | null> {
  return ctx.db
    .query("cartItems")
    .withIndex("by_sessionId_storeId_productId", (q) =>
      q
        .eq("sessionId", sessionId)
        .eq("storeId", storeId)
        .eq("productId", productId),
    )
    .unique();
}

function outOfStock(product: Doc<"products">, inCart: number) {
  const inCartNote =
    inCart > 0 ? ` You already have ${inCart} in your cart.` : "";
  return appError(
    ErrorCode.OUT_OF_STOCK,
    `${leftMessage(product.stock, product.name)}${inCartNote}`,
  );
}

/**
 * Add units of a product to this device's cart (added to any already there).
 * Returns the new quantity of that line.
 */
export const add = sessionMutation({
  args: {
    storeId: v.id("stores"),
    productId: v.id("products"),
    quantity: v.number(),
  },
  returns: v.number(),
  handler: async (ctx, { storeId, productId, quantity }) => {
    checkQuantity(quantity);
    await requireStore(ctx, storeId);
    const product = await sellableProduct(ctx, storeId, productId);
    const row = await cartRow(ctx, ctx.sessionId, storeId, productId);
    const current = row?.quantity ?? 0;
    const next = current + quantity;
    if (next > QUANTITY_MAX) {
      throw appError(
        ErrorCode.INVALID_INPUT,
        `You can have at most ${QUANTITY_MAX} of ${product.name} in your cart.`,
        { quantity: `At most ${QUANTITY_MAX - current} more.` },
      );
    }
    if (next > product.stock) throw outOfStock(product, current);
    if (row === null) {
      await ctx.db.insert("cartItems", {
        sessionId: ctx.sessionId,
        userId: ctx.userId,
        storeId,
        productId,
        quantity: next,
      });
    } else {
      await ctx.db.patch(row._id, { quantity: next });
    }
    return next;
  },
});

/** Set the quantity of a line (adds the line when it is not there). */
export const setQuantity = sessionMutation({
  args: {
    storeId: v.id("stores"),
    productId: v.id("products"),
    quantity: v.number(),
  },
  returns: v.null(),
  handler: async (ctx, { storeId, productId, quantity }) => {
    checkQuantity(quantity);
    await requireStore(ctx, storeId);
    const product = await sellableProduct(ctx, storeId, productId);
    if (quantity > product.stock) throw outOfStock(product, 0);
    const row = await cartRow(ctx, ctx.sessionId, storeId, productId);
    if (row === null) {
      await ctx.db.insert("cartItems", {
        sessionId: ctx.sessionId,
        userId: ctx.userId,
        storeId,
        productId,
        quantity,
      });
    } else {
      await ctx.db.patch(row._id, { quantity });
    }
    return null;
  },
});

/** Remove a line (archived products too). Removing a line that is not there is a no-op. */
export const remove = sessionMutation({
  args: { storeId: v.id("stores"), productId: v.id("products") },
  returns: v.null(),
  handler: async (ctx, { storeId, productId }) => {
    await requireStore(ctx, storeId);
    const row = await cartRow(ctx, ctx.sessionId, storeId, productId);
    if (row !== null) await ctx.db.delete(row._id);
    return null;
  },
});

/** Empty this device's cart in a store. */
export const clear = sessionMutation({
  args: { storeId: v.id("stores") },
  returns: v.null(),
  handler: async (ctx, { storeId }) => {
    await requireStore(ctx, storeId);
    for (const row of await cartRows(ctx, ctx.sessionId, storeId)) {
      await ctx.db.delete(row._id);
    }
    return null;
  },
});

/**
 * A live session of the caller other than this one, or NOT_FOUND. Another user's
 * session, an ended one and an unknown id get the same answer.
 */
async function ownOtherSession(
  ctx: Pick<QueryCtx, "db"> & {
    userId: Id<"users">;
    sessionId: Id<"sessions">;
  },
  sessionId: Id<"sessions">,
): Promise<Doc<"sessions">> {
  const session = await ctx.db.get(sessionId);
  if (
    session === null ||
    session.userId !== ctx.userId ||
    session.expires <= Date.now() ||
    session._id === ctx.sessionId
  ) {
    throw appError(
      ErrorCode.NOT_FOUND,
      "That device is not signed in to your account.",
    );
  }
  return session;
}

/** The non-empty carts of the caller's other live sessions in this store. */
export const otherDevices = sessionQuery({
  args: { storeId: v.id("stores") },
  returns: v.array(
    v.object({
      sessionId: v.id("sessions"),
      deviceName: v.string(),
      lastSeenAt: v.number(),
      cart: cartView,
    }),
  ),
  handler: async (ctx, { storeId }) => {
    const store = await requireStore(ctx, storeId);
    const rows = await ctx.db
      .query("cartItems")
      .withIndex("by_userId_storeId", (q) =>
        q.eq("userId", ctx.userId).eq("storeId", storeId),
      )
      .collect();
    const bySession = new Map<Id<"sessions">, Doc<"cartItems">[]>();
    for (const row of rows) {
      if (row.sessionId === ctx.sessionId) continue;
      bySession.set(row.sessionId, [
        ...(bySession.get(row.sessionId) ?? []),
        row,
      ]);
    }
    const now = Date.now();
    const devices = [];
    for (const [sessionId, sessionRows] of bySession) {
      const session = await ctx.db.get(sessionId);
      // Only the caller's own live sessions (rows carry userId, but check the session too).
      if (
        session === null ||
        session.userId !== ctx.userId ||
        session.expires <= now
      )
        continue;
      devices.push({
        sessionId,
        deviceName: await deviceNameOf(ctx, session),
        lastSeenAt: session.lastSeenAt ?? session._creationTime,
        cart: await priceCart(ctx, store, sessionRows),
      });
    }
    return devices.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
  },
});

/**
 * Merge another of the caller's devices' cart (this store) into this device's cart.
 * Quantities add up, capped by stock and the per-line maximum; archived products are
 * skipped. The other device's cart is left as it is.
 */
export const copyFromDevice = sessionMutation({
  args: { storeId: v.id("stores"), fromSessionId: v.id("sessions") },
  returns: v.object({
    /** Lines added or increased here. */
    copied: v.number(),
    /** Messages for lines copied only in part or not at all. */
    notes: v.array(v.string()),
  }),
  handler: async (ctx, { storeId, fromSessionId }) => {
    await requireStore(ctx, storeId);
    await ownOtherSession(ctx, fromSessionId);
    let copied = 0;
    const notes: string[] = [];
    for (const source of await cartRows(ctx, fromSessionId, storeId)) {
      const product = await ctx.db.get(source.productId);
      if (product === null || product.storeId !== storeId || product.archived) {
        notes.push(
          `${product?.name ?? "A product"} is no longer sold and was not copied.`,
        );
        continue;
      }
      const row = await cartRow(ctx, ctx.sessionId, storeId, product._id);
      const current = row?.quantity ?? 0;
      const wanted = current + source.quantity;
      const next = Math.min(wanted, product.stock, QUANTITY_MAX);
      if (next < wanted) {
        notes.push(
          next <= current
            ? `${product.name}: not copied. ${leftMessage(product.stock, product.name)}`
            : `${product.name}: ${next - current} of ${source.quantity} copied. ${leftMessage(product.stock, product.name)}`,
        );
      }
      if (next <= current) continue;
      if (row === null) {
        await ctx.db.insert("cartItems", {
          sessionId: ctx.sessionId,
          userId: ctx.userId,
          storeId,
          productId: product._id,
          quantity: next,
        });
      } else {
        await ctx.db.patch(row._id, { quantity: next });
      }
      copied += 1;
    }
    return { copied, notes };
  },
});
