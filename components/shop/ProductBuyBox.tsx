"use client";
// Price, stock and "Add to cart" of the product page, live: the server's copy shows at
// once, then Convex keeps stock current (a sale elsewhere can sell it out).
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { AddToCart } from "./AddToCart";
import { Price } from "./Price";
import { useShop } from "./ShopContext";
import { StockBadge } from "./StockBadge";
import type { ProductInfo } from "./types";

export function ProductBuyBox({ initial }: { initial: ProductInfo }) {
  const { store } = useShop();
  const live = useQuery(api.products.get, { productId: initial._id, storeId: store._id });
  // null: archived meanwhile. undefined: still loading, keep the server's copy.
  if (live === null) {
    return <p className="mt-4 font-medium text-danger">This product is no longer sold.</p>;
  }
  const product = live ?? initial;
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
