// Schema of the local backend's own test project.
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  messages: defineTable({ author: v.string(), body: v.string() }).index(
    "by_author",
    ["author"],
  ),
  counters: defineTable({ name: v.string(), value: v.number() }).index(
    "by_name",
    ["name"],
  ),
  // Index semantics (indexed.ts): a compound index, an optional field, a nested field.
  items: defineTable({
    owner: v.string(),
    rank: v.number(),
    tag: v.optional(v.string()),
    meta: v.object({ color: v.string() }),
    n: v.number(),
  })
    .index("by_owner_rank", ["owner", "rank"])
    .index("by_tag", ["tag"])
    .index("by_color", ["meta.color", "rank"]),
  // Shaped like the app's sessions, for the index-read benchmark and invalidation tests.
  sessions: defineTable({ userId: v.string(), device: v.string() }).index(
    "by_userId",
    ["userId"],
  ),
  // Per-function limits (limits.ts).
  blobs: defineTable({ data: v.any() }),
});
