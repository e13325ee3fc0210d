// Query journals, as Convex keeps them for paginated queries: the first run of a subscribed
// query that calls `.paginate()` records where its page ended, and every re-run of that
// subscription reads up to that same end cursor. So a page keeps its boundary while the rows
// inside it move (a device's lastSeenAt changes, a row is inserted), and the next page, which
// starts at that cursor, neither skips nor repeats a row. Without it, a reordering write moves
// rows across the boundary of a page the client already holds, and "Load more" loses them.
import { AsyncLocalStorage } from "node:async_hooks";

export type Journal = {
  /** The end cursor to pin this run's `.paginate()` to, or null on a subscription's first run. */
  endCursor: string | null;
  /** Where this run's page ended (what the next run of the same subscription pins to). */
  recorded: string | null;
};

const current = new AsyncLocalStorage<Journal>();

/** Runs `fn` with a query journal: pinned to `endCursor` if given, recording the page's end. */
export async function withJournal<T>(
  endCursor: string | null,
  fn: () => Promise<T>,
): Promise<{ value: T; journal: string | null }> {
  const journal: Journal = { endCursor, recorded: null };
  const value = await current.run(journal, fn);
  return { value, journal: journal.recorded ?? endCursor };
}

/**
 * The `1.0/queryPage` syscall's arguments with the journal's end cursor filled in (when the
 * function gave none), and a callback to record the page's end from the syscall's result.
 */
export function journaledPage(jsonArgs: string): {
  args: string;
  record(result: string): void;
} {
  const journal = current.getStore();
  if (journal === undefined) return { args: jsonArgs, record: () => {} };
  const args = JSON.parse(jsonArgs) as { endCursor?: string | null };
  if (journal.endCursor !== null && !args.endCursor) args.endCursor = journal.endCursor;
  return {
    args: JSON.stringify(args),
    record(result) {
      const { continueCursor } = JSON.parse(result) as { continueCursor?: unknown };
      if (typeof continueCursor === "string") journal.recorded = continueCursor;
    },
  };
}
