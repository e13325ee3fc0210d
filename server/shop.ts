// Server reads for the shop and account pages. Each shop page reads its data with one
// Convex query shaped for it (convex/storefront.ts), preloaded as this device (or as
// nobody when signed out) and memoised per request with React `cache`, so
// `generateMetadata`, the page and its frame share one round trip and the browser keeps
// the same query live through `usePreloadedQuery` without a second fetch.
import "server-only";
import type { Preloaded } from "convex/react";
import type { FunctionReference, FunctionReturnType } from "convex/server";
import { cache } from "react";
import { api } from "@/convex/_generated/api";
import { DEFAULT_LOCALE } from "@/lib/money";
import {
  CATALOG_PAGE_SIZE,
  PRODUCT_CATEGORY_MAX,
  PRODUCT_SEARCH_MAX,
} from "@/convex/shared/limits";
import { convexCaller, preloadedValue } from "./convex";
import { getSession } from "./session";

/** A page's preloaded query (for the client) and its value (for the server render). */
export type PageRead<Q extends FunctionReference<"query">> = {
  preloaded: Preloaded<Q>;
  page: FunctionReturnType<Q>;
};

async function asViewer() {
  const session = await getSession();
  return convexCaller(session?.convexToken ?? null);
}

async function preloadPage<Q extends FunctionReference<"query">>(
  query: Q,
  args: Q["_args"],
): Promise<PageRead<Q>> {
  const preloaded = await (await asViewer()).preload(query, args);
  return { preloaded, page: preloadedValue(preloaded) };
}

/**
 * `/s/[store]`: store, categories and the (filtered) catalog, `show` products at most; `page` is
 * null for an unknown store.
 */
export const catalogPage = cache((slug: string, search: string, category: string, show: number) =>
  preloadPage(api.storefront.catalogPage, {
    slug,
    ...(search ? { search: search.slice(0, PRODUCT_SEARCH_MAX) } : {}),
    ...(category ? { category: category.slice(0, PRODUCT_CATEGORY_MAX) } : {}),
    ...(show !== CATALOG_PAGE_SIZE ? { show } : {}),
  }),
);

/** `/s/[store]/p/[productId]`: store and product; null for an unknown store or product. */
export const productPage = cache((slug: string, productId: string) =>
  preloadPage(api.storefront.productPage, { slug, productId }),
);

/** `/s/[store]/checkout`: store and this device's cart (signed in only; the caller checks). */
export const checkoutPage = cache((slug: string) =>
  preloadPage(api.storefront.checkoutPage, { slug }),
);

/** The store frame alone (store, locale, role), for the staff pages. Null: unknown store. */
export const storeFrame = cache(async (slug: string) =>
  (await asViewer()).query(api.storefront.frame, { slug }),
);

/** The locale to format with: the device's choice, or the default. */
export function localeOr(locale: string | null | undefined): string {
  return locale ?? DEFAULT_LOCALE;
}

/** The locale this device chose in its settings, or the default (also when signed out). */
export const deviceLocale = cache(async (): Promise<string> => {
  const session = await getSession();
  if (session === null) return DEFAULT_LOCALE;
  try {
    const settings = await convexCaller(session.convexToken).query(api.settings.mine, {});
    return localeOr(settings.locale);
  } catch {
    // A session that just ended: the page still renders; SessionWatch signs the tab out.
    return DEFAULT_LOCALE;
  }
});
