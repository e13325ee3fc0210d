"use client";
// The checkout form: shipping address and the simulated card. Validation and the order
// happen in the server action; this shows its per-field messages (aria-invalid and
// aria-describedby through Field) and the form-level message in a live region, and
// keeps what was typed after a failed attempt.
import { useActionState } from "react";
import { Field } from "@/components/ui/Field";
import { Notice } from "@/components/ui/Notice";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { ACCEPTED_TEST_CARD, DECLINED_TEST_CARD } from "@/lib/validations/checkout";
import { placeOrder, type CheckoutTarget } from "./actions";
import { initialCheckoutState } from "./state";

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
  const value = (name: string, fallback = "") => state.values[name] ?? fallback;
  const error = (name: string) => state.fields[name] ?? null;

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
        <Field
          label="Full name"
          name="fullName"
          autoComplete="name"
          required
          defaultValue={value("fullName", defaultName)}
          error={error("fullName")}
        />
        <Field
          label="Street address"
          name="line1"
          autoComplete="address-line1"
          required
          defaultValue={value("line1")}
          error={error("line1")}
        />
        <Field
          label="Address line 2 (optional)"
          name="line2"
          autoComplete="address-line2"
          defaultValue={value("line2")}
          error={error("line2")}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Postal code"
            name="postalCode"
            autoComplete="postal-code"
            required
            defaultValue={value("postalCode")}
            error={error("postalCode")}
          />
          <Field
            label="City"
            name="city"
            autoComplete="address-level2"
            required
            defaultValue={value("city")}
            error={error("city")}
          />
        </div>
        <Field
          label="Country"
          name="country"
          autoComplete="country-name"
          required
          defaultValue={value("country")}
          error={error("country")}
        />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Payment</legend>
        <p className="text-sm text-muted-foreground">
          Payments are simulated and no card is charged. Use {ACCEPTED_TEST_CARD} to succeed, or{" "}
          {DECLINED_TEST_CARD} to see a decline.
        </p>
        <Field
          label="Card number"
          name="cardNumber"
          inputMode="numeric"
          autoComplete="cc-number"
          required
          defaultValue={value("cardNumber")}
          error={error("cardNumber")}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Expiry (MM/YY)"
            name="expiry"
            autoComplete="cc-exp"
            placeholder="MM/YY"
            required
            defaultValue={value("expiry")}
            error={error("expiry")}
          />
          <Field
            label="Security code (CVC)"
            name="cvc"
            inputMode="numeric"
            autoComplete="cc-csc"
            required
            error={error("cvc")}
          />
        </div>
      </fieldset>

      {/* Disabled while the action runs, so a second click cannot even be sent. */}
      <SubmitButton size="lg" className="w-full" pendingLabel="Placing your order">
        Place order
      </SubmitButton>
    </form>
  );
}
