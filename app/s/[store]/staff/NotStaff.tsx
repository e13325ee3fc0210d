// What a signed-in visitor who is not staff of this store sees on its staff pages.
import Link from "next/link";
import { buttonClasses } from "@/components/ui/Button";

export function NotStaff({ storeName, slug }: { storeName: string; slug: string }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-bold">You are not staff of this store</h1>
      <p className="mt-3 text-muted-foreground">
        Only the owners and admins of {storeName} can manage its products and orders.
      </p>
      <Link href={`/s/${slug}`} className={buttonClasses("primary", "md", "mt-6")}>
        Back to the shop
      </Link>
    </div>
  );
}
