// Carts: one per device (session) and store, keyed by the CALLER's session from the
// token — no function here takes a session id for the caller's own cart. A user can also
// see and copy the carts of their own other live sessions; never anyone else's.
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { appError, ErrorCode } from "./errors";
import {
  cartLine,
  cartRows,
  cartValidator,
  leftMessage,
  outOfStock,
  priceCart,
  writeCartLine,
  type CartOwner,
} from "./lib/carts";
import { deviceNameOf } from "./lib/devices";
import { sessionMutation, sessionQuery } from "./lib/functions";
import { requireSellable, sellableIn } from "./lib/products";
import { consume } from "./lib/rateLimits";
import { liveSessionOfUser, type SessionSubject } from "./lib/sessions";
import { requireStore } from "./lib/stores";
import { CART_QUANTITY_MAX } from "./shared/limits";

const lineArgs = {
  storeId: v.id("stores"),
  productId: v.id("products"),
  quantity: v.number(),
};

/** The caller's cart in a store for a write: the store exists and the device is under its limit. */
async function ownCart(
  ctx: Pick<MutationCtx, "db"> & SessionSubject,
  storeId: Id<"stores">,
): Promise<{ store: Doc<"stores">; owner: CartOwner }> {
  await consume(ctx, "cartWritesPerSession", ctx.sessionId);
  const store = await requireStore(ctx, storeId);
  return { store, owner: { sessionId: ctx.sessionId, userId: ctx.userId, storeId } };
}

/** This device's cart in a store. */
export const mine = sessionQuery({
  args: { storeId: v.id("stores") },
  returns: cartValidator,
  handler: async (ctx, { storeId }) => {
    const store = await requireStore(ctx, storeId);
    return priceCart(ctx, store, await cartRows(ctx, ctx.sessionId, storeId));
  },
});

function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > CART_QUANTITY_MAX) {
    const message = `Choose a quantity from 1 to ${CART_QUANTITY_MAX}.`;
    throw appError(ErrorCode.INVALID_INPUT, message, { quantity: message });
  }
}

/**
 * Add units of a product to this device's cart (added to any already there).
 * Returns the new quantity of that line.
 */
export const add = sessionMutation({
  args: lineArgs,
  returns: v.number(),
  handler: async (ctx, { storeId, productId, quantity }) => {
    checkQuantity(quantity);
    const { owner } = await ownCart(ctx, storeId);
    const product = await requireSellable(ctx, storeId, productId);
    const row = await cartLine(ctx, owner, productId);
    const current = row?.quantity ?? 0;
    const next = current + quantity;
    if (next > CART_QUANTITY_MAX) {
      throw appError(
        ErrorCode.INVALID_INPUT,
        `You can have at most ${CART_QUANTITY_MAX} of ${product.name} in your cart.`,
        { quantity: `At most ${CART_QUANTITY_MAX - current} more.` },
      );
    }
    if (next > product.stock) throw outOfStock(product, current);
    await writeCartLine(ctx, owner, productId, next, row);
    return next;
  },
});

/** Set the quantity of a line (adds the line when it is not there). */
export const setQuantity = sessionMutation({
  args: lineArgs,
  returns: v.null(),
  handler: async (ctx, { storeId, productId, quantity }) => {
    checkQuantity(quantity);
    const { owner } = await ownCart(ctx, storeId);
    const product = await requireSellable(ctx, storeId, productId);
    if (quantity > product.stock) throw outOfStock(product, 0);
    await writeCartLine(ctx, owner, productId, quantity, await cartLine(ctx, owner, productId));
    return null;
  },
});

/** Remove a line (archived products too). Removing a line that is not there is a no-op. */
export const remove = sessionMutation({
  args: { storeId: v.id("stores"), productId: v.id("products") },
  returns: v.null(),
  handler: async (ctx, { storeId, productId }) => {
    const { owner } = await ownCart(ctx, storeId);
    const row = await cartLine(ctx, owner, productId);
    if (row !== null) await ctx.db.delete(row._id);
    return null;
  },
});

/** Empty this device's cart in a store. */
export const clear = sessionMutation({
  args: { storeId: v.id("stores") },
  returns: v.null(),
  handler: async (ctx, { storeId }) => {
    await ownCart(ctx, storeId);
    for (const row of await cartRows(ctx, ctx.sessionId, storeId)) {
      await ctx.db.delete(row._id);
    }
    return null;
  },
});

/** The non-empty carts of the caller's other live sessions in this store. */
export const otherDevices = sessionQuery({
  args: { storeId: v.id("stores") },
  returns: v.array(
    v.object({
      sessionId: v.id("sessions"),
      deviceName: v.string(),
      lastSeenAt: v.number(),
      cart: cartValidator,
    }),
  ),
  handler: async (ctx, { storeId }) => {
    const store = await requireStore(ctx, storeId);
    const rows = await ctx.db
      .query("cartItems")
      .withIndex("by_userId_storeId", (q) => q.eq("userId", ctx.userId).eq("storeId", storeId))
      .collect();
    const bySession = new Map<Id<"sessions">, Doc<"cartItems">[]>();
    for (const row of rows) {
      if (row.sessionId === ctx.sessionId) continue;
      bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row]);
    }
    const devices = [];
    for (const [sessionId, sessionRows] of bySession) {
      // Only the caller's own live sessions (rows carry userId, but check the session too).
      const session = await liveSessionOfUser(ctx, ctx.userId, sessionId);
      if (session === null) continue;
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
 * skipped. The other device's cart is left as it is. Another user's session, an ended
 * one, this one and an unknown id all get the same NOT_FOUND.
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
    const { owner } = await ownCart(ctx, storeId);
    const from = await liveSessionOfUser(ctx, ctx.userId, fromSessionId);
    if (from === null || from._id === ctx.sessionId) {
      throw appError(ErrorCode.NOT_FOUND, "That device is not signed in to your account.");
    }
    let copied = 0;
    const notes: string[] = [];
    for (const source of await cartRows(ctx, fromSessionId, storeId)) {
      const found = await ctx.db.get(source.productId);
      const product = sellableIn(found, storeId);
      if (product === null) {
        notes.push(`${found?.name ?? "A product"} is no longer sold and was not copied.`);
        continue;
      }
      const row = await cartLine(ctx, owner, product._id);
      const current = row?.quantity ?? 0;
      const wanted = current + source.quantity;
      const next = Math.min(wanted, product.stock, CART_QUANTITY_MAX);
      if (next < wanted) {
        const left = leftMessage(product.stock, product.name);
        notes.push(
          next <= current
            ? `${product.name}: not copied. ${left}`
            : `${product.name}: ${next - current} of ${source.quantity} copied. ${left}`,
        );
      }
      if (next <= current) continue;
      await writeCartLine(ctx, owner, product._id, next, row);
      copied += 1;
    }
    return { copied, notes };
  },
});
