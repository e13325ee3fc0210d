// /admin: the admin console. The layout already answers 404 to non-admins; the page
// checks again (cached, no extra round trip) because layouts and pages render in
// parallel. The data itself is admin-checked in Convex on every call.
import type { Metadata } from "next";
import { QueryErrorBoundary } from "@/components/QueryErrorBoundary";
import { requireAdmin } from "@/server/session";
import { AuditLogSection } from "./AuditLogSection";
import { SessionsConsole } from "./SessionsConsole";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireAdmin("/admin");
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-bold">Admin</h1>
        <p className="mt-1 max-w-prose text-muted-foreground">
          Every session of every user. Revoking one signs that device out at
          once and is recorded in the audit log below.
        </p>
      </div>
      <QueryErrorBoundary message="The sessions could not be loaded. Reload the page to try again.">
        <SessionsConsole />
      </QueryErrorBoundary>
      <AuditLogSection />
    </div>
  );
}
