"use client";
// The checkout form: shipping address and the simulated card. Validation and the order
// happen in the server action; this shows its per-field messages (aria-invalid and
// aria-describedby through Field) and the form-level message in a live region, and
// keeps what was typed after a failed attempt.
import { useActionState } from "react";
import { FieldList, type FieldRow } from "@/components/ui/FieldList";
import { Notice } from "@/components/ui/Notice";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { ACCEPTED_TEST_CARD, DECLINED_TEST_CARD } from "@/convex/shared/cards";
import { placeOrder, type CheckoutTarget } from "./actions";
import { initialCheckoutState } from "./state";

const ADDRESS_FIELDS: FieldRow[] = [
  { label: "Full name", name: "fullName", autoComplete: "name", required: true },
  { label: "Street address", name: "line1", autoComplete: "address-line1", required: true },
  { label: "Address line 2 (optional)", name: "line2", autoComplete: "address-line2" },
  [
    { label: "Postal code", name: "postalCode", autoComplete: "postal-code", required: true },
    { label: "City", name: "city", autoComplete: "address-level2", required: true },
  ],
  { label: "Country", name: "country", autoComplete: "country-name", required: true },
];

const PAYMENT_FIELDS: FieldRow[] = [
  {
    label: "Card number",
    name: "cardNumber",
    inputMode: "numeric",
    autoComplete: "cc-number",
    required: true,
  },
  [
    {
      label: "Expiry (MM/YY)",
      name: "expiry",
      autoComplete: "cc-exp",
      placeholder: "MM/YY",
      required: true,
    },
    {
      label: "Security code (CVC)",
      name: "cvc",
      inputMode: "numeric",
      autoComplete: "cc-csc",
      required: true,
    },
  ],
];

export function CheckoutForm({
  target,
  idempotencyKey,
  defaultName,
}: {
  target: CheckoutTarget;
  /** Made once per page view: resubmitting this form finds the same order. */
  idempotencyKey: string;
  defaultName: string;
}) {
  const [state, formAction] = useActionState(placeOrder.bind(null, target), initialCheckoutState);
  // The server never sends the security code back, so it is never refilled.
  const values = { fullName: defaultName, ...state.values };

  return (
    <form action={formAction} noValidate className="space-y-6">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div aria-live="polite">
        {state.message ? (
          <Notice tone="error" title="Your order was not placed">
            {state.message}
          </Notice>
        ) : null}
      </div>

      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Shipping address</legend>
        <FieldList rows={ADDRESS_FIELDS} values={values} errors={state.fields} />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Payment</legend>
        <p className="text-sm text-muted-foreground">
          Payments are simulated and no card is charged. Use {ACCEPTED_TEST_CARD} to succeed, or{" "}
          {DECLINED_TEST_CARD} to see a decline.
        </p>
        <FieldList rows={PAYMENT_FIELDS} values={values} errors={state.fields} />
      </fieldset>

      {/* Disabled while the action runs, so a second click cannot even be sent. */}
      <SubmitButton size="lg" className="w-full" pendingLabel="Placing your order">
        Place order
      </SubmitButton>
    </form>
  );
}
