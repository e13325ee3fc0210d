"use client";
// The staff page's orders: the store's orders newest first, live, a page at a time
// (`orders.forStore` with `usePaginatedQuery`, "Load more"), each with the button that
// advances its status.
import { usePaginatedQuery } from "convex/react";
import { STATUS_LABELS } from "@/components/shop/orders";
import { LoadMoreButton } from "@/components/ui/LoadMoreButton";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { ORDERS_PAGE_SIZE } from "@/convex/shared/limits";
import { orderReference } from "@/convex/shared/orders";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { advanceOrder } from "./actions";
import { StaffActionButton } from "./StaffActionButton";

const NEXT_STATUS_LABEL: Partial<Record<keyof typeof STATUS_LABELS, string>> = {
  placed: "Mark packed",
  packed: "Mark shipped",
  shipped: "Mark delivered",
};

export function StaffOrders({
  store,
  locale,
}: {
  store: { _id: Id<"stores">; slug: string; currency: string };
  locale: string | undefined;
}) {
  const { results, status, loadMore } = usePaginatedQuery(
    api.orders.forStore,
    { storeId: store._id },
    { initialNumItems: ORDERS_PAGE_SIZE },
  );
  const money = (minor: number) => formatMoney(minor, store.currency, locale);

  if (status === "LoadingFirstPage") {
    return <p className="mt-4 text-sm text-muted-foreground">Loading orders…</p>;
  }
  if (results.length === 0) {
    return <p className="mt-4 text-sm text-muted-foreground">No orders yet.</p>;
  }
  return (
    <div className="mt-4 space-y-4">
      <ul className="divide-y divide-border rounded-lg border border-border">
        {results.map((order) => {
          const nextLabel = NEXT_STATUS_LABEL[order.status];
          return (
            <li
              key={order._id}
              aria-label={`Order ${orderReference(order._id)}`}
              className="flex flex-wrap items-center justify-between gap-4 p-3"
            >
              <div className="text-sm">
                <p className="font-medium">
                  {orderReference(order._id)} · {money(order.totalMinor)} ·{" "}
                  <span>{STATUS_LABELS[order.status]}</span>
                </p>
                <p className="text-muted-foreground">
                  {formatDateTime(order.placedAt, locale)} ·{" "}
                  {order.customerEmail ?? "unknown customer"} ·{" "}
                  {order.items.map((item) => `${item.quantity} × ${item.name}`).join(", ")}
                </p>
              </div>
              {nextLabel ? (
                <StaffActionButton
                  action={advanceOrder.bind(null, { slug: store.slug, orderId: order._id })}
                  label={nextLabel}
                  accessibleLabel={`${nextLabel}: order ${orderReference(order._id)}`}
                />
              ) : null}
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
