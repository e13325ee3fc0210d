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

export const slowWrite = mutation({
  args: { ms: v.number() },
  handler: async (ctx, { ms }) => {
    await ctx.db.insert("blobs", { data: "slow" });
    const until = Date.now() + ms;
    // Busy user code (Date.now is frozen inside a transaction, so use performance.now).
    const start = performance.now();
    while (performance.now() - start < ms) {
      /* spin */
    }
    return until;
  },
});

export const slowRead = query({
  args: { ms: v.number() },
  handler: async (_ctx, { ms }) => {
    const start = performance.now();
    while (performance.now() - start < ms) {
      /* spin */
    }
    return ms;
  },
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
