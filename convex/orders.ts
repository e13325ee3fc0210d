// Checkout and orders. `checkout` is one mutation: it validates the simulated card,
// re-checks stock for every line, decrements it, writes the order with a snapshot of
// names and prices, and clears this device's cart for the store. Any throw rolls the
// whole mutation back, so a failed checkout leaves cart and stock as they were. Only
// the last four card digits are stored. Orders belong to the user (all devices see
// them) and remember which device placed them.
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { appError, ErrorCode, throwIfInvalid } from "./errors";
import { recordAudit } from "./lib/audit";
import { cartRows, leftMessage } from "./lib/carts";
import { checkedPage } from "./lib/pagination";
import { deviceNameOf } from "./lib/devices";
import { sessionMutation, sessionQuery, staffQuery } from "./lib/functions";
import { sellableIn } from "./lib/products";
import { consume, peek } from "./lib/rateLimits";
import { requireStaffOf, requireStore } from "./lib/stores";
import { orderFields, orderStatusValidator, shippingFields } from "./schema";
import { cardDigits, expiryEnd, isCardNumber, isDeclinedTestCard } from "./shared/cards";
import { CHECKOUT_IDEMPOTENCY_KEY_MAX, SHIPPING_FIELDS } from "./shared/limits";
import { orderReference } from "./shared/orders";
import { HIDDEN_CHARACTERS_MESSAGE, hasHiddenCharacters } from "./shared/text";

type Card = { number: string; expiry: string; cvc: string };
type Shipping = Doc<"orders">["shipping"];

/** Trimmed shipping and card digits, or INVALID_INPUT with `fields` like "card.number". */
function checkCheckoutInput(
  shipping: Shipping,
  card: Card,
  idempotencyKey: string,
): { shipping: Shipping; cardDigits: string } {
  const fields: Record<string, string> = {};
  const clean: Record<string, string> = {};
  for (const key of Object.keys(SHIPPING_FIELDS) as (keyof Shipping)[]) {
    const { label, max, required } = SHIPPING_FIELDS[key];
    const value = shipping[key]?.trim() ?? "";
    if (required && value === "") fields[`shipping.${key}`] = `Enter ${label}.`;
    else if (value.length > max) {
      fields[`shipping.${key}`] = `Keep ${label} to ${max} characters or fewer.`;
    } else if (hasHiddenCharacters(value)) {
      fields[`shipping.${key}`] = `${HIDDEN_CHARACTERS_MESSAGE}.`;
    } else if (value !== "") clean[key] = value;
  }
  const digits = cardDigits(card.number);
  if (!isCardNumber(digits)) {
    fields["card.number"] =
      "Check the card number; it is not a valid card number.";
  }
  const end = expiryEnd(card.expiry);
  if (end === null) fields["card.expiry"] = "Enter the expiry date as MM/YY.";
  else if (end <= Date.now()) fields["card.expiry"] = "This card has expired.";
  if (!/^\d{3,4}$/.test(card.cvc.trim())) {
    fields["card.cvc"] = "Enter the 3 or 4 digit security code.";
  }
  if (
    idempotencyKey.trim().length === 0 ||
    idempotencyKey.length > CHECKOUT_IDEMPOTENCY_KEY_MAX
  ) {
    fields.idempotencyKey = "Reload the page and try again.";
  }
  throwIfInvalid(fields);
  const { fullName, line1, line2, city, postalCode, country } = clean;
  return {
    shipping: {
      fullName,
      line1,
      ...(line2 ? { line2 } : {}),
      city,
      postalCode,
      country,
    },
    cardDigits: digits,
  };
}

/**
 * Place an order for this device's cart in a store. Returns the order id, or
 * `{ declined, message }` when the payment is refused; the same `idempotencyKey` again (a
 * double submit or a retry) returns the same order. Errors: INVALID_INPUT (fields
 * `shipping.*`, `card.*`; empty cart), OUT_OF_STOCK (fields keyed by product id),
 * RATE_LIMITED (too many attempts or declines), NOT_FOUND (unknown store).
 */
