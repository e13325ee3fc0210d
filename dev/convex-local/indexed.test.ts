/// <reference types="vite/client" />
// convex-test is the reference for index semantics: the same function suite (test-project
// `indexed.ts`) runs on plain convex-test and, through ConvexHttpClient, on the local backend's
// ordered indexes, over the same documents and the same writes, and must return the same
// results: eq/gt/gte/lt/lte bounds on compound and nested indexes, asc/desc order, first, take,
// unique, filters, `_creationTime` ties broken in index order, and pagination cursor by cursor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convexTest } from "convex-test";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import schema from "./test-project/convex/schema";
import { startTestBackend, type TestBackend } from "./testing";

const modules = import.meta.glob("./test-project/convex/**/*.ts");

type Item = {
  owner: string;
  rank: number;
  tag?: string;
  meta: { color: string };
  n: number;
};
type Spec = {
  index: "by_owner_rank" | "by_tag" | "by_color" | "by_creation_time" | "none";
  eq?: unknown[];
  lower?: { op: "gt" | "gte"; value: unknown };
  upper?: { op: "lt" | "lte"; value: unknown };
  order?: "asc" | "desc";
  minN?: number;
};

const OWNERS = ["a", "b", "c", "d"];
const COLORS = ["red", "green", "blue"];
function makeItems(from: number, count: number): Item[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      owner: OWNERS[(n * 7) % OWNERS.length],
      // Few distinct ranks, so equal keys are ordered by `_creationTime`.
      rank: (n * 5) % 6,
      ...(n % 3 === 0 ? {} : { tag: `t${n % 4}` }),
      meta: { color: COLORS[n % COLORS.length] },
      n,
    };
  });
}

function specs(): Spec[] {
  const out: Spec[] = [];
  const lowers: (Spec["lower"] | undefined)[] = [
    undefined,
    { op: "gt", value: 2 },
    { op: "gte", value: 2 },
  ];
  const uppers: (Spec["upper"] | undefined)[] = [
    undefined,
    { op: "lt", value: 4 },
    { op: "lte", value: 4 },
  ];
  for (const order of ["asc", "desc"] as const) {
    for (const lower of lowers) {
      for (const upper of uppers) {
        out.push({ index: "by_owner_rank", eq: ["b"], lower, upper, order });
        out.push({ index: "by_color", eq: ["green"], lower, upper, order });
      }
    }
    out.push({ index: "by_owner_rank", order });
    out.push({ index: "by_owner_rank", eq: ["c", 3], order });
    out.push({ index: "by_owner_rank", eq: ["zzz"], order });
    out.push({
      index: "by_owner_rank",
      lower: { op: "gt", value: "a" },
      order,
    });
    out.push({
      index: "by_owner_rank",
      lower: { op: "gte", value: "b" },
      upper: { op: "lt", value: "d" },
      order,
      minN: 10,
    });
    out.push({
      index: "by_owner_rank",
      upper: { op: "lte", value: "b" },
      order,
    });
    out.push({ index: "by_tag", eq: ["t1"], order });
    out.push({ index: "by_tag", lower: { op: "gte", value: "t2" }, order });
    out.push({
      index: "by_tag",
      upper: { op: "lt", value: "t2" },
      order,
      minN: 5,
    });
    out.push({ index: "by_color", eq: ["red", 0], order, minN: 20 });
    out.push({ index: "by_creation_time", order });
    out.push({ index: "none", order });
    out.push({ index: "none", order, minN: 30 });
  }
  return out;
}

type Outcome = { ok: true; value: unknown } | { ok: false };
function strip(value: unknown): unknown {
  // `_id`s and `_creationTime`s differ between the two databases; everything else must match.
  const row = (d: Record<string, unknown>) => {
    const { _id, _creationTime, ...rest } = d;
    void _id;
    void _creationTime;
    return rest;
  };
  return Array.isArray(value) ? value.map((d) => row(d as Record<string, unknown>)) : value;
}

let backend: TestBackend;
let client: ConvexHttpClient;
let t: ReturnType<typeof convexTest>;

