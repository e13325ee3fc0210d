// Staff: edit one product of this store (another store's product id is a 404).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { minorToDecimalString } from "@/lib/money";
import { staffAccess } from "@/server/staff";
import { NotStaff } from "../../NotStaff";
import { ProductForm } from "../../ProductForm";

export const metadata: Metadata = { title: "Edit product" };

export default async function EditProductPage({
  params,
}: {
  params: Promise<{ store: string; productId: string }>;
}) {
  const { store: slug, productId } = await params;
  const access = await staffAccess(slug, `/s/${slug}/staff/products/${productId}`);
  const { store, convex } = access;
  if (access.role === null) return <NotStaff storeName={store.name} slug={store.slug} />;
  // A malformed id fails argument validation: a 404 like an unknown product.
  const product = await convex
    .query(api.products.getForStaff, {
      storeId: store._id,
      productId: productId as Id<"products">,
    })
    .catch(() => null);
  if (product === null) notFound();
  return (
    <div>
      <h1 className="mb-6 text-2xl font-bold">Edit {product.name}</h1>
      <ProductForm
        target={{
          storeId: store._id,
          slug: store.slug,
          currency: store.currency,
          productId: product._id,
        }}
        initial={{
          name: product.name,
          description: product.description,
          category: product.category,
          price: minorToDecimalString(product.priceMinor, store.currency),
          stock: String(product.stock),
          image: product.image,
        }}
        submitLabel="Save changes"
      />
    </div>
  );
}
