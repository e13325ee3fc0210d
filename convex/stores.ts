// Stores (tenants): the public list for the landing page, lookup by the slug in
// `/s/[store]`, and the stores the caller is staff of.
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { query } from "./_generated/server";
import { sessionQuery } from "./lib/functions";
import { roleIn } from "./lib/stores";
import { roleValidator, storeFields } from "./schema";

/** A store as pages show it (no Convex system fields beyond its id). */
export const storeValidator = v.object({ _id: v.id("stores"), ...storeFields });

export function toStoreView(store: Doc<"stores">) {
  return {
    _id: store._id,
    slug: store.slug,
    name: store.name,
    description: store.description,
    currency: store.currency,
    accentColor: store.accentColor,
    logo: store.logo,
  };
}

/** Every store, by name. Public: the landing page lists them before sign-in. */
export const list = query({
  args: {},
  returns: v.array(storeValidator),
  handler: async (ctx) => {
    // A demo-sized tenant list; bounded so a runaway insert cannot blow the query up.
    const stores = await ctx.db.query("stores").take(200);
    return stores.map(toStoreView).sort((a, b) => a.name.localeCompare(b.name));
  },
});

/** The store at `/s/[slug]`, or null (the page then shows a 404). */
export const getBySlug = query({
  args: { slug: v.string() },
  returns: v.union(storeValidator, v.null()),
  handler: async (ctx, { slug }) => {
    const store = await ctx.db
      .query("stores")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .unique();
    return store === null ? null : toStoreView(store);
  },
});

/** The stores the caller is staff of, with their role, by name. */
export const myStaffStores = sessionQuery({
  args: {},
  returns: v.array(v.object({ store: storeValidator, role: roleValidator })),
  handler: async (ctx) => {
    const memberships = await ctx.db
      .query("memberships")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.userId))
      .collect();
    const rows = await Promise.all(
      memberships.map(async (m) => {
        const store = await ctx.db.get(m.storeId);
        return store === null
          ? null
          : { store: toStoreView(store), role: m.role };
      }),
    );
    return rows
      .filter((r) => r !== null)
      .sort((a, b) => a.store.name.localeCompare(b.store.name));
  },
});

/**
 * The caller's role in one store, or null when they are not staff there. For gating
 * staff pages without an error; the staff functions check again on every call.
 */
export const myRole = sessionQuery({
  args: { storeId: v.id("stores") },
  returns: v.union(roleValidator, v.null()),
  handler: async (ctx, { storeId }) => roleIn(ctx, ctx.userId, storeId),
});
