// The only place that reaches into convex-test's private state (pinned at exactly 0.0.70).
// convex-test has no change hooks, no export/import and no way to swap modules, all of which a
// long-running backend needs. We capture its per-instance "Convex global" (database fake,
// transaction manager, module loader) once, then use a handful of its fields. `assertShape`
// fails loudly if an upgrade changes them; internals.test.ts runs it.
import { AsyncLocalStorage } from "node:async_hooks";
import type { convexTest } from "convex-test";
import type { Value } from "convex/values";

export type SchemaLike = {
  schemaValidation: boolean;
  tables: Record<string, { export(): unknown }>;
};

export type Doc = Record<string, Value> & { _id: string; _creationTime: number };

type DatabaseFake = {
  _documents: Record<string, Doc>;
  _tableIds: Map<string, Set<string>>;
  _storage: Record<string, unknown>;
  _nextDocId: number;
  _lastCreationTime: number;
  _writes: unknown[];
  _schema: { schemaValidation: boolean; tables: Map<string, unknown> } | null;
  commit(commitTs?: bigint | null): void;
  patch(table: string, id: string, fields: Record<string, Value>): void;
  startQuery(query: { source: QuerySource; operators?: unknown[] }): number;
  queryNext(queryId: number): { value: unknown; done: boolean };
};

type QuerySource = {
  type: string;
  tableName?: string;
  indexName?: string;
  range?: unknown[];
};

type TransactionManager = { _lastCommitTs: bigint };

type ConvexGlobal = {
  components: Record<string, { db: DatabaseFake; modules: (p: string) => Promise<unknown> }>;
  transactionManager: TransactionManager;
};

export const PINNED_CONVEX_TEST_VERSION = "0.0.70";

function isConvexGlobal(v: unknown): v is ConvexGlobal {
  return (
    typeof v === "object" &&
    v !== null &&
    "components" in v &&
    "transactionManager" in v &&
    "scheduler" in v
  );
}

/** Throws with a clear message if convex-test's private shape is not what we rely on. */
export function assertShape(g: unknown): asserts g is ConvexGlobal {
  const problems: string[] = [];
  if (!isConvexGlobal(g)) {
    problems.push("convex global has no components/transactionManager/scheduler");
  } else {
    const root = g.components[""];
    const db = root?.db as Partial<DatabaseFake> | undefined;
    if (!root || typeof root.modules !== "function") problems.push("components[''].modules");
    if (!db || typeof db._documents !== "object") problems.push("db._documents");
    if (!(db?._tableIds instanceof Map)) problems.push("db._tableIds");
    if (typeof db?._nextDocId !== "number") problems.push("db._nextDocId");
    if (typeof db?._lastCreationTime !== "number") problems.push("db._lastCreationTime");
    if (!Array.isArray(db?._writes)) problems.push("db._writes");
    if (typeof db?.commit !== "function") problems.push("db.commit");
    if (typeof db?.patch !== "function") problems.push("db.patch");
    if (typeof db?.startQuery !== "function") problems.push("db.startQuery");
    if (typeof db?.queryNext !== "function") problems.push("db.queryNext");
    if (!("_schema" in (db ?? {}))) problems.push("db._schema");
    if (typeof g.transactionManager._lastCommitTs !== "bigint")
      problems.push("transactionManager._lastCommitTs");
  }
  if (problems.length > 0) {
    throw new Error(
      `convex-test internals changed (expected version ${PINNED_CONVEX_TEST_VERSION}); ` +
        `dev/convex-local/internals.ts must be updated. Missing: ${problems.join(", ")}`,
    );
  }
}

export type ExportedState = {
  documents: Doc[];
  nextDocId: number;
  lastCreationTime: number;
  lastCommitTs: bigint;
};

/** One document a top-level transaction changed: `newDoc` null for a delete. */
export type DocumentWrite = { table: string; id: string; oldDoc: Doc | null; newDoc: Doc | null };

/** The id counter and creation-time clock: ids and creation times never repeat after them. */
export type IdCounters = { nextDocId: number; lastCreationTime: number };

export type ConvexTestInternals = {
  setModules(loader: (path: string) => Promise<unknown>): void;
  setSchema(schema: SchemaLike | undefined): void;
  /** Called after each top-level commit with the documents it changed (before and after). */
  onCommit(listener: (commitTs: bigint, writes: DocumentWrite[]) => void): void;
  idCounters(): IdCounters;
  /** Called when a query has read every document of a table (no index range, run to the end). */
  onFullTableScan(listener: (table: string, documents: number) => void): void;
  documentCount(): number;
  tables(): { name: string; count: number }[];
  documents(table: string): Doc[];
  exportState(): ExportedState;
  importState(state: ExportedState): void;
  /** Patches a system document (e.g. `_scheduled_functions`) in its own committed transaction. */
  patchSystemDocument(id: string, fields: Record<string, Value>): Promise<void>;
};

/**
 * Captures the instance's global by observing the AsyncLocalStorage.run call every convex-test
 * method makes with it, during one harmless `t.run`.
 */
