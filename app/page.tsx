// Public landing: what the app is, and the way into the stores. The shop's store list
// renders in the #stores section (app/_components/StoreList.tsx).
import Link from "next/link";
import { StoreList } from "@/app/_components/StoreList";
import { buttonClasses } from "@/components/ui/Button";
import { getSession } from "@/server/session";

export default async function LandingPage() {
  const session = await getSession();
  return (
    <div className="mx-auto max-w-6xl px-4">
      <section className="py-16 sm:py-24">
        <p className="text-sm font-semibold text-accent">Shops that know your devices</p>
        <h1 className="mt-3 max-w-2xl text-4xl font-bold tracking-tight sm:text-5xl">
          One account, many devices, a cart on each.
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-muted-foreground">
          Sign in once per device. Every device keeps its own cart and settings in every store, you
          can see and sign out your devices at any time, and a signed-out device leaves at once.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/#stores" className={buttonClasses("primary", "lg")}>
            Browse stores
          </Link>
          {session ? (
            <Link href="/account" className={buttonClasses("secondary", "lg")}>
              Your account
            </Link>
          ) : (
            <Link href="/signin" className={buttonClasses("secondary", "lg")}>
              Sign in
            </Link>
          )}
        </div>
      </section>
      <section id="stores" aria-labelledby="stores-heading" className="scroll-mt-20 pb-16">
        <h2 id="stores-heading" className="text-2xl font-semibold">
          Stores
        </h2>
        <StoreList />
      </section>
    </div>
  );
}
