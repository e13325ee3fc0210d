"use client";
// "Add to cart" for one product, or the way to sign in first. The cart changes at once
// (optimistic); a refusal from the server (sold out meanwhile, stock limit) is shown
// beside the button.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/Button";
import { useToast } from "@/components/ui/Toast";
import { useCartActions } from "./cart";
import { LiveMessage } from "./LiveMessage";
import { useShop } from "./ShopContext";
import type { ProductSnapshot } from "./types";

export function signInHref(returnTo: string): string {
  return `/signin?${new URLSearchParams({ callbackUrl: returnTo }).toString()}`;
}

export function AddToCart({
  product,
  size = "sm",
}: {
  product: ProductSnapshot;
  size?: "sm" | "md";
}) {
  const { store, signedIn } = useShop();
  const pathname = usePathname();
  const { addToCart, error } = useCartActions(store._id);
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  if (!signedIn) {
    return (
      <Link href={signInHref(pathname)} className={buttonClasses("secondary", size)}>
        Sign in to add to your cart
      </Link>
    );
  }
  const soldOut = product.stock <= 0;
  return (
    <div>
      {/* Busy is aria-disabled, not disabled: a disabled button drops keyboard focus. */}
      <Button
        size={size}
        disabled={soldOut}
        aria-disabled={busy || undefined}
        // The visible words first, then which product: speech users say what they see.
        aria-label={soldOut ? `Sold out: ${product.name}` : `Add to cart: ${product.name}`}
        onClick={async () => {
          if (busy) return;
          setBusy(true);
          const ok = await addToCart(product);
          setBusy(false);
          if (ok) toast.show(`Added ${product.name} to your cart`, "success");
        }}
      >
        {soldOut ? "Sold out" : "Add to cart"}
      </Button>
      <LiveMessage message={error} className="mt-1" />
    </div>
  );
}
