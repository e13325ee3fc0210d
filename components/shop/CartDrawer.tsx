"use client";
// The drawer the cart button opens (Radix Dialog, from the right; loaded on demand by
// CartButton.tsx): this device's lines with quantity controls, totals from Convex, warnings,
// checkout, and the other devices' carts. Signed out, the drawer offers sign-in.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { CSSProperties, RefObject } from "react";
import { Button, buttonClasses } from "@/components/ui/Button";
import { DialogClose, DialogContent, DialogRoot } from "@/components/ui/Dialog";
import { Notice } from "@/components/ui/Notice";
import { Spinner } from "@/components/ui/Spinner";
import { signInHref } from "./AddToCart";
import { storeAccentStyle } from "./defaults";
import { useCart, useCartActions } from "./cart";
import { CartTotals } from "./CartTotals";
import { LiveMessage } from "./LiveMessage";
import { OtherDeviceCarts } from "./OtherDeviceCarts";
import { Price } from "./Price";
import { useShop } from "./ShopContext";
import type { CartInfo } from "./types";

/**
 * The drawer itself, loaded on first open (CartButton): Radix and the cart's editing
 * code stay off the store's first load. Focus returns to the cart button on close.
 */
export function CartDrawer({
  open,
  onOpenChange,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: RefObject<HTMLButtonElement | null>;
}) {
  const { store, signedIn } = useShop();
  return (
    <DialogRoot open={open} onOpenChange={onOpenChange}>
      <DialogContent
        side="right"
        title="Your cart"
        description={`This device's cart at ${store.name}. Your other devices keep their own.`}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          returnFocusTo.current?.focus();
        }}
      >
        {/* The drawer is portaled out of the store layout, so it takes the colour again. */}
        <div style={storeAccentStyle(store.accentColor) as CSSProperties}>
          {signedIn ? <CartContents /> : <SignedOutCart />}
        </div>
      </DialogContent>
    </DialogRoot>
  );
}

function SignedOutCart() {
  const pathname = usePathname();
  return (
    <div className="space-y-4">
      <p className="text-sm">Each device keeps its own cart once you are signed in.</p>
      <Link href={signInHref(pathname)} className={buttonClasses("primary", "md")}>
        Sign in to add to your cart
      </Link>
    </div>
  );
}

function CartContents() {
  const { store } = useShop();
  const { cart, loading, error: loadError } = useCart(store._id);
  const actions = useCartActions(store._id);

  let body;
  if (cart === null) {
    body = loading ? (
      <div className="flex justify-center py-8 text-muted-foreground">
        <Spinner label="Loading your cart" />
      </div>
    ) : (
      <Notice tone="error">{loadError ?? "Your cart could not be loaded."}</Notice>
    );
  } else if (cart.lines.length === 0) {
    body = <p className="py-4 text-sm text-muted-foreground">Your cart on this device is empty.</p>;
  } else {
    body = <CartLines cart={cart} actions={actions} />;
  }

  return (
    <div>
      {body}
      <LiveMessage message={actions.error} className="mt-2" />
      <OtherDeviceCarts storeId={store._id} />
    </div>
  );
}

function CartLines({
  cart,
  actions,
}: {
  cart: CartInfo;
  actions: ReturnType<typeof useCartActions>;
}) {
  const { store } = useShop();
  const canCheckOut = cart.itemCount > 0 && cart.warnings.length === 0;
  return (
    <div>
      <ul className="divide-y divide-border" aria-label="Items in your cart">
        {cart.lines.map((line) => (
          <li key={line.productId} aria-label={line.name} className="flex gap-3 py-3">
            {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs, no optimisation needed */}
            <img
              src={line.image}
              alt=""
              className="size-16 shrink-0 rounded-md border border-border object-cover"
            />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">{line.name}</p>
              <p className="text-xs text-muted-foreground">
                <Price minor={line.unitPriceMinor} currency={cart.currency} /> each
                {line.available ? null : " · no longer sold"}
              </p>
              <div className="mt-2 flex items-center gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`One fewer ${line.name}`}
                  disabled={line.quantity <= 1 || !line.available}
                  onClick={() => void actions.changeQuantity(line.productId, line.quantity - 1)}
                >
                  −
                </Button>
                <span
                  className="w-8 text-center text-sm tabular-nums"
                  aria-label={`Quantity of ${line.name}`}
                >
                  {line.quantity}
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`One more ${line.name}`}
                  disabled={!line.available}
                  onClick={() => void actions.changeQuantity(line.productId, line.quantity + 1)}
                >
                  +
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${line.name}`}
                  onClick={() => void actions.removeFromCart(line.productId)}
                >
                  Remove
                </Button>
              </div>
            </div>
            <Price
              minor={line.lineTotalMinor}
              currency={cart.currency}
              className="text-sm font-medium"
            />
          </li>
        ))}
      </ul>
      <CartTotals cart={cart} label="Subtotal" />
      <div className="mt-4 flex flex-wrap gap-2">
        {canCheckOut ? (
          <DialogClose asChild>
            <Link
              href={`/s/${store.slug}/checkout`}
              className={buttonClasses("primary", "md", "flex-1")}
            >
              Check out
            </Link>
          </DialogClose>
        ) : (
          <Button className="flex-1" disabled>
            Check out
          </Button>
        )}
        <Button variant="secondary" onClick={() => void actions.clearCart()}>
          Clear cart
        </Button>
      </div>
    </div>
  );
}
