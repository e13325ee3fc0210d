"use client";
// The admin console's session list: every session of every user, searchable by e-mail
// (debounced), filtered by active / expired / all, paged with "Load more", each
// revocable with a reason. Data from `useAdminSessions`; the parts beside this file.
import { useId, useState } from "react";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { LoadMoreButton } from "@/components/ui/LoadMoreButton";
import { RevokeSessionDialog } from "./RevokeSessionDialog";
import { SessionFilters, type SessionFilterValues } from "./SessionFilters";
import { SessionsTable } from "./SessionsTable";
import { useAdminSessions, type AdminSession } from "./useAdminSessions";
import { useDebounced } from "./useDebounced";

const PAGE_SIZE = 25;

export function SessionsConsole() {
  const [filters, setFilters] = useState<SessionFilterValues>({ search: "", status: "active" });
  const search = useDebounced(filters.search.trim(), 300);
  const { status } = filters;
  const sessions = useAdminSessions({ status, search }, { initialNumItems: PAGE_SIZE });
  const locale = useDisplayLocale();
  const now = useNow();
  const [target, setTarget] = useState<AdminSession | null>(null);
  // Outcome of the last revocation, announced politely and left on screen.
  const [message, setMessage] = useState("");
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="text-xl font-semibold">
        Sessions
      </h2>
      <SessionFilters filters={filters} onChange={setFilters} />

      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {message}
      </p>


      <SessionsTable
        sessions={sessions.results}
        status={status}
        search={search}
        loading={sessions.isLoading}
        locale={locale}
        now={now}
        onRevoke={setTarget}
      />

      <LoadMoreButton status={sessions.status} loadMore={sessions.loadMore} pageSize={PAGE_SIZE} />

      <RevokeSessionDialog target={target} onClose={() => setTarget(null)} onRevoked={setMessage} />
    </section>
  );
}
