// /account/orders: every order of the signed-in person, from all their devices and in
// every store, newest first, each saying which device placed it (live, ./OrderList).
import type { Metadata } from "next";
import { QueryErrorBoundary } from "@/components/QueryErrorBoundary";
import { deviceLocale } from "@/server/shop";
import { OrderList } from "./OrderList";

export const metadata: Metadata = { title: "Your orders" };

export default async function OrdersPage() {
  const locale = await deviceLocale();
  return (
    <div>
      <h1 className="text-2xl font-bold">Your orders</h1>
      <p className="mt-1 text-muted-foreground">Orders from all your devices, in every store.</p>
      <QueryErrorBoundary message="Your orders could not be loaded. Reload the page to try again.">
        <OrderList locale={locale} />
      </QueryErrorBoundary>
    </div>
  );
}
