// Fails loudly if convex-test (pinned 0.0.70) changes the private shape internals.ts relies on:
// capture, commit hook, export/import round trip and module swapping.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { convexTest } from "convex-test";
import {
  defineSchema,
  defineTable,
  makeFunctionReference,
  mutationGeneric,
  queryGeneric,
} from "convex/server";
import { v } from "convex/values";
import { assertShape, captureInternals, PINNED_CONVEX_TEST_VERSION } from "./internals";

const schema = defineSchema({ notes: defineTable({ text: v.string() }) });
const add = mutationGeneric({
  args: { text: v.string() },
  handler: async (ctx, args) => await ctx.db.insert("notes", args),
});
const all = queryGeneric({
  args: {},
  handler: async (ctx) => await ctx.db.query("notes").collect(),
});
const remove = mutationGeneric({
  args: { id: v.id("notes") },
  handler: async (ctx, { id }) => await ctx.db.delete(id),
});
const first = queryGeneric({
  args: {},
  handler: async (ctx) => await ctx.db.query("notes").first(),
});
const removeRef = makeFunctionReference<"mutation", { id: string }, null>("notes:remove");
const firstRef = makeFunctionReference<"query", Record<string, never>, unknown>("notes:first");
const addRef = makeFunctionReference<"mutation", { text: string }, string>("notes:add");
const allRef = makeFunctionReference<"query", Record<string, never>, unknown>("notes:all");
const modules = {
  "/convex/_generated/api.js": async () => ({}),
  "/convex/notes.ts": async () => ({ add, all, remove, first }),
};

describe("convex-test internals", () => {
  it("is the pinned version", () => {
    const require = createRequire(import.meta.url);
    const pkgPath = path.join(path.dirname(require.resolve("convex-test")), "..", "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string };
    expect(pkg.version).toBe(PINNED_CONVEX_TEST_VERSION);
  });

  it("rejects an object without the expected shape", () => {
    expect(() => assertShape({})).toThrow(/convex-test internals changed/);
  });

  it("captures the instance, reports commits, and round-trips state into a fresh instance", async () => {
    const t = convexTest(schema, modules);
    const internals = await captureInternals(t);
    const commits: bigint[] = [];
    internals.onCommit((ts) => commits.push(ts));
    const id = await t.mutation(addRef, { text: "hello" });
    expect(commits).toHaveLength(1);
    expect(internals.tables()).toEqual([{ name: "notes", count: 1 }]);
    const state = internals.exportState();
    expect(state.lastCommitTs).toBe(commits[0]);

    const t2 = convexTest(schema, modules);
    const internals2 = await captureInternals(t2);
    internals2.importState(state);
    const docs = (await t2.query(allRef, {})) as { _id: string; text: string }[];
    expect(docs).toEqual([expect.objectContaining({ _id: id, text: "hello" })]);
    const id2 = await t2.mutation(addRef, { text: "second" });
    expect(id2).not.toBe(id);
  });

  it("reports what each transaction wrote, and queries that read a whole table", async () => {
    const t = convexTest(schema, modules);
    const internals = await captureInternals(t);
    const writes: { documents: string[]; deleted: string[]; nextDocId: number }[] = [];
    internals.onCommit((_ts, w) =>
      writes.push({
        documents: w.flatMap((d) => (d.newDoc ? [d.newDoc.text as string] : [])),
        deleted: w.filter((d) => d.newDoc === null).map((d) => d.id),
        nextDocId: internals.idCounters().nextDocId,
      }),
    );
    const scans: [string, number][] = [];
    internals.onFullTableScan((table, n) => scans.push([table, n]));
    const id = await t.mutation(addRef, { text: "a" });
    await t.mutation(addRef, { text: "b" });
    await t.mutation(removeRef, { id });
    expect(writes.map((w) => [w.documents, w.deleted])).toEqual([
      [["a"], []],
      [["b"], []],
      [[], [id]],
    ]);
    expect(writes[1].nextDocId).toBeGreaterThan(writes[0].nextDocId);
    await t.query(firstRef, {});
    expect(scans).toEqual([]);
    await t.query(allRef, {});
    expect(scans).toEqual([["notes", 1]]);
  });

  it("swaps the module loader in place", async () => {
    const t = convexTest(schema, modules);
    const internals = await captureInternals(t);
    const other = queryGeneric({ args: {}, handler: async () => "swapped" });
    internals.setModules(async () => ({ all: other }));
    expect(await t.query(allRef, {})).toBe("swapped");
  });
});
