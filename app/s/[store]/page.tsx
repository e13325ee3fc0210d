// A store's catalog: search by name and filter by category through URL search params
// (`?q=…&category=…`), so a filtered view is a link anyone can share. Plain GET forms
// and links: keyboard friendly and working before JavaScript loads. Store, categories
// and grid come from one preloaded query (server/shop.ts), live in the browser. The grid
// shows one page of products; "Show more products" links to the same view with the next
// page added (`?show=96`), up to CATALOG_SHOW_MAX, past which search or a category narrows.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductGrid } from "@/components/shop/ProductGrid";
import { buttonClasses } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/Input";
import {
  CATALOG_PAGE_SIZE,
  CATALOG_SEARCH_MAX,
  CATALOG_SHOW_MAX,
  PRODUCT_CATEGORY_MAX,
  PRODUCT_SEARCH_MAX,
} from "@/convex/shared/limits";
import { catalogPage } from "@/server/shop";
import { StoreFrame, storeTitle } from "./StoreFrame";

type Props = {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** `?show=` as a whole number of products within one page..max; anything else is one page. */
function showParam(value: string, max: number): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : CATALOG_PAGE_SIZE;
  return Math.min(Math.max(n, CATALOG_PAGE_SIZE), max);
}

async function load({ params, searchParams }: Props) {
  const [{ store: slug }, query] = await Promise.all([params, searchParams]);
  const search = single(query.q).slice(0, PRODUCT_SEARCH_MAX);
  const category = single(query.category).slice(0, PRODUCT_CATEGORY_MAX);
  const max = search ? CATALOG_SEARCH_MAX : CATALOG_SHOW_MAX;
  const show = showParam(single(query.show), max);
  const { page, preloaded } = await catalogPage(slug, search, category, show);
  if (page === null) notFound();
  return { page, preloaded, search, category, show, max };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { page } = await load(props);
  return { title: storeTitle(page.store) };
}

export default async function StorePage(props: Props) {
  const { page, preloaded, search, category, show, max } = await load(props);
  const { store, categories } = page;

  const base = `/s/${store.slug}`;
  const hrefFor = (cat: string, count = CATALOG_PAGE_SIZE) => {
    const next = new URLSearchParams();
    if (search) next.set("q", search);
    if (cat) next.set("category", cat);
    if (count !== CATALOG_PAGE_SIZE) next.set("show", String(count));
    const qs = next.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const moreCount = Math.min(show + CATALOG_PAGE_SIZE, max);
  const filtered = search !== "" || category !== "";

  return (
    <StoreFrame frame={page}>
      <h1 className="text-2xl font-bold">{store.name}</h1>
      <p className="mt-1 max-w-2xl text-muted-foreground">{store.description}</p>

      <form role="search" action={base} method="get" className="mt-6 flex max-w-xl gap-2">
        <label htmlFor="product-search" className="sr-only">
          Search products
        </label>
        <Input
          id="product-search"
          type="search"
          name="q"
          defaultValue={search}
          placeholder={`Search ${store.name}`}
          maxLength={PRODUCT_SEARCH_MAX}
        />
        {category ? <input type="hidden" name="category" value={category} /> : null}
        <button type="submit" className={buttonClasses("primary", "md")}>
          Search
        </button>
      </form>

      <nav aria-label="Categories" className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {["", ...categories].map((cat) => {
            const current = cat === category;
            return (
              <li key={cat || "all"}>
                <Link
                  href={hrefFor(cat)}
                  aria-current={current ? "page" : undefined}
                  className={cn(
                    "inline-block rounded-full border px-3 py-1 text-sm",
                    current
                      ? "border-accent bg-accent text-accent-foreground"
                      : "border-border hover:bg-muted",
                  )}
                >
                  {cat || "All"}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <h2 className="sr-only">Products</h2>
      {filtered ? (
        <p className="mt-4 text-sm text-muted-foreground" aria-live="polite">
          {search ? `Results for “${search}”` : "Showing"}
          {category ? ` in ${category}` : ""}.{" "}
          <Link href={base} className="underline">
            Show everything
          </Link>
        </p>
      ) : null}
      <div className="mt-6">
        <ProductGrid
          preloaded={preloaded}
          emptyText={
            filtered
              ? "No products match. Try another search or category."
              : "This store has no products yet."
          }
        />
      </div>
      {page.hasMore ? (
        <div className="mt-8 flex flex-col items-center gap-2 text-sm text-muted-foreground">
          {show < max ? (
            <>
              <p>Showing the first {page.products.length} products.</p>
              <Link
                href={hrefFor(category, moreCount)}
                scroll={false}
                className={buttonClasses("secondary", "md")}
              >
                Show more products
              </Link>
            </>
          ) : (
            <p role="status">
              Showing the first {page.products.length} products. Search or pick a category to
              find the others.
            </p>
          )}
        </div>
      ) : null}
    </StoreFrame>
  );
}
