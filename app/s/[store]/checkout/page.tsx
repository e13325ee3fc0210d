// Checkout for this device's cart in one store (signed-in only; middleware sends others
// to sign in and back). A fresh idempotency key is made for each view of the page, so
// the same form submitted twice places one order while a new visit is a new attempt.
import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CheckoutSummary } from "@/components/shop/CheckoutSummary";
import { requireSession } from "@/server/session";
import { storeBySlug } from "@/server/shop";
import { CheckoutForm } from "./CheckoutForm";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage({ params }: { params: Promise<{ store: string }> }) {
  const { store: slug } = await params;
  const session = await requireSession(`/s/${slug}/checkout`);
  const store = await storeBySlug(slug);
  if (store === null) notFound();
  return (
    <div>
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
        <CheckoutSummary />
      </div>
    </div>
  );
}
