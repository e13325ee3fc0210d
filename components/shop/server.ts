// Server-side reads for the shop pages: the store by slug (memoised per request, so the
// layout and the page share one round trip) and the Convex options for calls made as
// the signed-in device (its token from the Auth.js session).
import "server-only";
import { fetchQuery } from "convex/nextjs";
import { cache } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { getSession, requireSession } from "@/lib/session";
import { DEFAULT_LOCALE } from "./defaults";
import type { ProductInfo, StoreInfo } from "./types";

export const storeBySlug = cache(async (slug: string): Promise<StoreInfo | null> =>
  fetchQuery(api.stores.getBySlug, { slug }),
);

/** `{ token }` for fetchQuery/fetchMutation as this device; redirects to sign-in if none. */
export async function asThisDevice(returnTo?: string): Promise<{ token: string }> {
  const session = await requireSession(returnTo);
  return { token: session.convexToken };
}

/** The token when signed in, for pages that also work signed out. */
export async function optionalToken(): Promise<string | null> {
  return (await getSession())?.convexToken ?? null;
}

/**
 * A live product of this store, or null. An id that is not even a product id (a typed
 * URL) fails Convex's argument validation; that is a 404 too, not an error page.
 */
export async function productOfStore(
  storeId: Id<"stores">,
  productId: string,
): Promise<ProductInfo | null> {
  try {
    return await fetchQuery(api.products.get, {
      productId: productId as Id<"products">,
      storeId,
    });
  } catch {
    return null;
  }
}

/** The locale this device chose in its settings, or the default (also when signed out). */
export async function deviceLocale(token: string | null): Promise<string> {
  if (token === null) return DEFAULT_LOCALE;
  try {
    const settings = await fetchQuery(api.settings.mine, {}, { token });
    return settings.locale ?? DEFAULT_LOCALE;
  } catch {
    // A session that just ended: the page still renders; SessionWatch signs the tab out.
    return DEFAULT_LOCALE;
  }
}
