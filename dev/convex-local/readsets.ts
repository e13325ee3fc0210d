// Read sets and write sets, for precise invalidation as Convex does it: each query run records
// what it read (documents by id, index ranges with their bounds, whole tables), each commit
// reports what it wrote (table, id, the document before and after), and a subscription is re-run
// only when a write lands in something it read. `Subscriptions` answers "which subscriptions does
// this commit touch?" without visiting the others: range reads are bucketed by index and by the
// value of their first equality bound.
import { AsyncLocalStorage } from "node:async_hooks";
import { convexToJson, type Value } from "convex/values";
import type { Doc } from "./internals";
import { boundValue, fieldValue, inRange, type RangeExpr } from "./indexes";

export type IndexRead = { table: string; index: string; range: RangeExpr[] };

export type ReadSet = {
  ids: Set<string>;
  /** Tables read in full (table scans, search). */
  tables: Set<string>;
  ranges: IndexRead[];
};

/** One document a top-level transaction changed: `newDoc` null for a delete. */
export type DocumentWrite = {
  table: string;
  id: string;
  oldDoc: Doc | null;
  newDoc: Doc | null;
};

export function emptyReadSet(): ReadSet {
  return { ids: new Set(), tables: new Set(), ranges: [] };
}

/** What a query source (as convex-test receives it) reads. */
export type QuerySource =
  | { type: "FullTableScan"; tableName: string }
  | { type: "IndexRange"; indexName: string; range: RangeExpr[] }
  | { type: "Search"; indexName: string };

type Recording = { reads: ReadSet; snapshotTs: bigint | null };
const recording = new AsyncLocalStorage<Recording>();

/**
 * Runs `fn`, collecting the reads of the transaction it starts and its snapshot timestamp. A
 * failed run has a read set too (a query that throws is re-run when what it read changes).
 */
export async function recordReads<T>(fn: () => Promise<T>): Promise<{
  outcome: { ok: true; value: T } | { ok: false; error: unknown };
  reads: ReadSet;
  snapshotTs: bigint | null;
}> {
  const rec: Recording = { reads: emptyReadSet(), snapshotTs: null };
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await recording.run(rec, fn) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  return { outcome, reads: rec.reads, snapshotTs: rec.snapshotTs };
}

/** Hooks internals.ts calls while a function runs; they do nothing outside `recordReads`. */
export const readObserver = {
  begin(snapshotTs: bigint): void {
    const rec = recording.getStore();
    if (rec && rec.snapshotTs === null) rec.snapshotTs = snapshotTs;
  },
  get(id: string): void {
    recording.getStore()?.reads.ids.add(id);
  },
  source(source: QuerySource): void {
    const rec = recording.getStore();
    if (!rec) return;
    if (source.type === "FullTableScan") rec.reads.tables.add(source.tableName);
    else if (source.type === "Search") rec.reads.tables.add(source.indexName.split(".")[0]);
    else {
      const [table, index] = source.indexName.split(".");
      rec.reads.ranges.push({ table, index, range: source.range });
    }
  },
};

function valueKey(v: Value | undefined): string {
  return v === undefined ? "u" : JSON.stringify(convexToJson(v));
}

const ANY = "\u0000any";

type Registered<S> = { sub: S; reads: ReadSet };

/** Live subscriptions by what they read. `S` identifies one subscription (connection + query). */
export class Subscriptions<S> {
  private byId = new Map<string, Set<Registered<S>>>();
  private byTable = new Map<string, Set<Registered<S>>>();
  // table -> first field of a range -> first-equality value key (or ANY) -> reads
  private byRange = new Map<string, Map<string, Map<string, Set<Registered<S>>>>>();
  private current = new Map<S, Registered<S>>();
  // Recent commits, to catch writes that landed between a query's snapshot and its registration.
  private recent: { ts: bigint; writes: DocumentWrite[] }[] = [];
  private forgotten = false;
  private static readonly RECENT = 512;

  get size(): number {
    return this.current.size;
  }

