// Input rules for the checkout form (shipping address and the simulated card), shared
// by the server action and tests. Field names are the form's flat input names; the
// Convex `orders.checkout` mutation checks the same rules again (it is the authority)
// and reports its own field keys ("shipping.city", "card.number"), which
// `formFieldOf` maps back to these names.
import { z } from "zod";
import { luhnValid } from "@/convex/lib/cards";

/** The test card number that the simulated payment always declines. */
export const DECLINED_TEST_CARD = "4000 0000 0000 0002";
/** A test card number that the simulated payment accepts. */
export const ACCEPTED_TEST_CARD = "4242 4242 4242 4242";

export { luhnValid };

/** Whether "MM/YY" or "MM/YYYY" is a real month that has not ended by `now`. */
export function expiryInFuture(
  expiry: string,
  now: number = Date.now(),
): boolean {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (m === null) return false;
  const month = Number(m[1]);
  const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return false;
  // Valid through the last day of the expiry month.
  return Date.UTC(year, month, 1) > now;
}

const required = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { error: `Enter ${what}` })
    .max(max, { error: `Keep ${what} to ${max} characters or fewer` });

export const shippingSchema = z.object({
  fullName: required("your full name", 100),
  line1: required("the street address", 200),
  line2: z
    .string()
    .trim()
    .max(200, {
      error: "Keep the second address line to 200 characters or fewer",
    })
    .optional()
    .transform((v) => (v ? v : undefined)),
  city: required("the city", 100),
  postalCode: required("the postal code", 20).regex(
    /^[A-Za-z0-9][A-Za-z0-9 -]*$/,
    {
      error: "Use letters, digits, spaces or dashes for the postal code",
    },
  ),
  country: required("the country", 60),
});

export const cardSchema = z.object({
  cardNumber: z
    .string({ error: "Enter the card number" })
    .transform((v) => v.replace(/[\s-]/g, ""))
    .refine((v) => v.length > 0, { error: "Enter the card number" })
    .refine((v) => v.length === 0 || (/^\d{12,19}$/.test(v) && luhnValid(v)), {
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
    .max(200, { error: "Reload the page and try again" }),
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

/** The first message per field of a failed parse, keyed by input name. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}
