// /account: the signed-in home. Who you are, and the ways to your devices, orders
// and this device's settings.
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/server/session";

export const metadata: Metadata = { title: "Your account" };

const sections = [
  {
    href: "/account/devices",
    title: "Devices",
    text: "See where you are signed in, rename devices, and sign them out.",
  },
  { href: "/account/orders", title: "Orders", text: "Orders from all your devices, in every store." },
  {
    href: "/account/settings",
    title: "Settings",
    text: "Theme, currency and the name of this device.",
  },
] as const;

export default async function AccountPage() {
  const session = await requireSession("/account");
  const { name, email } = session.user;
  return (
    <div>
      <h1 className="text-2xl font-bold">{name ? `Hello, ${name}` : "Your account"}</h1>
      <p className="mt-1 text-muted-foreground">
        Signed in as <span className="font-medium text-foreground">{email}</span>
      </p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className="block h-full rounded-lg border border-border p-5 transition-colors hover:border-accent hover:bg-muted"
            >
              <h2 className="font-semibold">{section.title}</h2>
              <p className="mt-1 text-sm text-muted-foreground">{section.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
