// Checkout for this device's cart in one store (signed-in only; middleware sends others
// to sign in and back). Store and cart come from one preloaded query (server/shop.ts),
// live in the summary. A fresh idempotency key is made for each view of the page, so
// the same form submitted twice places one order while a new visit is a new attempt.
import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CheckoutSummary } from "@/components/shop/CheckoutSummary";
import { redirectIfSignedOut } from "@/server/convex";
import { requireSession } from "@/server/session";
import { checkoutPage } from "@/server/shop";
import { StoreFrame, storeTitle } from "../StoreFrame";
import { CheckoutForm } from "./CheckoutForm";

type Props = { params: Promise<{ store: string }> };

async function load(params: Props["params"]) {
  const { store: slug } = await params;
  const returnTo = `/s/${slug}/checkout`;
  const session = await requireSession(returnTo);
  try {
    const { page, preloaded } = await checkoutPage(slug);
    if (page === null) notFound();
    return { session, page, preloaded };
  } catch (error) {
    // Signed out elsewhere between the session check and the query: sign in again.
    redirectIfSignedOut(error, returnTo);
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { page } = await load(params);
  return { title: storeTitle(page.store, "Checkout") };
}

export default async function CheckoutPage({ params }: Props) {
  const { session, page, preloaded } = await load(params);
  const { store } = page;
  return (
    <StoreFrame frame={page}>
      <Link href={`/s/${store.slug}`} className="text-sm text-muted-foreground hover:underline">
        ← Back to {store.name}
      </Link>
      <h1 className="mt-2 text-2xl font-bold">Checkout</h1>
      <div className="mt-6 grid gap-10 lg:grid-cols-[1fr_22rem]">
        <CheckoutForm
          target={{ storeId: store._id, slug: store.slug }}
          idempotencyKey={randomUUID()}
          defaultName={session.user.name ?? ""}
        />
        <CheckoutSummary preloaded={preloaded} />
      </div>
    </StoreFrame>
  );
}
