// The signed-in shell for /account/*: checks the session once (cached, shared with the
// page), watches it live so a revoked device leaves at once, and lists the account
// pages in a side nav. Pages added under /account appear by adding a link here.
import type { ReactNode } from "react";
import { SessionWatch } from "@/components/SessionWatch";
import { AccountNav } from "@/components/layout/AccountNav";
import { requireSession } from "@/lib/session";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  await requireSession();
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 md:flex-row md:gap-10">
      <SessionWatch />
      <AccountNav />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
