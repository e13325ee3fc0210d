// One order of the signed-in person (someone else's or an unknown id is a 404): items
// as they were bought, total, shipping, status, and the device that placed it. After a
// checkout it also confirms that the order went through.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/Notice";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { formatMoney } from "@/lib/money";
import { convexAsDevice } from "@/server/convex";
import { deviceLocale } from "@/server/shop";
import { STATUS_LABELS } from "@/components/shop/orders";
import { orderReference } from "@/convex/shared/orders";
import { formatDateTime } from "@/lib/dates";

export const metadata: Metadata = { title: "Order" };

type Props = {
  params: Promise<{ orderId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function OrderPage({ params, searchParams }: Props) {
  const [{ orderId }, query] = await Promise.all([params, searchParams]);
  const convex = await convexAsDevice(`/account/orders/${orderId}`);
  const [order, locale] = await Promise.all([
    // A malformed id fails argument validation: a 404 like any unknown order.
    convex.query(api.orders.get, { orderId: orderId as Id<"orders"> }).catch(() => null),
    deviceLocale(),
  ]);
  if (order === null) notFound();
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const { shipping } = order;

  return (
    <div>
      <Link href="/account/orders" className="text-sm text-muted-foreground hover:underline">
        ← All orders
      </Link>
      {query.placed ? (
        <Notice tone="success" title="Thank you, your order is placed" className="mt-4">
          A confirmation is on its way to your e-mail.
        </Notice>
      ) : null}
      <h1 className="mt-4 text-2xl font-bold">
        Order {orderReference(order._id)} at{" "}
        {order.storeSlug ? (
          <Link href={`/s/${order.storeSlug}`} className="hover:underline">
            {order.storeName}
          </Link>
        ) : (
          order.storeName
        )}
      </h1>
      <dl className="mt-4 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-muted-foreground">Status</dt>
        <dd className="font-medium">{STATUS_LABELS[order.status]}</dd>
        <dt className="text-muted-foreground">Placed</dt>
        <dd>{formatDateTime(order.placedAt, locale)}</dd>
        <dt className="text-muted-foreground">Device</dt>
        <dd>
          Placed on {order.deviceLabel}
          {order.isThisDevice ? " (this device)" : ""}
        </dd>
        <dt className="text-muted-foreground">Paid with</dt>
        <dd>Card ending in {order.cardLast4}</dd>
      </dl>

      <h2 className="mt-8 font-semibold">Items</h2>
      <ul className="mt-2 divide-y divide-border rounded-lg border border-border text-sm">
        {order.items.map((item) => (
          <li key={item.productId} className="flex justify-between gap-4 p-3">
            <span>
              {item.quantity} × {item.name}{" "}
              <span className="text-muted-foreground">({money(item.unitPriceMinor)} each)</span>
            </span>
            <span>{money(item.unitPriceMinor * item.quantity)}</span>
          </li>
        ))}
        <li className="flex justify-between gap-4 p-3 font-semibold">
          <span>Total</span>
          <span>{money(order.totalMinor)}</span>
        </li>
      </ul>

      <h2 className="mt-8 font-semibold">Shipping to</h2>
      <address className="mt-2 text-sm not-italic">
        {shipping.fullName}
        <br />
        {shipping.line1}
        {shipping.line2 ? (
          <>
            <br />
            {shipping.line2}
          </>
        ) : null}
        <br />
        {shipping.postalCode} {shipping.city}
        <br />
        {shipping.country}
      </address>
    </div>
  );
}
