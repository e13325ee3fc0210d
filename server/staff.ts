// The staff area's gate: signed in (else to sign-in and back), a real store (else 404),
// and this device's role in exactly this store (null: not staff, the page says so).
// Convex checks again on every staff call; this only decides what the page shows.
import "server-only";
import { notFound } from "next/navigation";
import type { StoreInfo } from "@/components/shop/types";
import { api } from "@/convex/_generated/api";
import { convexAsDevice, type ConvexCaller } from "./convex";
import { storeBySlug } from "./shop";

export type StaffAccess = {
  store: StoreInfo;
  role: "owner" | "admin" | null;
  /** Convex as this device, for the page's staff reads. */
  convex: ConvexCaller;
};

export async function staffAccess(slug: string, returnTo: string): Promise<StaffAccess> {
  const convex = await convexAsDevice(returnTo);
  const store = await storeBySlug(slug);
  if (store === null) notFound();
  const role = await convex.query(api.stores.myRole, { storeId: store._id });
  return { store, role, convex };
}
