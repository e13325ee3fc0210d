// One product of a store. A product of another store (or an unknown or archived one)
// is a 404 here, so `/s/a/p/<id from store b>` never renders store b's product as a's.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductBuyBox } from "@/components/shop/ProductBuyBox";
import { productOfStore, storeBySlug } from "@/server/shop";

type Props = { params: Promise<{ store: string; productId: string }> };

async function load(params: Props["params"]) {
  const { store: slug, productId } = await params;
  const store = await storeBySlug(slug);
  if (store === null) notFound();
  const product = await productOfStore(store._id, productId);
  if (product === null) notFound();
  return { store, product };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await load(params);
  return { title: product.name, description: product.description };
}

export default async function ProductPage({ params }: Props) {
  const { store, product } = await load(params);
  return (
    <div>
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href={`/s/${store.slug}`} className="hover:underline">
          {store.name}
        </Link>{" "}
        /{" "}
        <Link
          href={`/s/${store.slug}?${new URLSearchParams({ category: product.category }).toString()}`}
          className="hover:underline"
        >
          {product.category}
        </Link>
      </nav>
      <div className="mt-6 grid gap-8 md:grid-cols-2">
        {/* eslint-disable-next-line @next/next/no-img-element -- shipped SVG */}
        <img
          src={product.image}
          alt={product.name}
          className="aspect-square w-full rounded-lg border border-border bg-muted object-cover"
        />
        <div>
          <h1 className="text-3xl font-bold">{product.name}</h1>
          <p className="mt-4 whitespace-pre-line text-muted-foreground">{product.description}</p>
          <ProductBuyBox initial={product} />
        </div>
      </div>
    </div>
  );
}
