"use client";
// Price, stock and "Add to cart" of the product page, live: the page's preloaded query
// shows at once, then Convex keeps it current (a sale elsewhere can sell it out).
import type { Preloaded } from "convex/react";
import { useLivePreloaded } from "@/components/hooks/useLivePreloaded";
import type { api } from "@/convex/_generated/api";
import { AddToCart } from "./AddToCart";
import { Price } from "./Price";
import { useShop } from "./ShopContext";
import { StockBadge } from "./StockBadge";

export function ProductBuyBox({
  preloaded,
}: {
  preloaded: Preloaded<typeof api.storefront.productPage>;
}) {
  const { store } = useShop();
  // null: archived (or moved) meanwhile.
  const product = useLivePreloaded(preloaded)?.product ?? null;
  if (product === null) {
    return <p className="mt-4 font-medium text-danger">This product is no longer sold.</p>;
  }
  return (
    <div className="mt-4 space-y-4">
      <div className="flex items-baseline gap-4">
        <Price
          minor={product.priceMinor}
          currency={store.currency}
          className="text-2xl font-semibold"
        />
        <StockBadge stock={product.stock} className="text-sm" />
      </div>
      <AddToCart product={product} size="md" />
    </div>
  );
}
