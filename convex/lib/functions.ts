// Every function builder, side by side. Domain modules use these instead of bare
// `query`/`mutation`: the signed-in, staff and admin builders share one auth step
// (`requireSession`) that puts a checked `{ userId, sessionId, session }` on `ctx` or
// refuses the call with UNAUTHENTICATED; staff and admin then add their own check. The
// adapter builders are for the Auth.js adapter, which calls with a shared secret instead.
import {
  customCtx,
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import {
  internalMutation,
  mutation,
  query,
  type MutationCtx,
  type QueryCtx,
} from "../_generated/server";
import { appError, ErrorCode } from "../errors";
import { isAdminEmail } from "./admins";
import { consume } from "./rateLimits";
import { loadSession, type CheckedSession } from "./sessions";
import { requireStaffOf, type Role } from "./stores";

type AuthCtx = Pick<QueryCtx, "auth" | "db">;

/** The one auth step: the caller's live session, or UNAUTHENTICATED. */
export async function requireSession(ctx: AuthCtx): Promise<CheckedSession> {
  const checked = await loadSession(ctx);
  if (checked === null) {
    throw appError(
      ErrorCode.UNAUTHENTICATED,
      "You are signed out on this device. Sign in again to continue.",
    );
  }
  return checked;
}

// ---------------------------------------------------------------------------
// Signed in: any live session.

const signedIn = customCtx((ctx: AuthCtx) => requireSession(ctx));

export const sessionQuery = customQuery(query, signedIn);
export const sessionMutation = customMutation(mutation, signedIn);

// ---------------------------------------------------------------------------
// Anyone, signed in or not: `ctx.viewer` is the caller's live session, or null (no
// token, or a session that has ended). For public pages that show a signed-in device a
// little more (its locale, its role in the store); never refuses for lack of a session.

export const viewerQuery = customQuery(
  query,
  customCtx(async (ctx: AuthCtx) => ({ viewer: await loadSession(ctx) })),
);

// ---------------------------------------------------------------------------
// Staff of one store: `storeId` is consumed here and handed to the handler as
// `ctx.store`, with the caller's `ctx.role` there (FORBIDDEN for everyone else).

export type StaffCtx = CheckedSession & { store: Doc<"stores">; role: Role };

/** The caller's session plus store and role, or UNAUTHENTICATED / NOT_FOUND / FORBIDDEN. */
export async function requireStaff(ctx: AuthCtx, storeId: Id<"stores">): Promise<StaffCtx> {
  const checked = await requireSession(ctx);
  return { ...checked, ...(await requireStaffOf(ctx, checked.userId, storeId)) };
}

const storeArgs = { storeId: v.id("stores") };

export const staffQuery = customQuery(query, {
  args: storeArgs,
  input: async (ctx: AuthCtx, { storeId }: { storeId: Id<"stores"> }) => ({
    ctx: await requireStaff(ctx, storeId),
    args: {},
  }),
});

/** Staff writes also count against the caller's staff-action limit (lib/rateLimits.ts). */
export const staffMutation = customMutation(mutation, {
  args: storeArgs,
  input: async (ctx: MutationCtx, { storeId }: { storeId: Id<"stores"> }) => {
    const staff = await requireStaff(ctx, storeId);
    await consume(ctx, "staffActionsPerUser", staff.userId);
    return { ctx: staff, args: {} };
  },
});

// ---------------------------------------------------------------------------
// Admins (`ADMIN_EMAILS`): the caller's user row is on `ctx.user`; FORBIDDEN for others.

export type AdminCtx = CheckedSession & { user: Doc<"users"> };

async function requireAdmin(ctx: AuthCtx): Promise<AdminCtx> {
  const checked = await requireSession(ctx);
  const user = await ctx.db.get(checked.userId);
  if (user === null || !isAdminEmail(user.email)) {
    throw appError(ErrorCode.FORBIDDEN, "Only admins can do this.");
  }
  return { ...checked, user };
}

export const adminQuery = customQuery(query, customCtx(requireAdmin));

/**
 * Admin writes also count against the caller's staff-action limit (lib/rateLimits.ts).
 * Internal: the public entry point is an action (admin.ts) that records refusals too.
 */
export const internalAdminMutation = customMutation(
  internalMutation,
  customCtx(async (ctx: MutationCtx) => {
    const admin = await requireAdmin(ctx);
    await consume(ctx, "staffActionsPerUser", admin.userId);
    return admin;
  }),
);

// ---------------------------------------------------------------------------
// The Auth.js adapter: public functions (Convex has no server-to-server auth for
// internal ones) that refuse the call, reading and writing nothing, unless the `secret`
// argument equals env `CONVEX_AUTH_ADAPTER_SECRET`. The secret is removed from the
// arguments before the handler runs.

/**
 * Compare without an early exit: the loop runs over the caller's input only, so the
 * time taken reveals nothing about the expected secret, not even its length.
 */
export function secretsMatch(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) {
    // `% b.length` keeps the index in range; a length mismatch already set `diff`.
    diff |= a[i] ^ (b.length === 0 ? 0 : b[i % b.length]);
  }
  return diff === 0 && b.length > 0;
}

function checkAdapterSecret(secret: string): void {
  const expected = process.env.CONVEX_AUTH_ADAPTER_SECRET;
  if (expected === undefined || expected === "") {
    throw appError(
      ErrorCode.BAD_ADAPTER_SECRET,
      "CONVEX_AUTH_ADAPTER_SECRET is not set on this Convex deployment, so the Auth.js adapter is refused. Set it to the same value the Next.js server uses.",
    );
  }
  if (!secretsMatch(secret, expected)) {
    throw appError(ErrorCode.BAD_ADAPTER_SECRET, "The Auth.js adapter secret is wrong.");
  }
}

const adapterCaller = {
  args: { secret: v.string() },
  input: async (_ctx: unknown, { secret }: { secret: string }) => {
    checkAdapterSecret(secret);
    return { ctx: {}, args: {} };
  },
};

export const adapterQuery = customQuery(query, adapterCaller);
export const adapterMutation = customMutation(mutation, adapterCaller);