export const checkout = sessionMutation({
  args: {
    storeId: v.id("stores"),
    idempotencyKey: v.string(),
    shipping: v.object(shippingFields),
    card: v.object({ number: v.string(), expiry: v.string(), cvc: v.string() }),
  },
  returns: v.union(
    v.object({ orderId: v.id("orders") }),
    /** The payment was refused. Returned, not thrown, so the decline is counted. */
    v.object({ declined: v.literal(true), message: v.string() }),
  ),
  handler: async (ctx, { storeId, idempotencyKey, shipping, card }) => {
    const existing = await ctx.db
      .query("orders")
      .withIndex("by_userId_idempotencyKey", (q) =>
        q.eq("userId", ctx.userId).eq("idempotencyKey", idempotencyKey),
      )
      .first();
    if (existing !== null) return { orderId: existing._id };

    const store = await requireStore(ctx, storeId);
    const checked = checkCheckoutInput(shipping, card, idempotencyKey);
    const rows = await cartRows(ctx, ctx.sessionId, storeId);
    if (rows.length === 0) {
      throw appError(ErrorCode.INVALID_INPUT, "Your cart is empty.");
    }

    // Re-check every line against current stock before anything is written.
    const problems: Record<string, string> = {};
    const lines: { row: Doc<"cartItems">; product: Doc<"products"> }[] = [];
    for (const row of rows) {
      const found = await ctx.db.get(row.productId);
      const product = sellableIn(found, storeId);
      if (product === null) {
        problems[row.productId] = `${found?.name ?? "A product in your cart"} is no longer sold.`;
      } else if (product.stock < row.quantity) {
        problems[row.productId] = leftMessage(product.stock, product.name);
      } else {
        lines.push({ row, product });
      }
    }
    if (Object.keys(problems).length > 0) {
      throw appError(
        ErrorCode.OUT_OF_STOCK,
        `${Object.values(problems).join(" ")} Update your cart and try again.`,
        problems,
      );
    }

    // Card testing: after a few declines the account waits; every attempt that reaches
    // the payment counts too.
    const paused = await peek(ctx, "declinedPaymentsPerUser", ctx.userId);
    if (paused !== null) throw appError(ErrorCode.RATE_LIMITED, paused.message, undefined, paused.retryAt);
    await consume(ctx, "checkoutPerUser", ctx.userId);

    // The simulated payment: the Luhn check ran above; one test number always declines.
    // A decline is an answer, not an error, so this transaction commits what it counted.
    if (isDeclinedTestCard(checked.cardDigits)) {
      await consume(ctx, "declinedPaymentsPerUser", ctx.userId);
      return {
        declined: true as const,
        message: "Your card was declined. Try another card; you have not been charged.",
      };
    }

    for (const { row, product } of lines) {
      await ctx.db.patch(product._id, { stock: product.stock - row.quantity });
      await ctx.db.delete(row._id);
    }
    const items = lines.map(({ row, product }) => ({
      productId: product._id,
      name: product.name,
      unitPriceMinor: product.priceMinor,
      quantity: row.quantity,
    }));
    const orderId = await ctx.db.insert("orders", {
      storeId,
      userId: ctx.userId,
      sessionId: ctx.sessionId,
      deviceLabel: await deviceNameOf(ctx, ctx.session),
      items,
      totalMinor: items.reduce(
        (sum, i) => sum + i.unitPriceMinor * i.quantity,
        0,
      ),
      currency: store.currency,
      shipping: checked.shipping,
      cardLast4: checked.cardDigits.slice(-4),
      status: "placed",
      idempotencyKey,
    });
    return { orderId };
  },
});

export const orderValidator = v.object({
  _id: v.id("orders"),
  /** When it was placed (ms). */
  placedAt: v.number(),
  storeId: orderFields.storeId,
  storeName: v.string(),
  storeSlug: v.string(),
  deviceLabel: orderFields.deviceLabel,
  /** Placed from the device asking. */
  isThisDevice: v.boolean(),
  items: orderFields.items,
  totalMinor: orderFields.totalMinor,
  currency: orderFields.currency,
  shipping: orderFields.shipping,
  cardLast4: orderFields.cardLast4,
  status: orderFields.status,
});

async function toOrderView(
  ctx: Pick<QueryCtx, "db">,
  order: Doc<"orders">,
  sessionId: Id<"sessions">,
) {
  const store = await ctx.db.get(order.storeId);
  return {
    _id: order._id,
    placedAt: order._creationTime,
    storeId: order.storeId,
    storeName: store?.name ?? "Closed store",
    storeSlug: store?.slug ?? "",
    deviceLabel: order.deviceLabel,
    isThisDevice: order.sessionId === sessionId,
    items: order.items,
    totalMinor: order.totalMinor,
    currency: order.currency,
    shipping: order.shipping,
    cardLast4: order.cardLast4,
    status: order.status,
  };
}

/** The caller's orders from every device, newest first, a page at a time. */
export const mine = sessionQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(orderValidator),
  handler: async (ctx, { paginationOpts }) => {
    const page = await ctx.db
      .query("orders")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.userId))
      .order("desc")
      .paginate(checkedPage(paginationOpts));
    return {
      ...page,
      page: await Promise.all(page.page.map((o) => toOrderView(ctx, o, ctx.sessionId))),
    };
  },
});

