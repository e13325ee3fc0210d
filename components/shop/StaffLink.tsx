"use client";
// A "Staff" link in the store bar, shown only to this store's staff. Live and client-side
// so ordinary shoppers' pages cost no extra server round trip; the staff pages and the
// Convex staff functions do the real check.
import { useConvexAuth, useQuery_experimental as useQueryState } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { useShop } from "./ShopContext";

export function StaffLink() {
  const { store } = useShop();
  const { isAuthenticated } = useConvexAuth();
  const role = useQueryState({
    query: api.stores.myRole,
    args: isAuthenticated ? { storeId: store._id } : "skip",
  });
  if (role.status !== "success" || role.data === null) return null;
  return (
    <Link
      href={`/s/${store.slug}/staff`}
      className="text-sm text-muted-foreground hover:text-foreground"
    >
      Staff
    </Link>
  );
}
