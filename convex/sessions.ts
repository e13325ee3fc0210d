// The caller's sessions (devices): checking, listing, revoking.
import { internalQuery } from "./_generated/server";
import { loadSession } from "./lib/session";

/** Used by `sessionAction`: actions have no database, so they ask a query. */
export const checkCaller = internalQuery({
  args: {},
  handler: async (ctx) => loadSession(ctx),
});
