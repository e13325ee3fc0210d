// The frame of one store (`/s/[store]/…`): its name, logo and accent colour, the way back
// to its catalog, the staff link for its staff and the cart button. Each page renders it
// around its content with the frame its one Convex query brought (convex/storefront.ts),
// so the frame costs no call of its own. The store, the signed-in state and the locale go
// to the shop's client leaves through ShopProvider.
import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { CartButton } from "@/components/shop/CartButton";
import { storeAccentStyle } from "@/components/shop/defaults";
import { ShopProvider } from "@/components/shop/ShopContext";
import type { StoreInfo } from "@/components/shop/types";
import { localeOr } from "@/server/shop";
import { getSession } from "@/server/session";

export type Frame = {
  store: StoreInfo;
  locale: string | null;
  role: "owner" | "admin" | null;
};

export async function StoreFrame({ frame, children }: { frame: Frame; children: ReactNode }) {
  const { store, role } = frame;
  // Already read (and cached) by the root layout: no extra round trip.
  const session = await getSession();
  // The store's colour re-themes buttons and links of its pages (globals.css --accent).
  const theme = storeAccentStyle(store.accentColor) as CSSProperties;
  return (
    <ShopProvider store={store} signedIn={session !== null} initialLocale={localeOr(frame.locale)}>
      <div style={theme} className="flex flex-1 flex-col">
        <div className="border-b border-border bg-muted/40">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
            <Link href={`/s/${store.slug}`} className="flex items-center gap-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- shipped SVG logo */}
              <img src={store.logo} alt="" className="size-10 rounded-md" />
              <span className="text-lg font-bold text-accent-text">
                {store.name}
              </span>
            </Link>
            <div className="flex items-center gap-4">
              {/* Staff only; the staff pages and Convex's staff functions check again. */}
              {role !== null ? (
                <Link
                  href={`/s/${store.slug}/staff`}
                  className="text-sm text-muted-foreground hover:text-foreground"
                >
                  Staff
                </Link>
              ) : null}
              <CartButton />
            </div>
          </div>
        </div>
        <div className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</div>
      </div>
    </ShopProvider>
  );
}

/** The title a store page shows in the tab: "<what> · <store>", or the store alone. */
export function storeTitle(store: StoreInfo, what?: string): { absolute: string } {
  return { absolute: what ? `${what} · ${store.name}` : store.name };
}
