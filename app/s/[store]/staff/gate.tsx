// The staff area's gate: signed in (else to sign-in and back), a real store (else 404),
// and a member of exactly this store (else a clear refusal). Convex checks again on
// every staff call; this only decides what the page shows.
import "server-only";
import { fetchQuery } from "convex/nextjs";
import Link from "next/link";
import { notFound } from "next/navigation";
import { storeBySlug } from "@/components/shop/server";
import type { StoreInfo } from "@/components/shop/types";
import { buttonClasses } from "@/components/ui/Button";
import { api } from "@/convex/_generated/api";
import { requireSession } from "@/lib/session";

export type StaffAccess = { store: StoreInfo; token: string; role: "owner" | "admin" | null };

/** The store, this device's token and its role there (null: not staff). */
export async function staffAccess(slug: string, returnTo: string): Promise<StaffAccess> {
  const session = await requireSession(returnTo);
  const store = await storeBySlug(slug);
  if (store === null) notFound();
  const token = session.convexToken;
  const role = await fetchQuery(api.stores.myRole, { storeId: store._id }, { token });
  return { store, token, role };
}

export function NotStaff({ storeName, slug }: { storeName: string; slug: string }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-bold">You are not staff of this store</h1>
      <p className="mt-3 text-muted-foreground">
        Only the owners and admins of {storeName} can manage its products and orders.
      </p>
      <Link href={`/s/${slug}`} className={buttonClasses("primary", "md", "mt-6")}>
        Back to the shop
      </Link>
    </div>
  );
}
