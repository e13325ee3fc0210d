"use client";
// The foot of a cart listing, in the drawer and beside checkout: what stops checkout
// (a line sold out, too few left) and the amount to pay.
import { Notice } from "@/components/ui/Notice";
import { Price } from "./Price";
import type { CartInfo } from "./types";

export function CartTotals({
  cart,
  label,
}: {
  cart: Pick<CartInfo, "warnings" | "subtotalMinor" | "currency">;
  /** "Subtotal" in the drawer, "Total" at checkout. */
  label: string;
}) {
  return (
    <>
      {cart.warnings.length > 0 ? (
        <Notice tone="warning" className="mt-4">
          <ul>
            {cart.warnings.map((warning) => (
              <li key={warning.productId}>{warning.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <p className="mt-4 flex items-center justify-between border-t border-border pt-4 font-semibold">
        <span>{label}</span>
        <Price minor={cart.subtotalMinor} currency={cart.currency} />
      </p>
    </>
  );
}
