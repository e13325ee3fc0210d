// Ending a session removes what belongs to that device (carts, settings) in the same
// transaction; orders stay. Every path that ends a session (sign-out, revocation,
// expiry, user deletion) goes through here.
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

export async function deleteDeviceData(
  ctx: MutationCtx,
  sessionId: Id<"sessions">,
): Promise<void> {
  const items = await ctx.db
    .query("cartItems")
    .withIndex("by_sessionId_storeId_productId", (q) => q.eq("sessionId", sessionId))
    .collect();
  for (const item of items) await ctx.db.delete(item._id);
  const settings = await ctx.db
    .query("deviceSettings")
    .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
    .collect();
  for (const row of settings) await ctx.db.delete(row._id);
}

/** Delete a session and its device data. Returns false when it was already gone. */
export async function endSession(
  ctx: MutationCtx,
  sessionId: Id<"sessions">,
): Promise<boolean> {
  const session = await ctx.db.get(sessionId);
  await deleteDeviceData(ctx, sessionId);
  if (session === null) return false;
  await ctx.db.delete(sessionId);
  return true;
}