  private static add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  }

  private static rangeBucket(r: IndexRead): { field: string; key: string } {
    const first = r.range[0];
    if (first?.type === "Eq")
      return { field: first.fieldPath, key: valueKey(boundValue(first.value)) };
    return { field: first?.fieldPath ?? "_id", key: ANY };
  }

  /**
   * Replaces a subscription's read set with the one of its latest run, taken at `snapshotTs`.
   * Returns the timestamp of the first commit after that snapshot that touched it (the result
   * is stale from there), or null if none did.
   */
  set(sub: S, reads: ReadSet, snapshotTs: bigint | null): bigint | null {
    this.delete(sub);
    const reg: Registered<S> = { sub, reads };
    this.current.set(sub, reg);
    for (const id of reads.ids) Subscriptions.add(this.byId, id, reg);
    for (const t of reads.tables) Subscriptions.add(this.byTable, t, reg);
    for (const r of reads.ranges) {
      const { field, key } = Subscriptions.rangeBucket(r);
      let fields = this.byRange.get(r.table);
      if (!fields) this.byRange.set(r.table, (fields = new Map()));
      let values = fields.get(field);
      if (!values) fields.set(field, (values = new Map()));
      Subscriptions.add(values, key, reg);
    }
    if (snapshotTs === null) return null;
    const oldest = this.recent[0];
    if (oldest === undefined) return null;
    // Older than everything we remember: assume the worst.
    if (this.forgotten && oldest.ts > snapshotTs) return snapshotTs + 1n;
    let first = this.recent.length;
    while (first > 0 && this.recent[first - 1].ts > snapshotTs) first--;
    for (let i = first; i < this.recent.length; i++) {
      if (this.recent[i].writes.some((w) => touches(reads, w))) return this.recent[i].ts;
    }
    return null;
  }

  delete(sub: S): void {
    const reg = this.current.get(sub);
    if (!reg) return;
    this.current.delete(sub);
    for (const id of reg.reads.ids) this.byId.get(id)?.delete(reg);
    for (const t of reg.reads.tables) this.byTable.get(t)?.delete(reg);
    for (const r of reg.reads.ranges) {
      const { field, key } = Subscriptions.rangeBucket(r);
      this.byRange.get(r.table)?.get(field)?.get(key)?.delete(reg);
    }
  }

  /** Subscriptions whose read set a commit's writes intersect. */
  touched(ts: bigint, writes: DocumentWrite[]): Set<S> {
    this.recent.push({ ts, writes });
    if (this.recent.length > Subscriptions.RECENT) {
      this.recent.shift();
      this.forgotten = true;
    }
    const out = new Set<S>();
    const addAll = (set: Set<Registered<S>> | undefined) => {
      if (set) for (const reg of set) out.add(reg.sub);
    };
    for (const w of writes) {
      addAll(this.byId.get(w.id));
      addAll(this.byTable.get(w.table));
      const fields = this.byRange.get(w.table);
      if (!fields) continue;
      for (const [field, values] of fields) {
        const check = (set: Set<Registered<S>> | undefined) => {
          if (!set) return;
          for (const reg of set) {
            if (out.has(reg.sub)) continue;
            if (reg.reads.ranges.some((r) => r.table === w.table && rangeTouched(r, w))) {
              out.add(reg.sub);
            }
          }
        };
        check(values.get(ANY));
        const keys = new Set<string>();
        if (w.oldDoc) keys.add(valueKey(fieldValue(w.oldDoc, field)));
        if (w.newDoc) keys.add(valueKey(fieldValue(w.newDoc, field)));
        for (const k of keys) check(values.get(k));
      }
    }
    return out;
  }
}

function rangeTouched(r: IndexRead, w: DocumentWrite): boolean {
  return (
    (w.oldDoc !== null && inRange(w.oldDoc, r.range)) ||
    (w.newDoc !== null && inRange(w.newDoc, r.range))
  );
}

/** Whether one write lands in a read set. */
export function touches(reads: ReadSet, w: DocumentWrite): boolean {
  if (reads.ids.has(w.id) || reads.tables.has(w.table)) return true;
  return reads.ranges.some((r) => r.table === w.table && rangeTouched(r, w));
}
