// Test functions exercising queries, mutations, actions, internal functions, the scheduler,
// ConvexError and auth, for dev/convex-local's tests.
import { ConvexError, v } from "convex/values";
import { api, internal } from "./_generated/api";
import { action, internalMutation, internalQuery, mutation, query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (ctx) => await ctx.db.query("messages").order("asc").collect(),
});

export const count = query({
  args: { author: v.optional(v.string()) },
  handler: async (ctx, { author }) => {
    const rows = author
      ? await ctx.db
          .query("messages")
          .withIndex("by_author", (q) => q.eq("author", author))
          .collect()
      : await ctx.db.query("messages").collect();
    return rows.length;
  },
});

export const send = mutation({
  args: { author: v.string(), body: v.string() },
  handler: async (ctx, args) => await ctx.db.insert("messages", args),
});

export const increment = mutation({
  args: { name: v.string() },
  handler: async (ctx, { name }) => {
    const row = await ctx.db
      .query("counters")
      .withIndex("by_name", (q) => q.eq("name", name))
      .unique();
    if (row) {
      await ctx.db.patch(row._id, { value: row.value + 1 });
      return row.value + 1;
    }
    await ctx.db.insert("counters", { name, value: 1 });
    return 1;
  },
});

export const counter = query({
  args: { name: v.string() },
  handler: async (ctx, { name }) =>
    (
      await ctx.db
        .query("counters")
        .withIndex("by_name", (q) => q.eq("name", name))
        .unique()
    )?.value ?? 0,
});

export const fail = mutation({
  args: { code: v.string() },
  handler: async (_ctx, { code }) => {
    throw new ConvexError({ code, message: `failed with ${code}` });
  },
});

export const crash = query({
  args: {},
  handler: async () => {
    throw new Error("plain failure");
  },
});

export const whoami = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    return identity
      ? {
          subject: identity.subject,
          issuer: identity.issuer,
          tokenIdentifier: identity.tokenIdentifier,
          email: identity.email ?? null,
        }
      : null;
  },
});

export const sendViaAction = action({
  args: { author: v.string(), body: v.string() },
  handler: async (ctx, args): Promise<{ id: string; total: number }> => {
    const id: string = await ctx.runMutation(api.messages.send, args);
    const total: number = await ctx.runQuery(api.messages.count, {});
    return { id, total };
  },
});

export const sendLater = mutation({
  args: { author: v.string(), body: v.string(), delayMs: v.number() },
  handler: async (ctx, { delayMs, ...args }) => {
    await ctx.scheduler.runAfter(delayMs, internal.messages.insertInternal, args);
  },
});

export const insertInternal = internalMutation({
  args: { author: v.string(), body: v.string() },
  handler: async (ctx, args) => await ctx.db.insert("messages", args),
});

export const secretCount = internalQuery({
  args: {},
  handler: async (ctx) => (await ctx.db.query("messages").collect()).length,
});

export const env = query({
  args: { name: v.string() },
  handler: async (_ctx, { name }) => process.env[name] ?? null,
});

export const tick = internalMutation({
  args: {},
  handler: async (ctx) => {
    const row = await ctx.db
      .query("counters")
      .withIndex("by_name", (q) => q.eq("name", "cron"))
      .unique();
    if (row) await ctx.db.patch(row._id, { value: row.value + 1 });
    else await ctx.db.insert("counters", { name: "cron", value: 1 });
  },
});

export const badWrite = mutation({
  args: {},
  handler: async (ctx) => {
    // Violates the schema (author must be a string).
    await ctx.db.insert("messages", { author: 42 as unknown as string, body: "x" });
  },
});

export const sendMany = mutation({
  args: { author: v.string(), count: v.number() },
  handler: async (ctx, { author, count }) => {
    for (let i = 0; i < count; i++) await ctx.db.insert("messages", { author, body: String(i) });
  },
});

export const latest = query({
  args: {},
  handler: async (ctx) => await ctx.db.query("messages").order("desc").first(),
});
