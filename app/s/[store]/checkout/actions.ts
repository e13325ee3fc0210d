"use server";
// The checkout server action: validates the form with zod (per-field messages), places
// the order through the Convex `orders.checkout` mutation as this device (its token),
// then sends the confirmation e-mail after the response and redirects to the order.
// The idempotency key comes from the page view, so a double submit places one order.
import { redirect } from "next/navigation";
import { after } from "next/server";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { appErrorData, ErrorCode } from "@/convex/errors";
import { checkoutFormSchema, formFieldOf, toCheckoutArgs } from "@/lib/validations/checkout";
import { fieldErrors } from "@/lib/validations/fields";
import { convexAsDevice, redirectIfSignedOut } from "@/server/convex";
import { linkTo, sendOrderConfirmation } from "@/server/email";
import { orderReference } from "@/convex/shared/orders";
import { CHECKOUT_INPUTS, type CheckoutState } from "./state";

export type CheckoutTarget = { storeId: Id<"stores">; slug: string };

function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of [...CHECKOUT_INPUTS, "idempotencyKey"]) {
    const value = formData.get(name);
    values[name] = typeof value === "string" ? value : "";
  }
  return values;
}

export async function placeOrder(
  target: CheckoutTarget,
  _previous: CheckoutState,
  formData: FormData,
): Promise<CheckoutState> {
  const checkoutPath = `/s/${target.slug}/checkout`;
  const convex = await convexAsDevice(checkoutPath);

  const raw = typedValues(formData);
  // Never echo the security code; the key stays in the page's own hidden field.
  const echo = Object.fromEntries(
    Object.entries(raw).filter(([name]) => name !== "cvc" && name !== "idempotencyKey"),
  );
  const fail = (message: string, fields: Record<string, string> = {}): CheckoutState => ({
    message,
    fields,
    values: echo,
  });

  const parsed = checkoutFormSchema.safeParse(raw);
  if (!parsed.success) return fail("Please fix the highlighted fields.", fieldErrors(parsed.error));

  let orderId: Id<"orders">;
  try {
    const result = await convex.mutation(api.orders.checkout, {
      storeId: target.storeId,
      ...toCheckoutArgs(parsed.data),
    });
    if (result.declined === true) {
      return fail(result.message, { cardNumber: "This card was declined. Use another card." });
    }
    orderId = result.orderId;
  } catch (error) {
    redirectIfSignedOut(error, checkoutPath);
    const data = appErrorData(error);
    if (data === null) {
      console.error("[checkout] order failed:", error);
      return fail("We could not place your order just now. Nothing was charged; please try again.");
    }
    switch (data.code) {
      case ErrorCode.OUT_OF_STOCK:
        // Its fields are keyed by product id, which no input has: the message says it all.
        return fail(data.message);
      case ErrorCode.INVALID_INPUT: {
        const fields: Record<string, string> = {};
        for (const [key, message] of Object.entries(data.fields ?? {})) {
          fields[formFieldOf(key)] = message;
        }
        return fail(data.message, fields);
      }
      default:
        return fail(data.message);
    }
  }

  const orderUrl = linkTo(`/account/orders/${orderId}`);
  const { email, name } = convex.session.user;
  // After the response: the order stands whether or not the e-mail goes out.
  after(async () => {
    try {
      const order = await convex.query(api.orders.get, { orderId });
      if (order === null) throw new Error(`order ${orderId} not readable after checkout`);
      await sendOrderConfirmation(email, {
        customerName: name ?? order.shipping.fullName,
        storeName: order.storeName,
        orderReference: orderReference(orderId),
        items: order.items,
        totalMinor: order.totalMinor,
        currency: order.currency,
        shipping: order.shipping,
        deviceLabel: order.deviceLabel,
        orderUrl,
      });
    } catch (error) {
      console.error(`[checkout] confirmation e-mail for order ${orderId} failed:`, error);
    }
  });
  redirect(`/account/orders/${orderId}?placed=1`);
}
