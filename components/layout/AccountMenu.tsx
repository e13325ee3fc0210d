"use client";
// The header's right side: "Sign in" or the account menu. It reads the session from
// next-auth/react (seeded with the server's), so when this device is signed out from
// elsewhere (SessionWatch clears the client session) the header follows at once,
// even though soft navigation keeps the root layout as it was rendered. It turns into
// "Sign in" the moment SessionWatch sees the session end, before any request.
import Link from "next/link";
import { useSession } from "next-auth/react";
import { SignInButton } from "@/components/auth/SignInButton";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { useSignedOut } from "@/components/auth/signedOut";
import { MenuDisclosure } from "./MenuDisclosure";

const itemClass =
  "block w-full rounded px-3 py-2 text-left text-sm text-foreground hover:bg-muted focus-visible:bg-muted";

export const accountMenuLinks = [
  { href: "/account", label: "Account" },
  { href: "/account/devices", label: "Devices" },
  { href: "/account/orders", label: "Orders" },
  { href: "/account/settings", label: "Settings" },
] as const;

function initials(name: string | null, email: string): string {
  const parts = (name?.trim() || email).split(/[\s@.]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

export function AccountMenu({ isAdmin }: { isAdmin: boolean }) {
  const { data: session } = useSession();
  const signedOut = useSignedOut();
  // A session seen to end (null: the watch never saw it active) is this one, unless a new
  // sign-in in this tab has brought another since.
  const ended =
    signedOut !== null && (signedOut.sessionId === null || signedOut.sessionId === session?.sessionId);
  if (!session || ended) {
    return (
      <div className="flex items-center gap-3">
        <Link href="/#stores" className="text-sm text-muted-foreground hover:text-foreground sm:hidden">
          Stores
        </Link>
        <SignInButton />
      </div>
    );
  }
  const { name, email } = session.user;
  return (
    <MenuDisclosure
      label="Account menu"
      summary={
        <>
          {/* Decorative: the initials are drawn from an attribute, not text, so the toggle's
              visible text is just the name its accessible name starts with. */}
          <span
            aria-hidden="true"
            data-initials={initials(name, email)}
            className="flex size-8 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground before:content-[attr(data-initials)]"
          />
          <span className="hidden max-w-40 truncate md:inline">{name ?? email}</span>
        </>
      }
    >
      <nav aria-label="Account">
        <p className="truncate px-3 py-2 text-xs text-muted-foreground">
          Signed in as <span className="font-medium text-foreground">{email}</span>
        </p>
        <ul>
          {/* The primary links live here on narrow screens, where the header hides them. */}
          <li className="sm:hidden">
            <Link href="/#stores" className={itemClass}>
              Stores
            </Link>
          </li>
          {accountMenuLinks.map((link) => (
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
  );
}
