"use client";
// The admin console's session list as one paged, live result (`admin.sessions`). Each
// loaded page is its own subscription, so a revocation anywhere shows up at once; rows
// are merged by session id because live pages can shift under each other. The result
// has the shape of Convex's `usePaginatedQuery`, so only this hook changes when the
// query moves to `.paginate()`.
import { useQueries, type UsePaginatedQueryResult } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { useMemo, useState } from "react";
import { api } from "@/convex/_generated/api";

export type SessionStatus = FunctionArgs<typeof api.admin.sessions>["status"];
type Page = FunctionReturnType<typeof api.admin.sessions>;
export type AdminSession = Page["sessions"][number];

export type AdminSessionsResult = UsePaginatedQueryResult<AdminSession> & {
  /** The first page that failed, if any; the others still show. */
  error: Error | null;
  /** The search matched more accounts than the server looks through. */
  truncated: boolean;
};

type PageRequest = { cursor: string | null; numItems: number };

function mergeById(pages: Page[]): AdminSession[] {
  const seen = new Set<string>();
  const merged: AdminSession[] = [];
  for (const page of pages) {
    for (const row of page.sessions) {
      if (seen.has(row.sessionId)) continue;
      seen.add(row.sessionId);
      merged.push(row);
    }
  }
  return merged;
}

export function useAdminSessions(
  { status, search }: { status: SessionStatus; search: string },
  { initialNumItems }: { initialNumItems: number },
): AdminSessionsResult {
  const filterKey = `${status}|${search}`;
  // Pages loaded so far, for this search and filter.
  const [loaded, setLoaded] = useState<{ key: string; pages: PageRequest[] }>({
    key: "",
    pages: [],
  });
  // A new search or filter starts again from the first page.
  const pageRequests = useMemo(
    () => (loaded.key === filterKey ? loaded.pages : [{ cursor: null, numItems: initialNumItems }]),
    [loaded, filterKey, initialNumItems],
  );

  const requests = useMemo(
    () =>
      Object.fromEntries(
        pageRequests.map(({ cursor, numItems }, index) => [
          String(index),
          {
            query: api.admin.sessions,
            args: {
              status,
              limit: numItems,
              ...(search ? { search } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        ]),
      ),
    [pageRequests, status, search],
  );
  const answers = useQueries(requests) as Record<string, Page | Error | undefined>;
  const pages = pageRequests.map((_, index) => answers[String(index)]);
  const error = pages.find((page): page is Error => page instanceof Error) ?? null;
  const ready = pages.filter(
    (page): page is Page => page !== undefined && !(page instanceof Error),
  );
  const last = pages[pages.length - 1];
  const nextCursor = last && !(last instanceof Error) ? last.nextCursor : null;

  const shared = {
    results: mergeById(ready),
    error,
    truncated: ready.some((page) => page.searchTruncated),
    loadMore: (numItems: number) => {
      if (nextCursor === null || pages.includes(undefined)) return;
      setLoaded({ key: filterKey, pages: [...pageRequests, { cursor: nextCursor, numItems }] });
    },
  };
  if (pages[0] === undefined) return { ...shared, status: "LoadingFirstPage", isLoading: true };
  if (pages.includes(undefined)) return { ...shared, status: "LoadingMore", isLoading: true };
  if (nextCursor !== null) return { ...shared, status: "CanLoadMore", isLoading: false };
  return { ...shared, status: "Exhausted", isLoading: false };
}
