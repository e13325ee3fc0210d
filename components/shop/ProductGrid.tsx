"use client";
// The store's product grid, preloaded by the server page (its one query) and then live:
// stock changes (another shopper's checkout, a staff edit) show without a reload.
import type { Preloaded } from "convex/react";
import Link from "next/link";
import { useLivePreloaded } from "@/components/hooks/useLivePreloaded";
import type { api } from "@/convex/_generated/api";
import { AddToCart } from "./AddToCart";
import { Price } from "./Price";
import { useShop } from "./ShopContext";
import { StockBadge } from "./StockBadge";

/** Images in the grid's first row on the widest layout. */
const ABOVE_THE_FOLD = 4;

export function ProductGrid({
  preloaded,
  emptyText,
}: {
  preloaded: Preloaded<typeof api.storefront.catalogPage>;
  emptyText: string;
}) {
  const { store } = useShop();
  // null: the store was removed meanwhile; show it as empty.
  const products = useLivePreloaded(preloaded)?.products ?? [];
  if (products.length === 0) {
    return <p className="py-12 text-center text-muted-foreground">{emptyText}</p>;
  }
  return (
    <ul aria-label="Products" className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
      {products.map((product, index) => (
        <li
          key={product._id}
          aria-label={product.name}
          className="flex flex-col overflow-hidden rounded-lg border border-border"
        >
          <Link
            href={`/s/${store.slug}/p/${product._id}`}
            className="group block"
            tabIndex={-1}
            aria-hidden="true"
          >
            {/* eslint-disable-next-line @next/next/no-img-element -- shipped SVGs, nothing to optimise */}
            <img
              src={product.image}
              alt=""
              // The first row is on screen at load (up to 4 columns) and holds the page's
              // largest paint: fetch it at once, the first image first; the rest when scrolled to.
              loading={index < ABOVE_THE_FOLD ? "eager" : "lazy"}
              fetchPriority={index === 0 ? "high" : undefined}
              className="aspect-square w-full bg-muted object-cover transition-opacity group-hover:opacity-90"
            />
          </Link>
          <div className="flex flex-1 flex-col gap-2 p-4">
            <p className="text-xs uppercase tracking-wide text-muted-foreground">
              {product.category}
            </p>
            <h3 className="font-semibold">
              <Link href={`/s/${store.slug}/p/${product._id}`} className="hover:underline">
                {product.name}
              </Link>
            </h3>
            <div className="flex items-baseline justify-between gap-2">
              <Price minor={product.priceMinor} currency={store.currency} className="font-medium" />
              <StockBadge stock={product.stock} />
            </div>
            <div className="mt-auto pt-2">
              <AddToCart product={product} />
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