async function both(
  kind: "query" | "mutation",
  name: string,
  args: Record<string, unknown>,
): Promise<[Outcome, Outcome]> {
  const query = makeFunctionReference<"query", Record<string, unknown>>(name);
  const mutation = makeFunctionReference<"mutation", Record<string, unknown>>(name);
  const run = async (f: () => Promise<unknown>): Promise<Outcome> => {
    try {
      return { ok: true, value: await f() };
    } catch {
      return { ok: false };
    }
  };
  const plain = await run(() =>
    kind === "query" ? t.query(query, args) : t.mutation(mutation, args),
  );
  const local = await run(() =>
    kind === "query" ? client.query(query, args) : client.mutation(mutation, args),
  );
  return [plain, local];
}

async function write(name: string, args: Record<string, unknown>): Promise<void> {
  const [plain, local] = await both("mutation", name, args);
  expect(plain.ok && local.ok).toBe(true);
  if (plain.ok && local.ok) expect(local.value, name).toEqual(plain.value);
}

async function compareReads(): Promise<number> {
  let compared = 0;
  for (const spec of specs()) {
    for (const mode of ["collect", "first", "take", "unique"] as const) {
      const [plain, local] = await both("query", "indexed:read", {
        ...spec,
        mode,
        take: 3,
      });
      const label = JSON.stringify({ spec, mode });
      expect(local.ok, label).toBe(plain.ok);
      if (plain.ok && local.ok) expect(strip(local.value), label).toEqual(strip(plain.value));
      compared += 1;
    }
  }
  return compared;
}

async function comparePages(): Promise<number> {
  let pages = 0;
  for (const spec of specs().filter((_, i) => i % 3 === 0)) {
    let plainCursor: string | null = null;
    let localCursor: string | null = null;
    for (let p = 0; p < 20; p++) {
      const [plain, local] = await both("query", "indexed:page", {
        ...spec,
        paginationOpts: { numItems: 4, cursor: plainCursor },
      });
      // The backend gets its own cursor (cursors encode `_creationTime`s).
      const [, localOwn] = await both("query", "indexed:page", {
        ...spec,
        paginationOpts: { numItems: 4, cursor: localCursor },
      });
      void local;
      expect(plain.ok && localOwn.ok).toBe(true);
      if (!plain.ok || !localOwn.ok) break;
      const a = plain.value as {
        page: unknown[];
        isDone: boolean;
        continueCursor: string;
      };
      const b = localOwn.value as {
        page: unknown[];
        isDone: boolean;
        continueCursor: string;
      };
      expect(strip(b.page), JSON.stringify({ spec, p })).toEqual(strip(a.page));
      expect(b.isDone).toBe(a.isDone);
      pages += 1;
      if (a.isDone) break;
      plainCursor = a.continueCursor;
      localCursor = b.continueCursor;
    }
  }
  return pages;
}

beforeAll(async () => {
  backend = await startTestBackend();
  client = new ConvexHttpClient(backend.url);
  t = convexTest(schema, modules);
  // Several batches, so equal index keys span several commits.
  for (let from = 0; from < 60; from += 15) {
    await write("indexed:insertItems", { items: makeItems(from, 15) });
  }
});
afterAll(async () => {
  await backend?.cleanup();
});

describe("index range reads match convex-test", () => {
  it(
    "returns the same documents for every bound, order and limit",
    { timeout: 240_000 },
    async () => {
      expect(await compareReads()).toBe(specs().length * 4);
    },
  );

  it("paginates the same way, page by page", { timeout: 240_000 }, async () => {
    expect(await comparePages()).toBeGreaterThan(20);
  });

  it(
    "stays the same after inserts, moves between ranges and deletes",
    { timeout: 240_000 },
    async () => {
      await write("indexed:moveItem", { n: 4, owner: "b", rank: 3 });
      await write("indexed:moveItem", { n: 9, owner: "a", rank: 0 });
      await write("indexed:removeItems", { ns: [1, 2, 13, 40] });
      await write("indexed:insertItems", { items: makeItems(100, 12) });
      await compareReads();
      expect(await comparePages()).toBeGreaterThan(20);
    },
  );
});
