"use client";
// This device's cart in one store: the live query (every tab of the device shares the
// same Convex rows, so they stay in step by themselves) and the cart verbs with
// optimistic updates. The server stays the source of truth: when a mutation fails,
// Convex drops the optimistic change and the hook reports the server's message.
// Through the live layer (components/live/hooks.ts): the store pages load the Convex
// client after first paint, and a cart verb used before it has loaded waits for it.
import type { OptimisticLocalStore } from "convex/browser";
import { useCallback, useState } from "react";
import { useLiveAuth, useLiveMutation, useLiveQuery } from "@/components/live/hooks";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { appErrorData } from "@/convex/errors";
import type { CartInfo, CartLineInfo, ProductSnapshot } from "./types";

/** The live cart, or null while loading / signed out / failed (with the reason). */
export function useCart(storeId: Id<"stores">): {
  cart: CartInfo | null;
  loading: boolean;
  error: string | null;
} {
  const { isAuthenticated, isLoading } = useLiveAuth();
  const state = useLiveQuery(api.carts.mine, isAuthenticated ? { storeId } : "skip");
  if (state.status === "success") return { cart: state.data, loading: false, error: null };
  if (state.status === "error") {
    return { cart: null, loading: false, error: messageOf(state.error) };
  }
  return { cart: null, loading: isLoading || isAuthenticated, error: null };
}

/** A sentence for a person from any error a cart call can throw. */
export function messageOf(error: unknown): string {
  return appErrorData(error)?.message ?? "Something went wrong. Please try again.";
}

/** Subtotal and item count again after an optimistic change to the lines. */
function withLines(cart: CartInfo, lines: CartLineInfo[]): CartInfo {
  const live = lines.filter((line) => line.available);
  return {
    ...cart,
    lines,
    subtotalMinor: live.reduce((sum, line) => sum + line.lineTotalMinor, 0),
    itemCount: live.reduce((sum, line) => sum + line.quantity, 0),
  };
}

function updateCart(
  local: OptimisticLocalStore,
  storeId: Id<"stores">,
  change: (cart: CartInfo) => CartInfo,
): void {
  const cart = local.getQuery(api.carts.mine, { storeId });
  // Not loaded in this tab: nothing to show early; the server's answer will come.
  if (cart === undefined) return;
  local.setQuery(api.carts.mine, { storeId }, change(cart));
}

function setLineQuantity(line: CartLineInfo, quantity: number): CartLineInfo {
  return { ...line, quantity, lineTotalMinor: line.unitPriceMinor * quantity };
}

/**
 * The cart verbs for one store. Each resolves to true when the server accepted it;
 * on failure the message is in `error` (for an aria-live region beside the control).
 */
export function useCartActions(storeId: Id<"stores">) {
  const [error, setError] = useState<string | null>(null);
  const mutate = useLiveMutation();

  const run = useCallback(async (call: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await call();
      return true;
    } catch (caught) {
      setError(messageOf(caught));
      return false;
    }
  }, []);

  const addToCart = useCallback(
    (product: ProductSnapshot, quantity = 1) =>
      run(() =>
        mutate(
          api.carts.add,
          { storeId, productId: product._id, quantity },
          {
            // The new line needs the product's name and price, which the mutation's
            // arguments do not carry, so this update is built per call around the product.
            optimisticUpdate: (local) =>
              updateCart(local, storeId, (cart) => {
                const existing = cart.lines.find((line) => line.productId === product._id);
                const lines = existing
                  ? cart.lines.map((line) =>
                      line === existing ? setLineQuantity(line, line.quantity + quantity) : line,
                    )
                  : [
                      ...cart.lines,
                      {
                        productId: product._id,
                        name: product.name,
                        image: product.image,
                        category: product.category,
                        unitPriceMinor: product.priceMinor,
                        quantity,
                        lineTotalMinor: product.priceMinor * quantity,
                        stock: product.stock,
                        available: true,
                      },
                    ].sort((a, b) => a.name.localeCompare(b.name));
                return withLines(cart, lines);
              }),
          },
        ),
      ),
    [mutate, run, storeId],
  );

  const changeQuantity = useCallback(
    (productId: Id<"products">, quantity: number) =>
      run(() =>
        mutate(
          api.carts.setQuantity,
          { storeId, productId, quantity },
          {
            optimisticUpdate: (local) =>
              updateCart(local, storeId, (cart) =>
                withLines(
                  cart,
                  cart.lines.map((line) =>
                    line.productId === productId ? setLineQuantity(line, quantity) : line,
                  ),
                ),
              ),
          },
        ),
      ),
    [mutate, run, storeId],
  );
  const removeFromCart = useCallback(
    (productId: Id<"products">) =>
      run(() =>
        mutate(
          api.carts.remove,
          { storeId, productId },
          {
            optimisticUpdate: (local) =>
              updateCart(local, storeId, (cart) =>
                withLines(
                  cart,
                  cart.lines.filter((line) => line.productId !== productId),
                ),
              ),
          },
        ),
      ),
    [mutate, run, storeId],
  );
  const clearCart = useCallback(
    () =>
      run(() =>
        mutate(
          api.carts.clear,
          { storeId },
          {
            optimisticUpdate: (local) =>
              updateCart(local, storeId, (cart) => ({ ...withLines(cart, []), warnings: [] })),
          },
        ),
      ),
    [mutate, run, storeId],
  );

  return {
    addToCart,
    changeQuantity,
    removeFromCart,
    clearCart,
    error,
  };
}
