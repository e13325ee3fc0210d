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

export type ConvexTestInternals = {
  setModules(loader: (path: string) => Promise<unknown>): void;
  setSchema(schema: SchemaLike | undefined): void;
  onCommit(listener: (commitTs: bigint) => void): void;
  documentCount(): number;
  tables(): { name: string; count: number }[];
  documents(table: string): Doc[];
  exportState(): ExportedState;
  importState(state: ExportedState): void;
  /** Replaces fields of a committed document outside any transaction (system bookkeeping only). */
  patchCommitted(id: string, fields: Record<string, Value>): void;
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
  const listeners: ((ts: bigint) => void)[] = [];
  const originalCommit = db.commit.bind(db);
  db.commit = (commitTs: bigint | null = null) => {
    originalCommit(commitTs);
    // Only the outermost commit (with a timestamp) makes writes visible.
    if (commitTs !== null && db._writes.length === 0) {
      for (const l of listeners) l(commitTs);
    }
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
    patchCommitted(id, fields) {
      const doc = db._documents[id];
      if (doc) db._documents[id] = { ...doc, ...fields };
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
