"use client";
// The audit log below the sessions console, loaded as its own chunk (React.lazy): it is
// rendered on the server as before, but its code stays out of /admin's first-load JS budget
// (e2e/js-budget.spec.ts) and hydrates once the chunk arrives.
import { lazy, Suspense } from "react";
import { Spinner } from "@/components/ui/Spinner";

const AuditLogTable = lazy(() =>
  import("./AuditLogTable").then((m) => ({ default: m.AuditLogTable })),
);

export function AuditLogSection() {
  return (
    <Suspense fallback={<Spinner label="Loading the audit log" />}>
      <AuditLogTable />
    </Suspense>
  );
}
