"use client";
// The admin audit log: who revoked which session, when, from which of their sessions,
// and why — newest first, live from Convex (`admin.auditLog`), so an entry appears as
// soon as any admin revokes a session.
import { useQuery_experimental as useQueryState } from "convex/react";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { Timestamp } from "@/components/Timestamp";
import { DataTable } from "@/components/ui/DataTable";
import { Notice } from "@/components/ui/Notice";
import { Spinner } from "@/components/ui/Spinner";
import { api } from "@/convex/_generated/api";
import { appErrorData } from "@/convex/errors";

const LIMIT = 50;

const COLUMNS = [
  { label: "When" },
  { label: "Admin" },
  { label: "Revoked session" },
  { label: "Reason" },
];

/** Session ids are long; the tail is enough to tell them apart in a table. */
function shortId(id: string): string {
  return id.length > 8 ? `…${id.slice(-8)}` : id;
}

/** Who (or what) a session belongs to, with the session's short id under it. */
function SessionCell({
  who,
  session,
  sessionId,
}: {
  who: string;
  session: string;
  sessionId: string;
}) {
  return (
    <td className="px-3 py-2">
      <div>{who}</div>
      <div className="text-xs text-muted-foreground">
        {session} <span className="font-mono">{shortId(sessionId)}</span>
      </div>
    </td>
  );
}

export function AuditLogTable() {
  const entries = useQueryState({
    query: api.admin.auditLog,
    args: { limit: LIMIT },
  });
  const locale = useDisplayLocale();
  const now = useNow();

  return (
    <section aria-labelledby="audit-log-heading" className="space-y-4">
      <div>
        <h2 id="audit-log-heading" className="text-xl font-semibold">
          Audit log
        </h2>
        <p className="text-sm text-muted-foreground">
          Every session an admin revoked, newest first (last {LIMIT}).
        </p>
      </div>
      {entries.status === "pending" ? <Spinner label="Loading the audit log" /> : null}
      {entries.status === "error" ? (
        <Notice tone="error">
          {appErrorData(entries.error)?.message ?? "The audit log could not be loaded."}
        </Notice>
      ) : null}
      {entries.status === "success" && entries.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No sessions have been revoked by an admin yet.
        </p>
      ) : null}
      {entries.status === "success" && entries.data.length > 0 ? (
        <DataTable
          className="min-w-[48rem]"
          caption="Audit log of session revocations"
          columns={COLUMNS}
        >
          {entries.data.map((entry) => (
            <tr key={entry.id}>
              <td className="px-3 py-2 whitespace-nowrap">
                <Timestamp at={entry.at} locale={locale} show="relative" now={now} />
              </td>
              <SessionCell
                who={entry.actorEmail ?? "Deleted user"}
                session="from session"
                sessionId={entry.actorSessionId}
              />
              <SessionCell
                who={entry.targetDescription}
                session="session"
                sessionId={entry.targetSessionId}
              />
              <td className="px-3 py-2">
                {entry.reason ?? <span className="text-muted-foreground">None given</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
