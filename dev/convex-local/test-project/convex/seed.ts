// Idempotent seed for the test project: one welcome message on an empty database.
import { internalMutation } from "./_generated/server";

export const init = internalMutation({
  args: {},
  handler: async (ctx) => {
    if ((await ctx.db.query("messages").first()) !== null) return;
    await ctx.db.insert("messages", { author: "seed", body: "welcome" });
  },
});
