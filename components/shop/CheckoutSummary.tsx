"use client";
// The order summary beside the checkout form: this device's cart, live, so a change in
// another tab (or a line selling out) shows here before the order is placed.
import Link from "next/link";
import { Notice } from "@/components/ui/Notice";
import { Spinner } from "@/components/ui/Spinner";
import { useCart } from "./cart";
import { CartTotals } from "./CartTotals";
import { Price } from "./Price";
import { useShop } from "./ShopContext";

export function CheckoutSummary() {
  const { store } = useShop();
  const { cart, loading, error } = useCart(store._id);
  return (
    <aside aria-labelledby="summary-heading" className="h-fit rounded-lg border border-border p-5">
      <h2 id="summary-heading" className="font-semibold">
        Order summary
      </h2>
      {cart === null ? (
        loading ? (
          <Spinner className="mt-4" label="Loading your cart" />
        ) : (
          <Notice tone="error" className="mt-4">
            {error ?? "Your cart could not be loaded."}
          </Notice>
        )
      ) : cart.lines.length === 0 ? (
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
