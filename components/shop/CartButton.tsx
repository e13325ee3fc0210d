"use client";
// The cart button in the store's bar, with this device's item count (live). The drawer
// it opens (CartDrawer.tsx, with Radix Dialog) loads on demand: first on hover or focus,
// at the latest on the click, so the store's first load carries neither.
import { lazy, Suspense, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { useCart } from "./cart";
import { useShop } from "./ShopContext";

const loadDrawer = () => import("./CartDrawer");
// React.lazy: rendered only after a click, so no server rendering and no next/dynamic runtime.
const CartDrawer = lazy(() => loadDrawer().then((m) => ({ default: m.CartDrawer })));

function itemsLabel(count: number): string {
  return `${count} ${count === 1 ? "item" : "items"}`;
}

export function CartButton() {
  const { store, signedIn } = useShop();
  const { cart } = useCart(store._id);
  const [open, setOpen] = useState(false);
  // Mounted from the first open on, so closing animates and focus returns here.
  const [wanted, setWanted] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // No count until the server has answered: "0 items" while loading would be wrong.
  const count = cart?.itemCount ?? null;
  return (
    <>
      <Button
        ref={button}
        variant="secondary"
        size="sm"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={signedIn && count !== null ? `Cart, ${itemsLabel(count)}` : "Cart"}
        onPointerEnter={() => void loadDrawer()}
        onFocus={() => void loadDrawer()}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
      >
        <CartIcon />
        <span>Cart</span>
        {/* The space keeps "Cart 1" two words, as in the accessible name (WCAG 2.5.3). */}{" "}
        {signedIn && count !== null ? (
          <span
            aria-hidden="true"
            className="min-w-5 rounded-full bg-accent px-1.5 text-xs font-semibold text-accent-foreground"
          >
            {count}
          </span>
        ) : null}
      </Button>
      {wanted ? (
        <Suspense fallback={null}>
          <CartDrawer open={open} onOpenChange={setOpen} returnFocusTo={button} />
        </Suspense>
      ) : null}
    </>
  );
}

/** A shopping-bag outline; an SVG because the emoji needs a font not every system has. */
function CartIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
    >
      <path d="M6 7h12l-1 13H7L6 7z" strokeLinejoin="round" />
      <path d="M9 7a3 3 0 0 1 6 0" strokeLinecap="round" />
    </svg>
  );
}
