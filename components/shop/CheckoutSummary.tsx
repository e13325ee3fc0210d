"use client";
// The order summary beside the checkout form: this device's cart from the page's
// preloaded query, live, so a change in another tab (or a line selling out) shows here
// before the order is placed.
import type { Preloaded } from "convex/react";
import Link from "next/link";
import { useLivePreloaded } from "@/components/hooks/useLivePreloaded";
import type { api } from "@/convex/_generated/api";
import { CartTotals } from "./CartTotals";
import { Price } from "./Price";
import { useShop } from "./ShopContext";

export function CheckoutSummary({
  preloaded,
}: {
  preloaded: Preloaded<typeof api.storefront.checkoutPage>;
}) {
  const { store } = useShop();
  const cart = useLivePreloaded(preloaded)?.cart ?? null;
  return (
    <aside aria-labelledby="summary-heading" className="h-fit rounded-lg border border-border p-5">
      <h2 id="summary-heading" className="font-semibold">
        Order summary
      </h2>
      {cart === null || cart.lines.length === 0 ? (
        <p className="mt-4 text-sm text-muted-foreground">
          Your cart on this device is empty.{" "}
          <Link href={`/s/${store.slug}`} className="underline">
            Keep shopping
          </Link>
        </p>
      ) : (
        <>
          <ul className="mt-4 space-y-2 text-sm">
            {cart.lines.map((line) => (
              <li key={line.productId} className="flex justify-between gap-3">
                <span>
                  {line.quantity} × {line.name}
                </span>
                <Price minor={line.lineTotalMinor} currency={cart.currency} />
              </li>
            ))}
          </ul>
          <CartTotals cart={cart} label="Total" />
        </>
      )}
    </aside>
  );
}
