// Fixtures for the benchmarks in `bench/` (many shoppers, many sessions), written in a few
// large transactions. Internal: only a deploy key reaches them (on the local backend, the
// admin key a benchmark starts it with); the app never calls them.
import { v } from "convex/values";
import { internalMutation, internalQuery } from "./_generated/server";

/** A store with one product of `stock` units, and `shoppers` users with one session each. */
export const shop = internalMutation({
  args: { shoppers: v.number(), stock: v.number(), prefix: v.string() },
  returns: v.object({
    storeId: v.id("stores"),
    productId: v.id("products"),
    shoppers: v.array(v.object({ userId: v.id("users"), sessionId: v.id("sessions") })),
  }),
  handler: async (ctx, { shoppers, stock, prefix }) => {
    const storeId = await ctx.db.insert("stores", {
      slug: `${prefix}-store`,
      name: `Bench ${prefix}`,
      description: "",
      currency: "EUR",
      accentColor: "#000000",
      logo: "/stores/alpine/logo.svg",
    });
    const productId = await ctx.db.insert("products", {
      storeId,
      name: "Last lantern",
      description: "",
      category: "Bench",
      priceMinor: 1000,
      stock,
      image: "/stores/alpine/logo.svg",
      archived: false,
    });
    const rows = [];
    for (let i = 0; i < shoppers; i++) {
      const userId = await ctx.db.insert("users", { email: `${prefix}-${i}@bench.test` });
      const sessionId = await ctx.db.insert("sessions", {
        userId,
        sessionToken: `${prefix}-${i}`,
        expires: Date.now() + 86_400_000,
        lastSeenAt: Date.now(),
      });
      rows.push({ userId, sessionId });
    }
    return { storeId, productId, shoppers: rows };
  },
});

/** `count` more sessions for one user (at most 4 000 per call). */
export const sessions = internalMutation({
  args: { userId: v.id("users"), count: v.number(), prefix: v.string() },
  returns: v.array(v.id("sessions")),
  handler: async (ctx, { userId, count, prefix }) => {
    const ids = [];
    for (let i = 0; i < Math.min(count, 4000); i++) {
      ids.push(
        await ctx.db.insert("sessions", {
          userId,
          sessionToken: `${prefix}-${i}`,
          expires: Date.now() + 86_400_000,
          lastSeenAt: Date.now(),
        }),
      );
    }
    return ids;
  },
});

/** How many sessions a user has left (up to 20 001). */
export const sessionCount = internalQuery({
  args: { userId: v.id("users") },
  returns: v.number(),
  handler: async (ctx, { userId }) =>
    (
      await ctx.db
        .query("sessions")
        .withIndex("by_userId", (q) => q.eq("userId", userId))
        .take(20_001)
    ).length,
});
