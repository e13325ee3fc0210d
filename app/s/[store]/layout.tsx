// The frame of one store (`/s/[store]/…`): its name, logo and accent colour, the way
// back to its catalog, and the cart button. An unknown slug is a real 404. The store
// and the signed-in state go to the shop's client leaves through ShopProvider.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { CSSProperties, ReactNode } from "react";
import { CartButton } from "@/components/shop/CartDrawer";
import { storeAccentStyle } from "@/components/shop/defaults";
import { ShopProvider } from "@/components/shop/ShopContext";
import { StaffLink } from "@/components/shop/StaffLink";
import { getSession } from "@/server/session";
import { deviceLocale, storeBySlug } from "@/server/shop";

type Params = { params: Promise<{ store: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const store = await storeBySlug((await params).store);
  return store ? { title: { default: store.name, template: `%s · ${store.name}` } } : {};
}

export default async function StoreLayout({ params, children }: Params & { children: ReactNode }) {
  const { store: slug } = await params;
  // The session is already read (and cached) by the root layout; the store and this
  // device's locale then load side by side.
  const session = await getSession();
  const [store, initialLocale] = await Promise.all([
    storeBySlug(slug),
    deviceLocale(),
  ]);
  if (store === null) notFound();
  // The store's colour re-themes buttons and links of its pages (globals.css --accent).
  const theme = storeAccentStyle(store.accentColor) as CSSProperties;
  return (
    <ShopProvider store={store} signedIn={session !== null} initialLocale={initialLocale}>
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
              <StaffLink />
              <CartButton />
            </div>
          </div>
        </div>
        <div className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</div>
      </div>
    </ShopProvider>
  );
}
