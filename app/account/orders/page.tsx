// /account/orders: every order of the signed-in person, from all their devices and in
// every store, newest first, each saying which device placed it.
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/Button";
import { api } from "@/convex/_generated/api";
import { formatMoney } from "@/lib/money";
import { convexAsDevice } from "@/server/convex";
import { deviceLocale } from "@/server/shop";
import { STATUS_LABELS } from "@/components/shop/orders";
import { orderReference } from "@/convex/shared/orders";
import { formatDateTime } from "@/lib/dates";

export const metadata: Metadata = { title: "Your orders" };

export default async function OrdersPage() {
  const convex = await convexAsDevice("/account/orders");
  const [orders, locale] = await Promise.all([convex.query(api.orders.mine, {}), deviceLocale()]);
  return (
    <div>
      <h1 className="text-2xl font-bold">Your orders</h1>
      <p className="mt-1 text-muted-foreground">Orders from all your devices, in every store.</p>
      {orders.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-border p-8 text-center">
          <p className="font-medium">No orders yet</p>
          <p className="mt-1 text-sm text-muted-foreground">
            When you check out on any of your devices, the order shows up here.
          </p>
          <Link href="/#stores" className={buttonClasses("primary", "md", "mt-4")}>
            Browse stores
          </Link>
        </div>
      ) : (
        <ul
          aria-label="Orders"
          className="mt-6 divide-y divide-border rounded-lg border border-border"
        >
          {orders.map((order) => {
            const count = order.items.reduce((sum, item) => sum + item.quantity, 0);
            return (
              <li key={order._id} aria-label={`Order ${orderReference(order._id)}`}>
                <Link
                  href={`/account/orders/${order._id}`}
                  className="flex flex-col gap-1 p-4 hover:bg-muted sm:flex-row sm:items-center sm:justify-between"
                >
                  <span>
                    <span className="font-semibold">{order.storeName}</span>{" "}
                    <span className="text-sm text-muted-foreground">
                      {orderReference(order._id)}
                    </span>
                    <span className="block text-sm text-muted-foreground">
                      {formatDateTime(order.placedAt, locale)} · {count}{" "}
                      {count === 1 ? "item" : "items"} · placed on {order.deviceLabel}
                      {order.isThisDevice ? " (this device)" : ""}
                    </span>
                  </span>
                  <span className="flex items-center gap-3">
                    <span className="rounded-full bg-muted px-2 py-0.5 text-xs font-medium">
                      {STATUS_LABELS[order.status]}
                    </span>
                    <span className="font-semibold">
                      {formatMoney(order.totalMinor, order.currency, locale)}
                    </span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
