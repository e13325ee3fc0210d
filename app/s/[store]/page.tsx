// A store's catalog: search by name and filter by category through URL search params
// (`?q=…&category=…`), so a filtered view is a link anyone can share. Plain GET forms
// and links: keyboard friendly and working before JavaScript loads. The grid itself is
// preloaded here and live in the browser.
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductGrid } from "@/components/shop/ProductGrid";
import { buttonClasses } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/Input";
import { api } from "@/convex/_generated/api";
import { PRODUCT_CATEGORY_MAX } from "@/convex/shared/limits";
import { convexPublic } from "@/server/convex";
import { storeBySlug } from "@/server/shop";

type Props = {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export default async function StorePage({ params, searchParams }: Props) {
  const [{ store: slug }, query] = await Promise.all([params, searchParams]);
  const store = await storeBySlug(slug);
  if (store === null) notFound();
  const search = single(query.q).slice(0, 100);
  const category = single(query.category).slice(0, PRODUCT_CATEGORY_MAX);
  const [categories, preloaded] = await Promise.all([
    convexPublic.query(api.products.categories, { storeId: store._id }),
    convexPublic.preload(api.products.list, {
      storeId: store._id,
      ...(search ? { search } : {}),
      ...(category ? { category } : {}),
    }),
  ]);

  const base = `/s/${store.slug}`;
  const hrefFor = (cat: string) => {
    const next = new URLSearchParams();
    if (search) next.set("q", search);
    if (cat) next.set("category", cat);
    const qs = next.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const filtered = search !== "" || category !== "";

  return (
    <div>
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
          maxLength={100}
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
    </div>
  );
}
