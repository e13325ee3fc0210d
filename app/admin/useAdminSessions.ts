"use client";
// The admin console's session list as one paged, live result: `admin.sessions` through
// Convex's `usePaginatedQuery`. A new search or filter starts again from the first page.
// Rows are kept once each by session id, because live pages can shift under each other.
import { usePaginatedQuery } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { useMemo } from "react";
import { api } from "@/convex/_generated/api";

export type SessionStatus = FunctionArgs<typeof api.admin.sessions>["status"];
export type AdminSession = FunctionReturnType<typeof api.admin.sessions>["page"][number];

export function useAdminSessions(
  { status, search }: { status: SessionStatus; search: string },
  { initialNumItems }: { initialNumItems: number },
) {
  const pages = usePaginatedQuery(
    api.admin.sessions,
    { status, ...(search ? { search } : {}) },
    { initialNumItems },
  );
  const results = useMemo(() => {
    const seen = new Set<string>();
    return pages.results.filter((row) => {
      if (seen.has(row.sessionId)) return false;
      seen.add(row.sessionId);
      return true;
    });
  }, [pages.results]);
  return { ...pages, results };
}
