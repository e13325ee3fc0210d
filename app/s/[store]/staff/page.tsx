// Staff area of one store: its products (create, edit, archive / restore) and its
// orders (advance the status). Only the store's owners and admins get past the gate;
// everyone else, including staff of other stores, sees a refusal.
import type { Metadata } from "next";
import Link from "next/link";
import { StockBadge } from "@/components/shop/StockBadge";
import { buttonClasses } from "@/components/ui/Button";
import { api } from "@/convex/_generated/api";
import { formatMoney } from "@/lib/money";
import { STATUS_LABELS } from "@/components/shop/orders";
import { orderReference } from "@/convex/shared/orders";
import { formatDateTime } from "@/lib/dates";
import { staffAccess } from "@/server/staff";
import { advanceOrder, setArchived } from "./actions";
import { NotStaff } from "./NotStaff";
import { StaffActionButton } from "./StaffActionButton";

export const metadata: Metadata = { title: "Staff" };

const NEXT_STATUS_LABEL: Partial<Record<keyof typeof STATUS_LABELS, string>> = {
  placed: "Mark packed",
  packed: "Mark shipped",
  shipped: "Mark delivered",
};

export default async function StaffPage({ params }: { params: Promise<{ store: string }> }) {
  const { store: slug } = await params;
  const access = await staffAccess(slug, `/s/${slug}/staff`);
  const { store, convex } = access;
  if (access.role === null) return <NotStaff storeName={store.name} slug={store.slug} />;

  const { locale } = access;
  const [products, orders] = await Promise.all([
    convex.query(api.products.forStaff, { storeId: store._id }),
    convex.query(api.orders.forStore, { storeId: store._id }),
  ]);
  const target = { storeId: store._id, slug: store.slug, currency: store.currency };
  const money = (minor: number) => formatMoney(minor, store.currency, locale);

  return (
    <div className="space-y-12">
      <div>
        <h1 className="text-2xl font-bold">Staff: {store.name}</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          You are {access.role === "owner" ? "an owner" : "an admin"} of this store.
        </p>
      </div>

      <section aria-labelledby="staff-products">
        <div className="flex items-center justify-between gap-4">
          <h2 id="staff-products" className="text-xl font-semibold">
            Products
          </h2>
          <Link
            href={`/s/${store.slug}/staff/products/new`}
            className={buttonClasses("primary", "sm")}
          >
            New product
          </Link>
        </div>
        <ul className="mt-4 divide-y divide-border rounded-lg border border-border">
          {products.map((product) => (
            <li
              key={product._id}
              aria-label={product.name}
              className="flex flex-wrap items-center gap-4 p-3"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- shipped SVG */}
              <img src={product.image} alt="" className="size-12 rounded border border-border" />
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {product.name}
                  {product.archived ? (
                    <span className="ml-2 text-xs text-muted-foreground">(archived)</span>
                  ) : null}
                </p>
                <p className="text-sm text-muted-foreground">
                  {product.category} · {money(product.priceMinor)} · {product.stock} in stock{" "}
                  <StockBadge stock={product.stock} />
                </p>
              </div>
              <Link
                href={`/s/${store.slug}/staff/products/${product._id}`}
                className={buttonClasses("secondary", "sm")}
                aria-label={`Edit ${product.name}`}
              >
                Edit
              </Link>
              <StaffActionButton
                action={setArchived.bind(null, {
                  ...target,
                  productId: product._id,
                  archived: !product.archived,
                })}
                label={product.archived ? "Restore" : "Archive"}
                accessibleLabel={`${product.archived ? "Restore" : "Archive"} ${product.name}`}
              />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="staff-orders">
        <h2 id="staff-orders" className="text-xl font-semibold">
          Orders
        </h2>
        {orders.length === 0 ? (
          <p className="mt-4 text-sm text-muted-foreground">No orders yet.</p>
        ) : (
          <ul className="mt-4 divide-y divide-border rounded-lg border border-border">
            {orders.map((order) => {
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
        )}
      </section>
    </div>
  );
}
