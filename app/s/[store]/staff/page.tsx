// Staff area of one store: its products (create, edit, archive / restore) and its
// orders (advance the status). Only the store's owners and admins get past the gate;
// everyone else, including staff of other stores, sees a refusal.
import type { Metadata } from "next";
import Link from "next/link";
import { StockBadge } from "@/components/shop/StockBadge";
import { buttonClasses } from "@/components/ui/Button";
import { api } from "@/convex/_generated/api";
import { formatMoney } from "@/lib/money";
import { staffAccess } from "@/server/staff";
import { QueryErrorBoundary } from "@/components/QueryErrorBoundary";
import { setArchived } from "./actions";
import { NotStaff } from "./NotStaff";
import { StaffActionButton } from "./StaffActionButton";
import { StaffOrders } from "./StaffOrders";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage({ params }: { params: Promise<{ store: string }> }) {
  const { store: slug } = await params;
  const access = await staffAccess(slug, `/s/${slug}/staff`);
  const { store, convex } = access;
  if (access.role === null) return <NotStaff storeName={store.name} slug={store.slug} />;

  const { locale } = access;
  const products = await convex.query(api.products.forStaff, { storeId: store._id });
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
        <QueryErrorBoundary message="The orders could not be loaded. Reload the page to try again.">
          <StaffOrders store={store} locale={locale} />
        </QueryErrorBoundary>
      </section>
    </div>
  );
}
