"use client";
// The admin audit log: who revoked which session, when, from which of their sessions,
// and why — newest first, live from Convex (`admin.auditLog`), so an entry appears as
// soon as any admin revokes a session.
import { useQuery_experimental as useQueryState } from "convex/react";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { Notice } from "@/components/ui/Notice";
import { Spinner } from "@/components/ui/Spinner";
import { api } from "@/convex/_generated/api";
import { appErrorData } from "@/convex/errors";

const LIMIT = 50;

/** Session ids are long; the tail is enough to tell them apart in a table. */
function shortId(id: string): string {
  return id.length > 8 ? `…${id.slice(-8)}` : id;
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
      {entries.status === "pending" ? (
        <Spinner label="Loading the audit log" />
      ) : null}
      {entries.status === "error" ? (
        <Notice tone="error">
          {appErrorData(entries.error)?.message ??
            "The audit log could not be loaded."}
        </Notice>
      ) : null}
      {entries.status === "success" && entries.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No sessions have been revoked by an admin yet.
        </p>
      ) : null}
      {entries.status === "success" && entries.data.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-border">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <caption className="sr-only">
              Audit log of session revocations
            </caption>
            <thead className="bg-muted text-xs uppercase tracking-wide text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2">
                  When
                </th>
                <th scope="col" className="px-3 py-2">
                  Admin
                </th>
                <th scope="col" className="px-3 py-2">
                  Revoked session
                </th>
                <th scope="col" className="px-3 py-2">
                  Reason
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {entries.data.map((entry) => (
                <tr key={entry.id}>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time
                      dateTime={new Date(entry.at).toISOString()}
                      title={formatDateTime(entry.at, locale)}
                    >
                      {formatRelative(entry.at, now, locale)}
                    </time>
                  </td>
                  <td className="px-3 py-2">
                    <div>{entry.actorEmail ?? "Deleted user"}</div>
                    <div className="text-xs text-muted-foreground">
                      from session{" "}
                      <span className="font-mono">
                        {shortId(entry.actorSessionId)}
                      </span>
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    <div>{entry.targetDescription}</div>
                    <div className="text-xs text-muted-foreground">
                      session{" "}
                      <span className="font-mono">
                        {shortId(entry.targetSessionId)}
                      </span>
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    {entry.reason ?? (
                      <span className="text-muted-foreground">None given</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
