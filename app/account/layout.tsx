// The signed-in shell for /account/*: checks the session once (cached, shared with the
// page) and lists the account pages in a side nav. Pages added under /account appear
// by adding a link here. The live watch that makes a revoked device leave at once is
// in the root layout (components/SessionWatch.tsx). The pages use convex/react's hooks
// (paginated lists), so the Convex client comes with them (ConvexPageProvider).
import type { ReactNode } from "react";
import { ConvexPageProvider } from "@/components/live/ConvexPageProvider";
import { requireSession } from "@/server/session";
import { AccountNav } from "./AccountNav";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  await requireSession();
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 md:flex-row md:gap-10">
      <AccountNav />
      <div className="min-w-0 flex-1">
        <ConvexPageProvider>{children}</ConvexPageProvider>
      </div>
    </div>
  );
}
