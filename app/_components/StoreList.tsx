// The landing page's list of stores (public, server-rendered): logo, name, description
// and currency, each a link into `/s/[slug]`.
import Link from "next/link";
import { Notice } from "@/components/ui/Notice";
import { api } from "@/convex/_generated/api";
import { convexPublic } from "@/server/convex";

export async function StoreList() {
  let stores;
  try {
    stores = await convexPublic.query(api.stores.list, {});
  } catch (error) {
    // The landing page still renders when the backend is down; say so in place.
    console.error("[landing] could not load the store list:", error);
    return (
      <Notice tone="error" className="mt-4">
        The stores could not be loaded just now. Please try again in a moment.
      </Notice>
    );
  }
  if (stores.length === 0) {
    return <p className="mt-4 text-muted-foreground">No stores are open yet.</p>;
  }
  return (
    <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {stores.map((store) => (
        <li key={store._id}>
          <Link
            href={`/s/${store.slug}`}
            className="flex h-full flex-col rounded-lg border border-border p-5 transition-colors hover:bg-muted"
            style={{ borderTopColor: store.accentColor, borderTopWidth: 4 }}
          >
            <span className="flex items-center gap-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- shipped SVG logo */}
              <img src={store.logo} alt="" className="size-12 rounded-md" />
              <span className="text-lg font-semibold">{store.name}</span>
            </span>
            <span className="mt-3 text-sm text-muted-foreground">{store.description}</span>
            <span className="mt-auto pt-3 text-xs text-muted-foreground">
              Prices in {store.currency}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
