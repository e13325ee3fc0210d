"use client";
// The signed-in person's orders, newest first, live and a page at a time
// (`orders.mine` with `usePaginatedQuery`, "Load more"), each saying which device placed it.
import { usePaginatedQuery } from "convex/react";
import Link from "next/link";
import { STATUS_LABELS } from "@/components/shop/orders";
import { buttonClasses } from "@/components/ui/Button";
import { LoadMoreButton } from "@/components/ui/LoadMoreButton";
import { api } from "@/convex/_generated/api";
import { ORDERS_PAGE_SIZE } from "@/convex/shared/limits";
import { orderReference } from "@/convex/shared/orders";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";

export function OrderList({ locale }: { locale: string | undefined }) {
  const { results, status, loadMore } = usePaginatedQuery(
    api.orders.mine,
    {},
    { initialNumItems: ORDERS_PAGE_SIZE },
  );

  if (status === "LoadingFirstPage") {
    return <p className="mt-6 text-sm text-muted-foreground">Loading your orders…</p>;
  }
  if (results.length === 0) {
    return (
      <div className="mt-8 rounded-lg border border-dashed border-border p-8 text-center">
        <p className="font-medium">No orders yet</p>
        <p className="mt-1 text-sm text-muted-foreground">
          When you check out on any of your devices, the order shows up here.
        </p>
        <Link href="/#stores" className={buttonClasses("primary", "md", "mt-4")}>
          Browse stores
        </Link>
      </div>
    );
  }
  return (
    <div className="mt-6 space-y-4">
      <ul aria-label="Orders" className="divide-y divide-border rounded-lg border border-border">
        {results.map((order) => {
          const count = order.items.reduce((sum, item) => sum + item.quantity, 0);
          return (
            <li key={order._id} aria-label={`Order ${orderReference(order._id)}`}>
              <Link
                href={`/account/orders/${order._id}`}
                className="flex flex-col gap-1 p-4 hover:bg-muted sm:flex-row sm:items-center sm:justify-between"
              >
                <span>
                  <span className="font-semibold">{order.storeName}</span>{" "}
                  <span className="text-sm text-muted-foreground">{orderReference(order._id)}</span>
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
      <LoadMoreButton
        status={status}
        loadMore={loadMore}
        pageSize={ORDERS_PAGE_SIZE}
        label="Load more orders"
      />
    </div>
  );
}
