// Staff: add a product to this store.
import type { Metadata } from "next";
import { staffAccess } from "@/server/staff";
import { NotStaff } from "../../NotStaff";
import { ProductForm } from "../../ProductForm";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage({ params }: { params: Promise<{ store: string }> }) {
  const { store: slug } = await params;
  const access = await staffAccess(slug, `/s/${slug}/staff/products/new`);
  const { store } = access;
  if (access.role === null) return <NotStaff storeName={store.name} slug={store.slug} />;
  return (
    <div>
      <h1 className="mb-6 text-2xl font-bold">New product</h1>
      <ProductForm
        target={{ storeId: store._id, slug: store.slug, currency: store.currency }}
        initial={{ name: "", description: "", category: "", price: "", stock: "0", image: "" }}
        submitLabel="Create product"
      />
    </div>
  );
}
