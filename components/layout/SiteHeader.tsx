// The header on every page: site name, primary links, and the account area (sign-in
// button or account menu). On narrow screens the primary links move into the menu.
import Link from "next/link";
import { AccountMenu } from "./AccountMenu";
import { BRAND_NAME } from "@/lib/brand";

export function SiteHeader({ isAdmin }: { isAdmin: boolean }) {
  return (
    <header className="sticky top-0 z-20 border-b border-border bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4">
        <div className="flex items-center gap-6">
          <Link href="/" className="text-base font-bold tracking-tight text-foreground">
            {BRAND_NAME}
          </Link>
          <nav aria-label="Primary" className="hidden sm:block">
            <ul className="flex items-center gap-4 text-sm">
              <li>
                <Link href="/#stores" className="text-muted-foreground hover:text-foreground">
                  Stores
                </Link>
              </li>
            </ul>
          </nav>
        </div>
        <AccountMenu isAdmin={isAdmin} />
      </div>
    </header>
  );
}
