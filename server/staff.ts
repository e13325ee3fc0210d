// The staff area's gate: signed in (else to sign-in and back), a real store (else 404),
// and this device's role in exactly this store (null: not staff, the page says so).
// Convex checks again on every staff call; this only decides what the page shows.
import "server-only";
import { notFound } from "next/navigation";
import type { StoreInfo } from "@/components/shop/types";
import { convexAsDevice, type ConvexCaller } from "./convex";
import { localeOr, storeFrame } from "./shop";

export type StaffAccess = {
  store: StoreInfo;
  role: "owner" | "admin" | null;
  /** This device's locale for prices and dates. */
  locale: string;
  /** Convex as this device, for the page's staff reads. */
  convex: ConvexCaller;
};

export async function staffAccess(slug: string, returnTo: string): Promise<StaffAccess> {
  const convex = await convexAsDevice(returnTo);
  // The same cached read as the staff layout's frame: store, role and locale at once.
  const frame = await storeFrame(slug);
  if (frame === null) notFound();
  return { store: frame.store, role: frame.role, locale: localeOr(frame.locale), convex };
}
