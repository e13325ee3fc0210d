// The only place that reaches into convex-test's private state (pinned at exactly 0.0.70).
// convex-test has no change hooks, no export/import and no way to swap modules, all of which a
// long-running backend needs. We capture its per-instance "Convex global" (database fake,
// transaction manager, module loader) once, then use a handful of its fields. `assertShape`
// fails loudly if an upgrade changes them; internals.test.ts runs it.
import { journaledPage } from "./journal";
import { AsyncLocalStorage } from "node:async_hooks";
import type { convexTest } from "convex-test";
import type { Value } from "convex/values";
import { IndexStore, type RangeExpr } from "./indexes";
import { readObserver, type DocumentWrite, type QuerySource } from "./readsets";

export type SchemaLike = {
  schemaValidation: boolean;
  tables: Record<string, { export(): unknown }>;
};

export type Doc = Record<string, Value> & {
  _id: string;
  _creationTime: number;
};

type DatabaseFake = {
  _documents: Record<string, Doc>;
  _tableIds: Map<string, Set<string>>;
  _storage: Record<string, unknown>;
  _nextDocId: number;
  _lastCreationTime: number;
  _writes: Record<string, Doc | null>[];
  _schema: {
    schemaValidation: boolean;
    tables: Map<string, TableExport>;
  } | null;
  commit(commitTs?: bigint | null): void;
  patch(table: string, id: string, fields: Record<string, Value>): void;
  startQuery(query: { source: QuerySource; operators?: unknown[] }): number;
  queryNext(queryId: number): { value: unknown; done: boolean };
  get(table: string | undefined, id: string): Doc | null;
  _resolveQuerySource(query: { source: QuerySource }): unknown;
  _iterateDocs(table: string, callback: (doc: Doc) => void): void;
  _addWrite(id: string, doc: Doc | null): void;
};

type TableExport = {
  indexes?: { indexDescriptor: string; fields: string[] }[];
};

type TransactionManager = {
  _lastCommitTs: bigint;
  begin(isNested: boolean, limits?: unknown): Promise<void>;
  commit(isNested: boolean): bigint | null;
  rollback(isNested: boolean): void;
};

/** Checks the backend runs inside transactions; a throw fails the function (limits.ts). */
export type TransactionHooks = {
  /** A document about to be staged by insert/patch/replace. */
  write(doc: Doc): void;
  /** A top-level transaction ends after `elapsedMs` (before a commit, or on rollback). */
  end(elapsedMs: number): void;
  /** Run time up to which wall time is trusted; beyond it `end` gets CPU time (if lower). */
  limitMs: number;
};

