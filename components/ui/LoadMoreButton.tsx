"use client";
// "Load more" under a paged list (`usePaginatedQuery`). While the next page loads it
// says so and stays focused (aria-disabled rather than disabled, so keyboard focus is
// not thrown away); it goes once everything is shown.
import type { PaginationStatus } from "convex/react";
import { Button } from "./Button";

export function LoadMoreButton({
  status,
  loadMore,
  pageSize,
  label = "Load more",
}: {
  status: PaginationStatus;
  loadMore: (numItems: number) => void;
  pageSize: number;
  label?: string;
}) {
  if (status !== "CanLoadMore" && status !== "LoadingMore") return null;
  const loading = status === "LoadingMore";
  return (
    <Button
      variant="secondary"
      aria-disabled={loading}
      onClick={() => {
        if (!loading) loadMore(pageSize);
      }}
    >
      {loading ? (
        <span
          aria-hidden="true"
          className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent opacity-80"
        />
      ) : null}
      {loading ? "Loading more…" : label}
    </Button>
  );
}
