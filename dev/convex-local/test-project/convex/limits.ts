// Functions that go past one of Convex's per-function limits each (limits-client.test.ts).
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, mutation, query } from "./_generated/server";

const KiB = 1024;

export const fill = mutation({
  args: { count: v.number(), bytes: v.optional(v.number()) },
  handler: async (ctx, { count, bytes }) => {
    const data = bytes ? "x".repeat(bytes) : 0;
    for (let i = 0; i < count; i++) await ctx.db.insert("blobs", { data });
  },
});

export const clear = mutation({
  args: { batch: v.number() },
  handler: async (ctx, { batch }) => {
    const docs = await ctx.db.query("blobs").take(batch);
    for (const doc of docs) await ctx.db.delete(doc._id);
    return docs.length;
  },
});

export const countBlobs = query({
  args: {},
  handler: async (ctx) => (await ctx.db.query("blobs").collect()).length,
});

export const manyGets = query({
  args: { id: v.id("blobs"), times: v.number() },
  handler: async (ctx, { id, times }) => {
    for (let i = 0; i < times; i++) await ctx.db.get(id);
    return times;
  },
});

export const noop = internalMutation({ args: {}, handler: async () => null });

export const scheduleMany = mutation({
  args: { count: v.number() },
  handler: async (ctx, { count }) => {
    for (let i = 0; i < count; i++) await ctx.scheduler.runAfter(60_000, internal.limits.noop, {});
  },
});

// Busy user code, counted in work rather than time: the limit is on CPU time, so a busy machine
// must not make a short loop look long (3e8 steps take about 2.5 s of CPU on the test machine).
function spin(steps: number): number {
  let x = 0;
  for (let i = 0; i < steps; i++) x = (x + i * 7) % 1000003;
  return x;
}

export const slowWrite = mutation({
  args: { steps: v.number() },
  handler: async (ctx, { steps }) => {
    await ctx.db.insert("blobs", { data: "slow" });
    return spin(steps);
  },
});

export const slowRead = query({
  args: { steps: v.number() },
  handler: async (_ctx, { steps }) => spin(steps),
});

export const echo = mutation({
  args: { value: v.any() },
  handler: async (_ctx, { value }) => (typeof value === "string" ? value.length : 0),
});

export const bigResult = query({
  args: { kib: v.number() },
  handler: async (_ctx, { kib }) =>
    Array.from({ length: Math.ceil(kib / 512) }, () => "y".repeat(512 * KiB)),
});

export const store = mutation({
  args: { data: v.any() },
  handler: async (ctx, { data }) => await ctx.db.insert("blobs", { data }),
});