export async function captureInternals(
  t: ReturnType<typeof convexTest>,
): Promise<ConvexTestInternals> {
  let captured: unknown = null;
  const proto = AsyncLocalStorage.prototype as unknown as {
    run: (store: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) => unknown;
  };
  const originalRun = proto.run;
  proto.run = function (this: unknown, store, fn, ...args) {
    if (captured === null && isConvexGlobal(store)) captured = store;
    return originalRun.call(this, store, fn, ...args);
  };
  try {
    await t.run(async () => null);
  } finally {
    proto.run = originalRun;
  }
  assertShape(captured);
  const g: ConvexGlobal = captured;
  const root = g.components[""];
  const db = root.db;
  const listeners: ((ts: bigint, writes: DocumentWrite[]) => void)[] = [];
  const originalCommit = db.commit.bind(db);
  db.commit = (commitTs: bigint | null = null) => {
    // Only the outermost commit (with a timestamp) makes writes visible; its level of `_writes`
    // holds each written id (value null for a delete).
    const outermost = commitTs !== null && db._writes.length === 1;
    const before = outermost
      ? Object.keys(db._writes[0] as Record<string, unknown>).map((id) => ({
          id,
          oldDoc: db._documents[id] ?? null,
        }))
      : [];
    originalCommit(commitTs);
    if (!outermost) return;
    const writes: DocumentWrite[] = before.map(({ id, oldDoc }) => ({
      table: id.replace(/^\d+/, ""),
      id,
      oldDoc,
      newDoc: db._documents[id] ?? null,
    }));
    for (const l of listeners) l(commitTs, writes);
  };
  const scanListeners: ((table: string, documents: number) => void)[] = [];
  // Queries over a whole table (no index range), with how many rows they returned and their
  // `.take(n)` limit: one that ends before reaching its limit has read every document.
  const fullScans = new Map<number, { table: string; returned: number; limit: number | null }>();
  const originalStartQuery = db.startQuery.bind(db);
  db.startQuery = (query) => {
    const id = originalStartQuery(query);
    const source = query.source;
    const table =
      source.type === "FullTableScan"
        ? source.tableName
        : source.type === "IndexRange" && source.range?.length === 0
          ? source.indexName?.split(".")[0]
          : undefined;
    if (table !== undefined && scanListeners.length > 0) {
      const limits = (query.operators ?? [])
        .map((op) => (op as { limit?: number }).limit)
        .filter((n): n is number => typeof n === "number");
      fullScans.set(id, {
        table,
        returned: 0,
        limit: limits.length ? Math.min(...limits) : null,
      });
      // Iterations abandoned early never reach `done`: forget the oldest.
      if (fullScans.size > 1000) fullScans.delete(fullScans.keys().next().value as number);
    }
    return id;
  };
  const originalQueryNext = db.queryNext.bind(db);
  db.queryNext = (queryId) => {
    const result = originalQueryNext(queryId);
    const scan = fullScans.get(queryId);
    if (scan === undefined) return result;
    if (!result.done) {
      scan.returned += 1;
      return result;
    }
    fullScans.delete(queryId);
    if (scan.limit === null || scan.returned < scan.limit) {
      const documents = db._tableIds.get(scan.table)?.size ?? 0;
      for (const l of scanListeners) l(scan.table, documents);
    }
    return result;
  };
  return {
    setModules(loader) {
      root.modules = loader;
    },
    setSchema(schema) {
      db._schema =
        schema === undefined
          ? null
          : {
              schemaValidation: schema.schemaValidation,
              tables: new Map(Object.entries(schema.tables).map(([n, ts]) => [n, ts.export()])),
            };
    },
    onCommit(listener) {
      listeners.push(listener);
    },
    idCounters() {
      return { nextDocId: db._nextDocId, lastCreationTime: db._lastCreationTime };
    },
    onFullTableScan(listener) {
      scanListeners.push(listener);
    },
    documentCount() {
      return Object.keys(db._documents).length;
    },
    tables() {
      return [...db._tableIds.entries()]
        .map(([name, ids]) => ({ name, count: ids.size }))
        .filter((t) => t.count > 0)
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    documents(table) {
      const ids = db._tableIds.get(table) ?? new Set<string>();
      return [...ids].map((id) => db._documents[id]).filter((d): d is Doc => d !== undefined);
    },
    exportState() {
      return {
        documents: Object.values(db._documents),
        nextDocId: db._nextDocId,
        lastCreationTime: db._lastCreationTime,
        lastCommitTs: g.transactionManager._lastCommitTs,
      };
    },
    async patchSystemDocument(id, fields) {
      // A transaction of its own, like convex-test's scheduler bookkeeping: the commit hook sees
      // it (commit log, subscriptions).
      await t.run(async () => {
        db.patch(id.replace(/^\d+/, ""), id, fields);
      });
    },
    importState(state) {
      db._documents = {};
      db._tableIds = new Map();
      for (const doc of state.documents) {
        db._documents[doc._id] = doc;
        // convex-test ids end with the table name after a zero-padded counter.
        const table = doc._id.replace(/^\d+/, "");
        let ids = db._tableIds.get(table);
        if (!ids) db._tableIds.set(table, (ids = new Set()));
        ids.add(doc._id);
      }
      db._nextDocId = state.nextDocId;
      db._lastCreationTime = state.lastCreationTime;
      g.transactionManager._lastCommitTs = state.lastCommitTs;
    },
  };
}
