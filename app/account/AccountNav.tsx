"use client";
// Side navigation of the signed-in area. Horizontal and scrollable on narrow screens,
// a column from `md` up; the current page is marked with aria-current.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export type AccountNavLink = { href: string; label: string };

export const defaultAccountLinks: AccountNavLink[] = [
  { href: "/account", label: "Overview" },
  { href: "/account/devices", label: "Devices" },
  { href: "/account/security", label: "Security" },
  { href: "/account/orders", label: "Orders" },
  { href: "/account/settings", label: "Settings" },
];

function isCurrent(pathname: string, href: string): boolean {
  return href === "/account"
    ? pathname === href
    : pathname === href || pathname.startsWith(`${href}/`);
}

export function AccountNav({ links = defaultAccountLinks }: { links?: AccountNavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Account pages" className="md:w-48 md:shrink-0">
      <ul className="-mx-1 flex gap-1 overflow-x-auto md:mx-0 md:flex-col">
        {links.map((link) => {
          const current = isCurrent(pathname, link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block whitespace-nowrap rounded-md px-3 py-2 text-sm",
                  current
                    ? "bg-muted font-semibold text-foreground"
                    : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
