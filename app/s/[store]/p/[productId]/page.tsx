// One product of a store. A product of another store (or an unknown or archived one)
// is a 404 here, so `/s/a/p/<id from store b>` never renders store b's product as a's.
// Store and product come from one preloaded query, shared by `generateMetadata` and the
// page (server/shop.ts) and kept live by the buy box.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductBuyBox } from "@/components/shop/ProductBuyBox";
import { productPage } from "@/server/shop";
import { StoreFrame, storeTitle } from "../../StoreFrame";

type Props = { params: Promise<{ store: string; productId: string }> };

async function load(params: Props["params"]) {
  const { store: slug, productId } = await params;
  const { page, preloaded } = await productPage(slug, productId);
  if (page === null) notFound();
  return { page, preloaded };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { page } = await load(params);
  return { title: storeTitle(page.store, page.product.name), description: page.product.description };
}

export default async function ProductPage({ params }: Props) {
  const { page, preloaded } = await load(params);
  const { store, product } = page;
  return (
    <StoreFrame frame={page}>
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
          fetchPriority="high"
          className="aspect-square w-full rounded-lg border border-border bg-muted object-cover"
        />
        <div>
          <h1 className="text-3xl font-bold">{product.name}</h1>
          <p className="mt-4 whitespace-pre-line text-muted-foreground">{product.description}</p>
          <ProductBuyBox preloaded={preloaded} />
        </div>
      </div>
    </StoreFrame>
  );
}