/** One of the caller's orders, or null (unknown or someone else's: the page shows a 404). */
export const get = sessionQuery({
  args: { orderId: v.id("orders") },
  returns: v.union(orderValidator, v.null()),
  handler: async (ctx, { orderId }) => {
    const order = await ctx.db.get(orderId);
    if (order === null || order.userId !== ctx.userId) return null;
    return toOrderView(ctx, order, ctx.sessionId);
  },
});

/** Staff: a store's orders, newest first, with the customer's e-mail, a page at a time. */
export const forStore = staffQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(
    v.object({
      _id: v.id("orders"),
      placedAt: v.number(),
      customerEmail: v.union(v.string(), v.null()),
      items: orderFields.items,
      totalMinor: orderFields.totalMinor,
      currency: orderFields.currency,
      shipping: orderFields.shipping,
      status: orderFields.status,
    }),
  ),
  handler: async (ctx, { paginationOpts }) => {
    const storeId = ctx.store._id;
    const orders = await ctx.db
      .query("orders")
      .withIndex("by_storeId", (q) => q.eq("storeId", storeId))
      .order("desc")
      .paginate(checkedPage(paginationOpts));
    const customers = new Map<Id<"users">, string | null>();
    const page = await Promise.all(
      orders.page.map(async (o) => {
        if (!customers.has(o.userId)) {
          customers.set(o.userId, (await ctx.db.get(o.userId))?.email ?? null);
        }
        return {
          _id: o._id,
          placedAt: o._creationTime,
          customerEmail: customers.get(o.userId) ?? null,
          items: o.items,
          totalMinor: o.totalMinor,
          currency: o.currency,
          shipping: o.shipping,
          status: o.status,
        };
      }),
    );
    return { ...orders, page };
  },
});

const NEXT_STATUS: Partial<
  Record<Doc<"orders">["status"], Doc<"orders">["status"]>
> = {
  placed: "packed",
  packed: "shipped",
  shipped: "delivered",
};

/**
 * An order of a store the caller is staff of, or an error. An order id of another
 * store gets FORBIDDEN from the staff check, an unknown id NOT_FOUND.
 */
async function orderForStaff(
  ctx: Pick<MutationCtx, "db"> & { userId: Id<"users"> },
  orderId: Id<"orders">,
): Promise<Doc<"orders">> {
  const order = await ctx.db.get(orderId);
  if (order === null) throw appError(ErrorCode.NOT_FOUND, "This order does not exist.");
  await requireStaffOf(ctx, ctx.userId, order.storeId);
  await consume(ctx, "staffActionsPerUser", ctx.userId);
  return order;
}

async function recordOrderChange(
  ctx: Pick<MutationCtx, "db"> & { userId: Id<"users">; sessionId: Id<"sessions"> },
  order: Doc<"orders">,
  change: string,
  action: "order.advance" | "order.cancel",
) {
  await recordAudit(ctx, {
    action,
    actor: ctx,
    storeId: order.storeId,
    targetUserId: order.userId,
    targetDescription: `Order ${orderReference(order._id)}: ${change}`,
  });
}

/** Staff: move an order one step on: placed → packed → shipped → delivered. */
export const advance = sessionMutation({
  args: { orderId: v.id("orders") },
  returns: v.object({ status: orderStatusValidator }),
  handler: async (ctx, { orderId }) => {
    const order = await orderForStaff(ctx, orderId);
    const next = NEXT_STATUS[order.status];
    if (next === undefined) {
      throw appError(
        ErrorCode.INVALID_INPUT,
        `This order is ${order.status} and cannot move on.`,
      );
    }
    await ctx.db.patch(order._id, { status: next });
    await recordOrderChange(ctx, order, `${order.status} → ${next}`, "order.advance");
    return { status: next };
  },
});

/** Staff: cancel an order that has not shipped yet; its items go back into stock. */
export const cancel = sessionMutation({
  args: { orderId: v.id("orders") },
  returns: v.object({ status: orderStatusValidator }),
  handler: async (ctx, { orderId }) => {
    const order = await orderForStaff(ctx, orderId);
    if (order.status !== "placed" && order.status !== "packed") {
      throw appError(
        ErrorCode.INVALID_INPUT,
        `This order is ${order.status}; only orders not yet shipped can be cancelled.`,
      );
    }
    for (const item of order.items) {
      const product = await ctx.db.get(item.productId);
      if (product !== null)
        await ctx.db.patch(product._id, {
          stock: product.stock + item.quantity,
        });
    }
    await ctx.db.patch(order._id, { status: "cancelled" });
    await recordOrderChange(ctx, order, `${order.status} → cancelled`, "order.cancel");
    return { status: "cancelled" as const };
  },
});
