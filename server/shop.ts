// Server reads for the shop and account pages, each memoised per request with React
// `cache` so a layout, `generateMetadata` and the page share one round trip: the store
// by slug, one product of a store, and the locale this device chose for prices and dates.
import "server-only";
import { cache } from "react";
import type { ProductInfo, StoreInfo } from "@/components/shop/types";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { DEFAULT_LOCALE } from "@/lib/money";
import { convexCaller, convexPublic } from "./convex";
import { getSession } from "./session";

export const storeBySlug = cache(
  async (slug: string): Promise<StoreInfo | null> => convexPublic.query(api.stores.getBySlug, { slug }),
);

/**
 * A live product of this store, or null. An id that is not even a product id (a typed
 * URL) fails Convex's argument validation; that is a 404 too, not an error page.
 */
export const productOfStore = cache(
  async (storeId: Id<"stores">, productId: string): Promise<ProductInfo | null> => {
    try {
      return await convexPublic.query(api.products.get, {
        productId: productId as Id<"products">,
        storeId,
      });
    } catch {
      return null;
    }
  },
);

/** The locale this device chose in its settings, or the default (also when signed out). */
export const deviceLocale = cache(async (): Promise<string> => {
  const session = await getSession();
  if (session === null) return DEFAULT_LOCALE;
  try {
    const settings = await convexCaller(session.convexToken).query(api.settings.mine, {});
    return settings.locale ?? DEFAULT_LOCALE;
  } catch {
    // A session that just ended: the page still renders; SessionWatch signs the tab out.
    return DEFAULT_LOCALE;
  }
});
