// The header on every page: site name, primary links, and either "Sign in" or the
// account menu (Devices, Orders, Settings, Admin for admins, Sign out). On narrow
// screens the primary links move into the menu.
import type { Session } from "next-auth";
import Link from "next/link";
import { SignInButton } from "@/components/auth/SignInButton";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { BRAND_NAME } from "@/components/layout/brand";
import { MenuDisclosure } from "./MenuDisclosure";

const itemClass =
  "block w-full rounded px-3 py-2 text-left text-sm text-foreground hover:bg-muted focus-visible:bg-muted";

export const accountLinks = [
  { href: "/account/devices", label: "Devices" },
  { href: "/account/orders", label: "Orders" },
  { href: "/account/settings", label: "Settings" },
] as const;

function initials(session: Session): string {
  const source = session.user.name?.trim() || session.user.email;
  const parts = source.split(/[\s@.]+/).filter(Boolean);
  return (parts[0]?.[0] ?? "?").concat(parts[1]?.[0] ?? "").toUpperCase();
}

export function SiteHeader({ session, isAdmin }: { session: Session | null; isAdmin: boolean }) {
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
        {session === null ? (
          <div className="flex items-center gap-2">
            <Link href="/#stores" className="text-sm text-muted-foreground hover:text-foreground sm:hidden">
              Stores
            </Link>
            <SignInButton />
          </div>
        ) : (
          <MenuDisclosure
            label="Account menu"
            summary={
              <>
                <span
                  aria-hidden="true"
                  className="flex size-8 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground"
                >
                  {initials(session)}
                </span>
                <span className="hidden max-w-40 truncate md:inline">
                  {session.user.name ?? session.user.email}
                </span>
              </>
            }
          >
            <nav aria-label="Account">
              <p className="truncate px-3 py-2 text-xs text-muted-foreground">
                Signed in as <span className="font-medium text-foreground">{session.user.email}</span>
              </p>
              <ul>
                <li className="sm:hidden">
                  <Link href="/#stores" className={itemClass}>
                    Stores
                  </Link>
                </li>
                <li>
                  <Link href="/account" className={itemClass}>
                    Account
                  </Link>
                </li>
                {accountLinks.map((link) => (
                  <li key={link.href}>
                    <Link href={link.href} className={itemClass}>
                      {link.label}
                    </Link>
                  </li>
                ))}
                {isAdmin ? (
                  <li>
                    <Link href="/admin" className={itemClass}>
                      Admin
                    </Link>
                  </li>
                ) : null}
              </ul>
              <div className="my-1 border-t border-border" />
              <SignOutButton className={itemClass} />
            </nav>
          </MenuDisclosure>
        )}
      </div>
    </header>
  );
}
