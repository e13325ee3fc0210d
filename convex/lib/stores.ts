// Stores (tenants) and their staff. Every staff function names its store and the caller
// must hold a membership (owner or admin) in exactly that store; rows are then re-checked
// against the store so an id from another store is refused even when the caller is staff
// somewhere else.
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError, ErrorCode } from "../errors";

type Reader = Pick<QueryCtx, "db">;

export type Role = Doc<"memberships">["role"];

/** The store, or NOT_FOUND with a message for a person. */
export async function requireStore(ctx: Reader, storeId: Id<"stores">): Promise<Doc<"stores">> {
  const store = await ctx.db.get(storeId);
  if (store === null) throw appError(ErrorCode.NOT_FOUND, "This store does not exist.");
  return store;
}

/** The user's role in a store, or null when they are not staff there. */
export async function roleIn(
  ctx: Reader,
  userId: Id<"users">,
  storeId: Id<"stores">,
): Promise<Role | null> {
  const membership = await ctx.db
    .query("memberships")
    .withIndex("by_storeId_userId", (q) => q.eq("storeId", storeId).eq("userId", userId))
    .unique();
  return membership?.role ?? null;
}

/** The store and the user's role there, or NOT_FOUND / FORBIDDEN. */
export async function requireStaffOf(
  ctx: Reader,
  userId: Id<"users">,
  storeId: Id<"stores">,
): Promise<{ store: Doc<"stores">; role: Role }> {
  const store = await requireStore(ctx, storeId);
  const role = await roleIn(ctx, userId, storeId);
  if (role === null) {
    throw appError(ErrorCode.FORBIDDEN, `Only the staff of ${store.name} can do this.`);
  }
  return { store, role };
}
