"use client";
// The admin audit log: what was done, by whom, from which of their sessions, to what, and
// why — newest first, live from Convex (`admin.auditLog`), a page at a time ("Load more"),
// filtered by kind of action and/or the actor's e-mail.
import { usePaginatedQuery } from "convex/react";
import type { FunctionArgs } from "convex/server";
import { useId, useState } from "react";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { Timestamp } from "@/components/Timestamp";
import { LoadMoreButton } from "@/components/ui/LoadMoreButton";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/DataTable";
import { Input, inputClasses } from "@/components/ui/Input";
import { Spinner } from "@/components/ui/Spinner";
import { api } from "@/convex/_generated/api";
import { useDebounced } from "./useDebounced";

const PAGE_SIZE = 25;

type Action = NonNullable<FunctionArgs<typeof api.admin.auditLog>["action"]>;

/** What each kind of entry says happened. */
const ACTIONS: Record<Action, string> = {
  "session.revoke": "Admin revoked a session",
  "session.signOutDevice": "Signed out one of their devices",
  "session.signOutOthers": "Signed out their other devices",
  "session.signOutEverywhere": "Signed out everywhere",
  "session.evicted": "Session ended by the device limit",
  "admin.refused": "Refused admin action",
  "product.create": "Product added",
  "product.update": "Product changed",
  "product.archive": "Product archived",
  "product.unarchive": "Product restored",
  "order.advance": "Order moved on",
  "order.cancel": "Order cancelled",
};

const COLUMNS = [
  { label: "When" },
  { label: "Who" },
  { label: "What" },
  { label: "Affected" },
  { label: "Reason" },
];

/** Session ids are long; the tail is enough to tell them apart in a table. */
function shortId(id: string): string {
  return id.length > 8 ? `…${id.slice(-8)}` : id;
}

function Filters({
  action,
  actor,
  onAction,
  onActor,
}: {
  action: Action | "";
  actor: string;
  onAction: (action: Action | "") => void;
  onActor: (actor: string) => void;
}) {
  const actionId = useId();
  const actorId = useId();
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="space-y-1">
        <label htmlFor={actionId} className="block text-sm font-medium">
          Kind
        </label>
        <select
          id={actionId}
          value={action}
          onChange={(event) => onAction(event.target.value as Action | "")}
          className={cn(inputClasses, "sm:w-64")}
        >
          <option value="">Every kind</option>
          {(Object.keys(ACTIONS) as Action[]).map((value) => (
            <option key={value} value={value}>
              {ACTIONS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex-1 space-y-1">
        <label htmlFor={actorId} className="block text-sm font-medium">
          Who (exact e-mail)
        </label>
        <Input
          id={actorId}
          type="search"
          value={actor}
          onChange={(event) => onActor(event.target.value)}
          placeholder="name@example.com"
          autoComplete="off"
        />
      </div>
    </div>
  );
}

export function AuditLogTable() {
  const [action, setAction] = useState<Action | "">("");
  const [actorInput, setActorInput] = useState("");
  const actorEmail = useDebounced(actorInput.trim(), 300);
  const { results, status, loadMore } = usePaginatedQuery(
    api.admin.auditLog,
    { ...(action ? { action } : {}), ...(actorEmail ? { actorEmail } : {}) },
    { initialNumItems: PAGE_SIZE },
  );
  const locale = useDisplayLocale();
  const now = useNow();
  const filtered = action !== "" || actorEmail !== "";

  return (
    <section aria-labelledby="audit-log-heading" className="space-y-4">
      <div>
        <h2 id="audit-log-heading" className="text-xl font-semibold">
          Audit log
        </h2>
        <p className="text-sm text-muted-foreground">
          Sessions ended, staff changes to products and orders, and refused admin actions,
          newest first.
        </p>
      </div>
      <Filters action={action} actor={actorInput} onAction={setAction} onActor={setActorInput} />
      <DataTable
        className="min-w-[56rem]"
        caption={`Audit log${filtered ? ", filtered" : ""}`}
        columns={COLUMNS}
        after={
          status === "LoadingFirstPage" ? (
            <div className="flex justify-center px-3 py-6">
              <Spinner label="Loading the audit log" />
            </div>
          ) : results.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted-foreground">
              {filtered ? "No entries match." : "Nothing has been recorded yet."}
            </p>
          ) : null
        }
      >
        {results.map((entry) => (
          <tr key={entry.id}>
            <td className="px-3 py-2 whitespace-nowrap">
              <Timestamp at={entry.at} locale={locale} show="relative" now={now} />
            </td>
            <td className="px-3 py-2">
              <div>{entry.actorEmail ?? "Deleted user"}</div>
              <div className="text-xs text-muted-foreground">
                from session <span className="font-mono">{shortId(entry.actorSessionId)}</span>
              </div>
            </td>
            <td className="px-3 py-2">{ACTIONS[entry.action]}</td>
            <td className="px-3 py-2">
              <div>{entry.targetDescription}</div>
              {entry.targetSessionId ? (
                <div className="text-xs text-muted-foreground">
                  session <span className="font-mono">{shortId(entry.targetSessionId)}</span>
                </div>
              ) : null}
            </td>
            <td className="px-3 py-2">
              {entry.reason ?? <span className="text-muted-foreground">None given</span>}
            </td>
          </tr>
        ))}
      </DataTable>
      <LoadMoreButton status={status} loadMore={loadMore} pageSize={PAGE_SIZE} />
    </section>
  );
}
