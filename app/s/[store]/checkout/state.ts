// The checkout form's state between the browser and the server action: a message for
// the whole form, one message per field (keyed by input name), and what was typed so
// a failed attempt does not wipe the form. The security code is never sent back.
export type CheckoutState = {
  message: string | null;
  fields: Record<string, string>;
  values: Record<string, string>;
};

export const initialCheckoutState: CheckoutState = { message: null, fields: {}, values: {} };

/** Inputs of the form, in order; `cvc` is left out of `values` on purpose. */
export const CHECKOUT_INPUTS = [
  "fullName",
  "line1",
  "line2",
  "city",
  "postalCode",
  "country",
  "cardNumber",
  "expiry",
  "cvc",
] as const;
