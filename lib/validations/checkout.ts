// Input rules for the checkout form (shipping address and the simulated card), shared
// by the server action and tests. Field names are the form's flat input names; the
// Convex `orders.checkout` mutation checks the same rules again (it is the authority)
// and reports its own field keys ("shipping.city", "card.number"), which
// `formFieldOf` maps back to these names.
import { visibleText, z } from "./zod";
import { cardDigits, expiryEnd, isCardNumber } from "@/convex/shared/cards";
import { CHECKOUT_IDEMPOTENCY_KEY_MAX, SHIPPING_FIELDS } from "@/convex/shared/limits";

/** Whether "MM/YY" or "MM/YYYY" is a real month that has not ended by `now`. */
export function expiryInFuture(expiry: string, now: number = Date.now()): boolean {
  const end = expiryEnd(expiry);
  return end !== null && end > now;
}

/** A shipping field with the label and length Convex also enforces. */
function shippingField(name: keyof typeof SHIPPING_FIELDS) {
  const { label, max } = SHIPPING_FIELDS[name];
  return visibleText(
    z
      .string({ error: `Enter ${label}` })
      .trim()
      .min(1, { error: `Enter ${label}` })
      .max(max, { error: `Keep ${label} to ${max} characters or fewer` }),
  );
}

export const shippingSchema = z.object({
  fullName: shippingField("fullName"),
  line1: shippingField("line1"),
  line2: visibleText(
    z
      .string()
      .trim()
      .max(SHIPPING_FIELDS.line2.max, {
        error: `Keep ${SHIPPING_FIELDS.line2.label} to ${SHIPPING_FIELDS.line2.max} characters or fewer`,
      }),
  )
    .optional()
    .transform((v) => (v ? v : undefined)),
  city: shippingField("city"),
  postalCode: shippingField("postalCode").regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, {
    error: "Use letters, digits, spaces or dashes for the postal code",
  }),
  country: shippingField("country"),
});

export const cardSchema = z.object({
  cardNumber: z
    .string({ error: "Enter the card number" })
    .transform(cardDigits)
    .refine((v) => v.length > 0, { error: "Enter the card number" })
    .refine((v) => v.length === 0 || isCardNumber(v), {
      error: "Check the card number; it is not a valid card number",
    }),
  expiry: z
    .string({ error: "Enter the expiry date as MM/YY" })
    .trim()
    .regex(/^(0?[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})$/, {
      error: "Enter the expiry date as MM/YY",
    })
    .refine((v) => expiryInFuture(v), { error: "This card has expired" }),
  cvc: z
    .string({ error: "Enter the security code" })
    .trim()
    .regex(/^\d{3,4}$/, { error: "Enter the 3 or 4 digit security code" }),
});

/** The whole checkout form, flat, as its inputs are named. */
export const checkoutFormSchema = shippingSchema.extend({
  ...cardSchema.shape,
  /** Generated once per checkout page view, so a double submit places one order. */
  idempotencyKey: z
    .string({ error: "Reload the page and try again" })
    .min(1, { error: "Reload the page and try again" })
    .max(CHECKOUT_IDEMPOTENCY_KEY_MAX, { error: "Reload the page and try again" }),
});

export type CheckoutFormInput = z.input<typeof checkoutFormSchema>;
export type CheckoutForm = z.output<typeof checkoutFormSchema>;

/** The parsed form as the arguments of `api.orders.checkout` (without `storeId`). */
export function toCheckoutArgs(form: CheckoutForm) {
  return {
    idempotencyKey: form.idempotencyKey,
    shipping: {
      fullName: form.fullName,
      line1: form.line1,
      ...(form.line2 ? { line2: form.line2 } : {}),
      city: form.city,
      postalCode: form.postalCode,
      country: form.country,
    },
    card: { number: form.cardNumber, expiry: form.expiry, cvc: form.cvc },
  };
}

/** A field key from a Convex `INVALID_INPUT` error ("card.number") → the form's input name. */
export function formFieldOf(convexField: string): string {
  if (convexField === "card.number") return "cardNumber";
  if (convexField.startsWith("card.") || convexField.startsWith("shipping.")) {
    return convexField.slice(convexField.indexOf(".") + 1);
  }
  return convexField;
}
