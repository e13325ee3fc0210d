// Store-scoped function builders and shared checks. Stores are tenants: every
// staff function names its store and the caller must hold a membership (owner or
// admin) in exactly that store; rows are then re-checked against `ctx.store` so an id
// from another store is refused even when the caller is staff somewhere else.
import {
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { mutation, query, type QueryCtx } from "../_generated/server";
import { appError, ErrorCode } from "../errors";
import { loadSession, type CheckedSession } from "./session";

export type Role = Doc<"memberships">["role"];
export type StaffCtx = CheckedSession & { store: Doc<"stores">; role: Role };

function signedOut() {
  return appError(
    ErrorCode.UNAUTHENTICATED,
    "You are signed out on this device. Sign in again to continue.",
  );
}

/** The store, or NOT_FOUND with a message for a person. */
export async function requireStore(
  ctx: Pick<QueryCtx, "db">,
  storeId: Id<"stores">,
): Promise<Doc<"stores">> {
  const store = await ctx.db.get(storeId);
  if (store === null) {
    throw appError(ErrorCode.NOT_FOUND, "This store does not exist.");
  }
  return store;
}

/** The caller's role in a store, or null when they are not staff there. */
export async function roleIn(
  ctx: Pick<QueryCtx, "db">,
  userId: Id<"users">,
  storeId: Id<"stores">,
): Promise<Role | null> {
  const membership = await ctx.db
    .query("memberships")
    .withIndex("by_storeId_userId", (q) =>
      q.eq("storeId", storeId).eq("userId", userId),
    )
    .unique();
  return membership?.role ?? null;
}

/** The checked session plus store and role, or UNAUTHENTICATED / NOT_FOUND / FORBIDDEN. */
export async function requireStaff(
  ctx: Pick<QueryCtx, "auth" | "db">,
  storeId: Id<"stores">,
): Promise<StaffCtx> {
  const checked = await loadSession(ctx);
  if (checked === null) throw signedOut();
  const store = await requireStore(ctx, storeId);
  const role = await roleIn(ctx, checked.userId, storeId);
  if (role === null) {
    throw appError(
      ErrorCode.FORBIDDEN,
      `Only the staff of ${store.name} can do this.`,
    );
  }
  return { ...checked, store, role };
}

// Built on bare `query`/`mutation` (convex-helpers builders do not stack) with the same
// session check as `sessionQuery`. `storeId` is consumed here and handed back to the
// handler as `ctx.store`.
const storeArgs = { storeId: v.id("stores") };

export const staffQuery = customQuery(query, {
  args: storeArgs,
  input: async (ctx, { storeId }) => ({
    ctx: await requireStaff(ctx, storeId),
    args: {},
  }),
});

export const staffMutation = customMutation(mutation, {
  args: storeArgs,
  input: async (ctx, { storeId }) => ({
    ctx: await requireStaff(ctx, storeId),
    args: {},
  }),
});

/**
 * A product of this store, or NOT_FOUND. An id of another store's product gets the
 * same answer as an unknown id, so nothing leaks about other tenants.
 */
export async function requireProductOf(
  ctx: Pick<QueryCtx, "db">,
  storeId: Id<"stores">,
  productId: Id<"products">,
): Promise<Doc<"products">> {
  const product = await ctx.db.get(productId);
  if (product === null || product.storeId !== storeId) {
    throw appError(
      ErrorCode.NOT_FOUND,
      "This product is not sold in this store.",
    );
  }
  return product;
}
