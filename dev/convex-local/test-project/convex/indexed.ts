// Index range reads with every bound, order, limit, filter and pagination combination, for
// indexed.test.ts: the same functions run on plain convex-test and on the local backend's
// ordered indexes, and must return the same results. Also a re-run probe for invalidation tests.
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { mutation, query, type MutationCtx } from "./_generated/server";

const item = v.object({
  owner: v.string(),
  rank: v.number(),
  tag: v.optional(v.string()),
  meta: v.object({ color: v.string() }),
  n: v.number(),
});

// Mutations return an index read taken after their own writes (pending writes merged in).
const ownerB = async (ctx: MutationCtx) =>
  (
    await ctx.db
      .query("items")
      .withIndex("by_owner_rank", (q) => q.eq("owner", "b").gte("rank", 1))
      .order("desc")
      .collect()
  ).map((d) => d.n);

export const insertItems = mutation({
  args: { items: v.array(item) },
  handler: async (ctx, { items }) => {
    for (const it of items) await ctx.db.insert("items", it);
    return await ownerB(ctx);
  },
});

export const removeItems = mutation({
  args: { ns: v.array(v.number()) },
  handler: async (ctx, { ns }) => {
    for (const doc of await ctx.db.query("items").collect()) {
      if (ns.includes(doc.n)) await ctx.db.delete(doc._id);
    }
    return await ownerB(ctx);
  },
});

export const moveItem = mutation({
  args: { n: v.number(), owner: v.string(), rank: v.number() },
  handler: async (ctx, { n, owner, rank }) => {
    const doc = await ctx.db
      .query("items")
      .filter((q) => q.eq(q.field("n"), n))
      .unique();
    if (doc) await ctx.db.patch(doc._id, { owner, rank });
    return await ownerB(ctx);
  },
});

const bound = v.object({ op: v.string(), value: v.any() });
const spec = {
  index: v.union(
    v.literal("by_owner_rank"),
    v.literal("by_tag"),
    v.literal("by_color"),
    v.literal("by_creation_time"),
    v.literal("none"),
  ),
  eq: v.optional(v.array(v.any())),
  lower: v.optional(bound),
  upper: v.optional(bound),
  order: v.optional(v.union(v.literal("asc"), v.literal("desc"))),
  minN: v.optional(v.number()),
};

const FIELDS: Record<string, string[]> = {
  by_owner_rank: ["owner", "rank"],
  by_tag: ["tag"],
  by_color: ["meta.color", "rank"],
  by_creation_time: ["_creationTime"],
};

type Spec = {
  index: string;
  eq?: unknown[];
  lower?: { op: string; value: unknown };
  upper?: { op: string; value: unknown };
  order?: "asc" | "desc";
  minN?: number;
};

/* eslint-disable @typescript-eslint/no-explicit-any -- the range builder is typed per index */
function build(ctx: { db: any }, s: Spec): any {
  const table = ctx.db.query("items");
  let q =
    s.index === "none"
      ? table
      : table.withIndex(s.index, (r: any) => {
          const fields = FIELDS[s.index];
          let b = r;
          (s.eq ?? []).forEach((value, i) => (b = b.eq(fields[i], value)));
          const next = fields[(s.eq ?? []).length];
          if (s.lower) b = b[s.lower.op](next, s.lower.value);
          if (s.upper) b = b[s.upper.op](next, s.upper.value);
          return b;
        });
  if (s.order) q = q.order(s.order);
  if (s.minN !== undefined) q = q.filter((f: any) => f.gte(f.field("n"), s.minN));
  return q;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export const read = query({
  args: {
    ...spec,
    mode: v.union(v.literal("collect"), v.literal("first"), v.literal("take"), v.literal("unique")),
    take: v.optional(v.number()),
  },
  handler: async (ctx, { mode, take, ...s }) => {
    const q = build(ctx, s);
    if (mode === "first") return [await q.first()].filter((d) => d !== null);
    if (mode === "unique") return [await q.unique()].filter((d) => d !== null);
    if (mode === "take") return await q.take(take ?? 1);
    return await q.collect();
  },
});

export const page = query({
  args: { ...spec, paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts, ...s }) => await build(ctx, s).paginate(paginationOpts),
});

// Counts its own runs in module state (one process, one module instance): every run returns a
// new value, so a client sees exactly one update per re-run. Reads one user's sessions by index.
let probeRuns = 0;
export const sessionsProbe = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    probeRuns += 1;
    const rows = await ctx.db
      .query("sessions")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .collect();
    return { devices: rows.map((r) => r.device).sort(), runs: probeRuns };
  },
});

export const sessionsOf = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) =>
    (
      await ctx.db
        .query("sessions")
        .withIndex("by_userId", (q) => q.eq("userId", userId))
        .collect()
    ).map((r) => r.device),
});

export const addSession = mutation({
  args: { userId: v.string(), device: v.string() },
  handler: async (ctx, args) => await ctx.db.insert("sessions", args),
});

export const renameSession = mutation({
  args: { id: v.id("sessions"), device: v.string() },
  handler: async (ctx, { id, device }) => await ctx.db.patch(id, { device }),
});

export const moveSession = mutation({
  args: { id: v.id("sessions"), userId: v.string() },
  handler: async (ctx, { id, userId }) => await ctx.db.patch(id, { userId }),
});

export const addSessions = mutation({
  args: { userId: v.string(), count: v.number(), prefix: v.string() },
  handler: async (ctx, { userId, count, prefix }) => {
    for (let i = 0; i < count; i++) {
      await ctx.db.insert("sessions", { userId, device: `${prefix}${i}` });
    }
  },
});