type ConvexGlobal = {
  components: Record<string, { db: DatabaseFake; modules: (p: string) => Promise<unknown> }>;
  transactionManager: TransactionManager;
  syscall: (op: string, args: string) => string;
  asyncSyscall: (op: string, args: string) => Promise<string>;
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
    if (typeof db?.get !== "function") problems.push("db.get");
    if (typeof db?._resolveQuerySource !== "function") problems.push("db._resolveQuerySource");
    if (typeof db?._iterateDocs !== "function") problems.push("db._iterateDocs");
    if (typeof g.transactionManager.begin !== "function") problems.push("transactionManager.begin");
    if (typeof g.syscall !== "function") problems.push("syscall");
    if (typeof g.asyncSyscall !== "function") problems.push("asyncSyscall");
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

function tableOfId(id: string): string {
  // convex-test ids end with the table name after a zero-padded counter.
  return id.replace(/^\d+/, "");
}

/**
 * Captures the instance's global by observing the AsyncLocalStorage.run call every convex-test
 * method makes with it, during one harmless `t.run`.
 */
export async function captureInternals(
  t: ReturnType<typeof convexTest>,
  hooks?: TransactionHooks,
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
  const indexes = new IndexStore(
    (table, index) =>
      db._schema?.tables.get(table)?.indexes?.find((i) => i.indexDescriptor === index)?.fields ??
      null,
    (table) => {
      const ids = db._tableIds.get(table) ?? new Set<string>();
      return [...ids].map((id) => db._documents[id]).filter((d): d is Doc => d !== undefined);
    },
  );

  const originalCommit = db.commit.bind(db);
  db.commit = (commitTs: bigint | null = null) => {
    // Only the outermost commit (with a timestamp) makes writes visible.
    const outermost = commitTs !== null && db._writes.length === 1;
    const pending = outermost ? db._writes[0] : {};
    const before = outermost
      ? Object.keys(pending).map((id) => ({
          id,
          oldDoc: db._documents[id] ?? null,
        }))
      : [];
    originalCommit(commitTs);
    if (!outermost) return;
    const writes: DocumentWrite[] = before.map(({ id, oldDoc }) => ({
      table: tableOfId(id),
      id,
      oldDoc,
      newDoc: db._documents[id] ?? null,
    }));
    for (const w of writes) indexes.apply(w.table, w.oldDoc, w.newDoc);
    for (const l of listeners) l(commitTs, writes);
  };

  // Full-table scans (stats.ts warns about large ones): queries over a whole table (no index
  // range), with how many rows they returned and their `.take(n)` limit: one that ends before
  // reaching its limit has read every document. Counted on the rows the query returns, so it
  // holds whether the ordered indexes below or convex-test's own iteration serve the scan.
  const scanListeners: ((table: string, documents: number) => void)[] = [];
  const fullScans = new Map<number, { table: string; returned: number; limit: number | null }>();
  const originalStartQuery = db.startQuery.bind(db);
  db.startQuery = (query) => {
    const id = originalStartQuery(query);
    const source = query.source;
    const table =
      source.type === "FullTableScan"
        ? source.tableName
        : source.type === "IndexRange" && source.range.length === 0
          ? source.indexName.split(".")[0]
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

  // Reads: record what a query reads (readsets.ts) and serve index ranges from ordered indexes.
  const tm = g.transactionManager;
  const originalBegin = tm.begin.bind(tm);
  // Top-level transactions are serialized, so one start is enough. A function's run time leaves
  // out database calls, which Convex does not count against it. It is measured in wall time
  // (cheap); only when that passes `hooks.limitMs` is CPU time of this process consulted, so a
  // busy machine (which stretches wall time, not CPU time) does not make a function fail.
  // `process.cpuUsage()` costs ~60 µs here: around every syscall it took 8% of a busy backend's
  // time, and even once per transaction 9%. So the CPU clock is read at a transaction's start
  // only if the last reading is over CPU_SAMPLE_MS old; the CPU figure may then include up to
  // that much of the work before the transaction (it only matters past the limit).
  const CPU_SAMPLE_MS = 20;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let startedAt = 0;
  let startedCpu = 0;
  let cpuSampledAt = -Infinity;
  let syscallMs = 0;
  tm.begin = async (isNested, limits) => {
    await originalBegin(isNested, limits);
    if (!isNested) {
      startedAt = performance.now();
      if (hooks && startedAt - cpuSampledAt > CPU_SAMPLE_MS) {
        startedCpu = cpuMs();
        cpuSampledAt = startedAt;
      }
      syscallMs = 0;
      readObserver.begin(tm._lastCommitTs);
    }
  };
  // Paginated queries read up to the end cursor their subscription's journal pinned (journal.ts).
  const unjournaledAsyncSyscall = g.asyncSyscall.bind(g);
  g.asyncSyscall = async (op, args) => {
    if (op !== "1.0/queryPage") return unjournaledAsyncSyscall(op, args);
    const page = journaledPage(args);
    const result = await unjournaledAsyncSyscall(op, page.args);
    page.record(result);
    return result;
  };
  if (hooks) {
    const userMs = () => {
      const wall = performance.now() - startedAt - syscallMs;
      if (wall <= hooks.limitMs) return wall;
      return Math.min(wall, cpuMs() - startedCpu - syscallMs);
    };
    const originalSyscall = g.syscall.bind(g);
    g.syscall = (op, args) => {
      const t0 = performance.now();
      try {
        return originalSyscall(op, args);
      } finally {
        syscallMs += performance.now() - t0;
      }
    };
    const originalAsyncSyscall = g.asyncSyscall.bind(g);
    g.asyncSyscall = async (op, args) => {
      const t0 = performance.now();
      try {
        return await originalAsyncSyscall(op, args);
      } finally {
        syscallMs += performance.now() - t0;
      }
    };
    const originalTmCommit = tm.commit.bind(tm);
    tm.commit = (isNested) => {
      if (!isNested) hooks.end(userMs());
      return originalTmCommit(isNested);
    };
    const originalRollback = tm.rollback.bind(tm);
    tm.rollback = (isNested) => {
      originalRollback(isNested);
      if (!isNested) hooks.end(userMs());
    };
    const originalAddWrite = db._addWrite.bind(db);
    db._addWrite = (id, doc) => {
      if (doc !== null) hooks.write(doc);
      originalAddWrite(id, doc);
    };
  }
  let resolving: QuerySource | null = null;
  const originalGet = db.get.bind(db);
  db.get = (table, id) => {
    if (resolving === null) readObserver.get(id);
    return originalGet(table, id);
  };
  const originalResolve = db._resolveQuerySource.bind(db);
  db._resolveQuerySource = (query) => {
    readObserver.source(query.source);
    resolving = query.source;
    try {
      return originalResolve(query);
    } finally {
      resolving = null;
    }
  };
  const originalIterate = db._iterateDocs.bind(db);
  db._iterateDocs = (table, callback) => {
    const source = resolving;
    const [, index] =
      source?.type === "IndexRange"
        ? source.indexName.split(".")
        : source?.type === "FullTableScan"
          ? [table, "by_creation_time"]
          : [table, null];
    const range: RangeExpr[] = source?.type === "IndexRange" ? source.range : [];
    const committed = index ? indexes.candidates(table, index, range) : null;
    if (committed === null) return originalIterate(table, callback);
    // Writes of the running transaction (any nesting level) replace committed versions.
    const pendingIds = new Set<string>();
    for (const level of db._writes) {
      for (const id of Object.keys(level)) if (tableOfId(id) === table) pendingIds.add(id);
    }
    for (const doc of committed) if (!pendingIds.has(doc._id)) callback(doc);
    for (const id of pendingIds) {
      const doc = originalGet(table, id);
      if (doc !== null) callback(doc);
    }
  };

  return {
    setModules(loader) {
      root.modules = loader;
    },
    setSchema(schema) {
      indexes.reset();
      db._schema =
        schema === undefined
          ? null
          : {
              schemaValidation: schema.schemaValidation,
              tables: new Map(
                Object.entries(schema.tables).map(([n, ts]) => [n, ts.export() as TableExport]),
              ),
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
      // it (commit log, ordered indexes, invalidation).
      await t.run(async () => {
        db.patch(tableOfId(id), id, fields);
      });
    },
    importState(state) {
      indexes.reset();
      db._documents = {};
      db._tableIds = new Map();
      for (const doc of state.documents) {
        db._documents[doc._id] = doc;
        const table = tableOfId(doc._id);
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
