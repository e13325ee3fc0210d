// Ordered indexes for the local backend: one sorted array per (table, index) of committed
// documents, keyed like Convex's index keys (index fields, then `_creationTime`, then `_id`),
// built on first use and maintained on every commit. A `withIndex` range read finds its first and
// last candidates by binary search, so it costs O(log n + k) instead of a scan of the table.
// convex-test stays the reference: it still validates the range, applies the exact range check,
// filters, orders and paginates; we only narrow the documents it sees (see internals.ts).
import { compareValues, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Doc } from "./internals";

/** A `withIndex` range expression as the Convex client sends it. */
export type RangeExpr = {
  type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte";
  fieldPath: string;
  value: JSONValue;
};

type Entry = { key: (Value | undefined)[]; id: string; doc: Doc };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof ArrayBuffer) &&
    Object.getPrototypeOf(v) === Object.prototype
  );
}

/** A dotted field path's value in a document (`undefined` when missing), as convex-test reads it. */
export function fieldValue(doc: Record<string, unknown>, fieldPath: string): Value | undefined {
  let result: unknown = doc;
  for (const part of fieldPath.split(".")) {
    result = isPlainObject(result) ? result[part] : undefined;
  }
  return result as Value | undefined;
}

/** A range bound value as convex-test evaluates it (`{ $undefined: null }` is `undefined`). */
export function boundValue(value: JSONValue): Value | undefined {
  if (typeof value === "object" && value !== null && "$undefined" in value) return undefined;
  return jsonToConvex(value);
}

/** Whether a document lies in an index range (the same check convex-test applies). */
export function inRange(doc: Record<string, unknown>, range: RangeExpr[]): boolean {
  for (const expr of range) {
    const cmp = compareValues(fieldValue(doc, expr.fieldPath), boundValue(expr.value));
    const ok =
      expr.type === "Eq"
        ? cmp === 0
        : expr.type === "Gt"
          ? cmp > 0
          : expr.type === "Gte"
            ? cmp >= 0
            : expr.type === "Lt"
              ? cmp < 0
              : cmp <= 0;
    if (!ok) return false;
  }
  return true;
}

function compareKeys(a: (Value | undefined)[], b: (Value | undefined)[], length: number): number {
  for (let i = 0; i < length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

class OrderedIndex {
  private entries: Entry[] = [];

  constructor(readonly fields: string[]) {}

  private keyOf(doc: Doc): (Value | undefined)[] {
    return this.fields.map((f) => fieldValue(doc, f));
  }

  /** First position whose key (compared on `bound.length` fields) is >= bound (or > bound). */
  private search(bound: (Value | undefined)[], strict: boolean): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKeys(this.entries[mid].key, bound, bound.length);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  build(docs: Iterable<Doc>): void {
    this.entries = [...docs].map((doc) => ({
      key: this.keyOf(doc),
      id: doc._id,
      doc,
    }));
    this.entries.sort((a, b) => compareKeys(a.key, b.key, this.fields.length));
  }

  remove(doc: Doc): void {
    const key = this.keyOf(doc);
    const at = this.search(key, false);
    if (this.entries[at]?.id === doc._id) this.entries.splice(at, 1);
  }

  insert(doc: Doc): void {
    const entry = { key: this.keyOf(doc), id: doc._id, doc };
    this.entries.splice(this.search(entry.key, false), 0, entry);
  }

  /**
   * Documents whose keys can satisfy the range, in index order: the equality prefix plus at most
   * one lower and one upper bound on the next field, as Convex allows. A superset is fine
   * (convex-test re-checks every bound); missing a document is not.
   */
  candidates(range: RangeExpr[]): Doc[] {
    const prefix: (Value | undefined)[] = [];
    let lower: { value: Value | undefined; strict: boolean } | null = null;
    let upper: { value: Value | undefined; strict: boolean } | null = null;
    for (const expr of range) {
      const value = boundValue(expr.value);
      if (expr.type === "Eq") prefix.push(value);
      else if (expr.type === "Gt" || expr.type === "Gte")
        lower = { value, strict: expr.type === "Gt" };
      else upper = { value, strict: expr.type === "Lt" };
    }
    const start = lower
      ? this.search([...prefix, lower.value], lower.strict)
      : this.search(prefix, false);
    // End: first position past the range (key > upper, or >= upper for a strict bound).
    const end = upper
      ? this.search([...prefix, upper.value], !upper.strict)
      : this.search(prefix, true);
    const out: Doc[] = [];
    for (let i = start; i < end; i++) out.push(this.entries[i].doc);
    return out;
  }
}

/** Index definitions of one table, as the schema declares them (`fields` without system fields). */
export type IndexLookup = (table: string, index: string) => string[] | null;

export class IndexStore {
  private indexes = new Map<string, OrderedIndex>();
  private byTable = new Map<string, Set<string>>();

  constructor(
    private readonly lookup: IndexLookup,
    private readonly committed: (table: string) => Iterable<Doc>,
  ) {}

  /** Fields an index orders by (with `_creationTime` and `_id`), or null if it is not declared. */
  fieldsOf(table: string, index: string): string[] | null {
    if (index === "by_creation_time") return ["_creationTime", "_id"];
    if (index === "by_id") return ["_id"];
    const fields = this.lookup(table, index);
    return fields ? [...fields, "_creationTime", "_id"] : null;
  }

  private get(table: string, index: string): OrderedIndex | null {
    const name = `${table}.${index}`;
    let idx = this.indexes.get(name);
    if (idx) return idx;
    const fields = this.fieldsOf(table, index);
    if (!fields) return null;
    idx = new OrderedIndex(fields);
    idx.build(this.committed(table));
    this.indexes.set(name, idx);
    let names = this.byTable.get(table);
    if (!names) this.byTable.set(table, (names = new Set()));
    names.add(name);
    return idx;
  }

  /** Committed documents that may lie in the range, in index order; null for an unknown index. */
  candidates(table: string, index: string, range: RangeExpr[]): Doc[] | null {
    return this.get(table, index)?.candidates(range) ?? null;
  }

  /** Keeps every built index of the table in step with one committed write. */
  apply(table: string, oldDoc: Doc | null, newDoc: Doc | null): void {
    const names = this.byTable.get(table);
    if (!names) return;
    for (const name of names) {
      const idx = this.indexes.get(name)!;
      if (oldDoc) idx.remove(oldDoc);
      if (newDoc) idx.insert(newDoc);
    }
  }

  /** Forgets every index (after an import or a schema change); they rebuild on next use. */
  reset(): void {
    this.indexes.clear();
    this.byTable.clear();
  }
}
