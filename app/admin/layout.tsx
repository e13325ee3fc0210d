// The admin area's shell: only for ADMIN_EMAILS (others get a 404), watched live like
// every signed-in page (by the root layout's SessionWatch). Convex checks admin rights
// again on every admin function; this gate only keeps the pages from rendering for
// others. The pages use convex/react's hooks (paginated lists), so the Convex client
// comes with them (ConvexPageProvider).
import type { ReactNode } from "react";
import { ConvexPageProvider } from "@/components/live/ConvexPageProvider";
import { requireAdmin } from "@/server/session";

export default async function AdminLayout({
  children,
}: {
  children: ReactNode;
}) {
  await requireAdmin();
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8">
      <ConvexPageProvider>{children}</ConvexPageProvider>
    </div>
  );
}
