// The admin console: every session of every user, revoking any of them, and the
// audit log of those revocations. Everything except `me` is behind `adminQuery` /
// `adminMutation` (FORBIDDEN for non-admins; admins are listed in `ADMIN_EMAILS`).
import {
  paginationOptsValidator,
  paginationResultValidator,
  type PaginationResult,
} from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { internal } from "./_generated/api";
import { action, internalMutation, type QueryCtx } from "./_generated/server";
import { appError, appErrorData, ErrorCode } from "./errors";
import { recordAudit } from "./lib/audit";
import { isAdminEmail } from "./lib/admins";
import { deviceRowFields, settingsOf, toDevice } from "./lib/devices";
import { adminQuery, internalAdminMutation, sessionQuery } from "./lib/functions";
import { endSession, isLive, loadSession } from "./lib/sessions";
import { auditActionValidator } from "./schema";
import { describeDevice } from "./shared/devices";
import { REVOKE_REASON_MAX } from "./shared/limits";
import { HIDDEN_CHARACTERS_MESSAGE, hasHiddenCharacters } from "./shared/text";

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;
/** Documents (users and sessions) one page of a search may read before it answers. */
const SEARCH_SCAN_PER_PAGE = 2000;
/** Search cursors, told apart from Convex pagination cursors. */
const SEARCH_CURSOR_PREFIX = "search:";

/** Whether the caller is an admin, so the UI can show the admin link. */
export const me = sessionQuery({
  args: {},
  returns: v.object({ isAdmin: v.boolean() }),
  handler: async (ctx) => {
    const user = await ctx.db.get(ctx.userId);
    return { isAdmin: isAdminEmail(user?.email) };
  },
});

const statusValidator = v.union(
  v.literal("active"),
  v.literal("expired"),
  v.literal("all"),
);

/**
 * One session row of the console: the device as the devices page shows it (`isCurrent`:
 * the admin's own session, revoking it signs the admin out) plus whose it is.
 */
export const adminSessionValidator = v.object({
  ...deviceRowFields,
  userId: v.id("users"),
  email: v.union(v.string(), v.null()),
  name: v.union(v.string(), v.null()),
  status: v.union(v.literal("active"), v.literal("expired")),
});

type AdminSessionRow = typeof adminSessionValidator.type;

function checkLimit(limit: number | undefined, max: number, fallback: number) {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw appError(
      ErrorCode.INVALID_INPUT,
      `Limit must be a whole number from 1 to ${max}.`,
      { limit: `1 to ${max}` },
    );
  }
  return limit;
}

function staleCursor() {
  return appError(
    ErrorCode.INVALID_INPUT,
    "That page no longer matches the search. Start from the first page.",
    { cursor: "Does not match the current search." },
  );
}

/**
 * Where a search page stopped: inside the sessions of user `user` (by `_creationTime`),
 * after session time `session` (null: none of theirs read yet). Null: before the first user.
 */
type SearchPosition = { user: number; session: number | null } | null;

function parseSearchCursor(cursor: string | null): SearchPosition {
  if (cursor === null) return null;
  if (!cursor.startsWith(SEARCH_CURSOR_PREFIX)) throw staleCursor();
  try {
    const parsed: unknown = JSON.parse(cursor.slice(SEARCH_CURSOR_PREFIX.length));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "user" in parsed &&
      "session" in parsed &&
      typeof parsed.user === "number" &&
      (parsed.session === null || typeof parsed.session === "number")
    ) {
      return { user: parsed.user, session: parsed.session };
    }
  } catch {
    // fall through
  }
  throw staleCursor();
}

function searchCursor(position: NonNullable<SearchPosition>): string {
  return `${SEARCH_CURSOR_PREFIX}${JSON.stringify(position)}`;
}

/** Looks up users and device labels once per call. */
function rowMaker(ctx: Pick<QueryCtx, "db">, currentSessionId: Id<"sessions">) {
  const users = new Map<Id<"users">, Doc<"users"> | null>();
  const now = Date.now();
  return async (s: Doc<"sessions">): Promise<AdminSessionRow> => {
    if (!users.has(s.userId)) users.set(s.userId, await ctx.db.get(s.userId));
    const user = users.get(s.userId) ?? null;
    return {
      ...(await toDevice(ctx, s, currentSessionId)),
      userId: s.userId,
      email: user?.email ?? null,
      name: user?.name ?? null,
      status: isLive(s, now) ? "active" : "expired",
    };
  };
}

/**
 * Sessions of all users, a page at a time (`usePaginatedQuery`).
 *
 * Without `search`: newest expiry first (Auth.js extends `expires` on activity, so this
 * is roughly most recently used first), Convex pagination over the `by_expires` index.
 * With `search` (case-insensitive substring of the user's e-mail): users in sign-up
 * order, each matching user's sessions in sign-in order. Each page reads at most
 * SEARCH_SCAN_PER_PAGE users and sessions, so it may come back short (even empty) with
 * more to load; its cursor says where it stopped.
 */
export const sessions = adminQuery({
  args: {
    search: v.optional(v.string()),
    status: statusValidator,
    paginationOpts: paginationOptsValidator,
  },
  returns: paginationResultValidator(adminSessionValidator),
  handler: async (ctx, { search: rawSearch, status, paginationOpts }) => {
    const numItems = checkLimit(paginationOpts.numItems, MAX_PAGE, DEFAULT_PAGE);
    const toRow = rowMaker(ctx, ctx.sessionId);
    const now = Date.now();
    const search = rawSearch?.trim().toLowerCase() ?? "";
    const wanted = (s: Doc<"sessions">) =>
      status === "all" || (status === "active") === isLive(s, now);

    if (search === "") {
      // A search's cursor after the search box was cleared: say so rather than let
      // Convex reject it as a malformed cursor.
      if (paginationOpts.cursor?.startsWith(SEARCH_CURSOR_PREFIX)) throw staleCursor();
      const page: PaginationResult<Doc<"sessions">> = await ctx.db
        .query("sessions")
        .withIndex("by_expires", (q) =>
          status === "active"
            ? q.gt("expires", now)
            : status === "expired"
              ? q.lte("expires", now)
              : q,
        )
        .order("desc")
        .paginate({ ...paginationOpts, numItems });
      return { ...page, page: await Promise.all(page.page.map(toRow)) };
    }

    let position = parseSearchCursor(paginationOpts.cursor);
    let budget = SEARCH_SCAN_PER_PAGE;
    const found: Doc<"sessions">[] = [];
    while (found.length < numItems && budget > 0) {
      if (position === null || position.session === null) {
        // Between users: find the next one whose e-mail matches.
        const after = position?.user;
        const users = await ctx.db
          .query("users")
          .withIndex("by_creation_time", (q) => (after === undefined ? q : q.gt("_creationTime", after)))
          .take(Math.min(budget, 200));
        budget -= users.length;
        if (users.length === 0) {
          const cursor = searchCursor(position ?? { user: 0, session: null });
          return { page: await Promise.all(found.map(toRow)), isDone: true, continueCursor: cursor };
        }
        const match = users.find((u) => u.email?.toLowerCase().includes(search));
        const last = match ?? users[users.length - 1];
        position = { user: last._creationTime, session: match ? -1 : null };
        continue;
      }
      // Inside one matching user's sessions.
      const userTime = position.user;
      const user = await ctx.db
        .query("users")
        .withIndex("by_creation_time", (q) => q.eq("_creationTime", userTime))
        .first();
      const afterSession = position.session;
      const rows =
        user === null
          ? []
          : await ctx.db
              .query("sessions")
              .withIndex("by_userId", (q) =>
                q.eq("userId", user._id).gt("_creationTime", afterSession),
              )
              .take(Math.min(budget, numItems - found.length));
      budget -= rows.length + 1;
      found.push(...rows.filter(wanted));
      position =
        rows.length === 0
          ? { user: userTime, session: null }
          : { user: userTime, session: rows[rows.length - 1]._creationTime };
    }
    return {
      page: await Promise.all(found.map(toRow)),
      isDone: false,
      continueCursor: searchCursor(position ?? { user: 0, session: null }),
    };
  },
});

/** "Work laptop: Chrome 131 on macOS (alice@example.com)", for the audit log. */
function describeTarget(
  session: Doc<"sessions">,
  user: Doc<"users"> | null,
  label: string | undefined,
): string {
  const device = describeDevice(session.browser, session.os);
  const who = user?.email ?? user?.name ?? session.userId;
  return `${label ? `${label}: ` : ""}${device} (${who})`;
}

/**
 * End any user's session and record who did it, from which session, and why.
 * Unknown (or already ended) sessions get NOT_FOUND and no audit row. An action, so a
 * refused call can be written to the audit log: the refusal rolls back the mutation that
 * was refused, then a second one records it.
 */
export const revokeSession = action({
  args: { sessionId: v.id("sessions"), reason: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, args): Promise<null> => {
    try {
      return await ctx.runMutation(internal.admin.revokeSessionAsAdmin, args);
    } catch (error) {
      if (appErrorData(error)?.code === ErrorCode.FORBIDDEN) {
        await ctx.runMutation(internal.admin.recordRefusal, {
          attempt: "revoke another user's session",
        });
      }
      throw error;
    }
  },
});

export const revokeSessionAsAdmin = internalAdminMutation({
  args: { sessionId: v.id("sessions"), reason: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { sessionId, reason }) => {
    const trimmed = reason?.trim() ?? "";
    if (trimmed.length > REVOKE_REASON_MAX) {
      throw appError(
        ErrorCode.INVALID_INPUT,
        `Keep the reason under ${REVOKE_REASON_MAX} characters.`,
        { reason: `At most ${REVOKE_REASON_MAX} characters.` },
      );
    }
    if (hasHiddenCharacters(trimmed, { multiline: true })) {
      throw appError(ErrorCode.INVALID_INPUT, `${HIDDEN_CHARACTERS_MESSAGE}.`, {
        reason: `${HIDDEN_CHARACTERS_MESSAGE}.`,
      });
    }
    const target = await ctx.db.get(sessionId);
    if (target === null) {
      throw appError(ErrorCode.NOT_FOUND, "That session has already ended.");
    }
    const targetUser = await ctx.db.get(target.userId);
    const settings = await settingsOf(ctx, sessionId);
    await recordAudit(ctx, {
      action: "session.revoke",
      actor: ctx,
      targetUserId: target.userId,
      targetSessionId: sessionId,
      targetDescription: describeTarget(target, targetUser, settings?.label),
      reason: trimmed || undefined,
    });
    await endSession(ctx, sessionId);
    return null;
  },
});

/** A signed-in non-admin called an admin write: who, from which session, what they tried. */
export const recordRefusal = internalMutation({
  args: { attempt: v.string() },
  returns: v.null(),
  handler: async (ctx, { attempt }) => {
    const caller = await loadSession(ctx);
    if (caller === null) return null;
    await recordAudit(ctx, {
      action: "admin.refused",
      actor: caller,
      targetDescription: `Tried to ${attempt} without being an admin`,
    });
    return null;
  },
});

export const auditEntryValidator = v.object({
  id: v.id("auditLog"),
  /** When it happened (ms). */
  at: v.number(),
  action: auditActionValidator,
  actorUserId: v.id("users"),
  actorEmail: v.union(v.string(), v.null()),
  actorSessionId: v.id("sessions"),
  targetUserId: v.union(v.id("users"), v.null()),
  targetEmail: v.union(v.string(), v.null()),
  /** May no longer exist: that is the point of the entry. */
  targetSessionId: v.union(v.id("sessions"), v.null()),
  targetDescription: v.string(),
  reason: v.union(v.string(), v.null()),
});

/**
 * Audit entries, newest first, one page at a time; optionally only one kind of action
 * and/or one actor (their e-mail, exactly, any case).
 */
export const auditLog = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    action: v.optional(auditActionValidator),
    actorEmail: v.optional(v.string()),
  },
  returns: paginationResultValidator(auditEntryValidator),
  handler: async (ctx, { paginationOpts, action, actorEmail }) => {
    const numItems = checkLimit(paginationOpts.numItems, MAX_PAGE, DEFAULT_PAGE);
    const actor = actorEmail?.trim().toLowerCase() || undefined;
    const audit = ctx.db.query("auditLog");
    const rows =
      actor !== undefined && action !== undefined
        ? audit.withIndex("by_actorEmail_action", (q) =>
            q.eq("actorEmail", actor).eq("action", action),
          )
        : actor !== undefined
          ? audit.withIndex("by_actorEmail", (q) => q.eq("actorEmail", actor))
          : action !== undefined
            ? audit.withIndex("by_action", (q) => q.eq("action", action))
            : audit;
    const page = await rows.order("desc").paginate({ ...paginationOpts, numItems });
    // Entries from before e-mails were stored with them: look the e-mail up now.
    const emails = new Map<Id<"users">, string | null>();
    const emailOf = async (userId: Id<"users"> | undefined, stored: string | null | undefined) => {
      if (stored !== undefined) return stored;
      if (userId === undefined) return null;
      if (!emails.has(userId)) emails.set(userId, (await ctx.db.get(userId))?.email ?? null);
      return emails.get(userId) ?? null;
    };
    return {
      ...page,
      page: await Promise.all(
        page.page.map(async (row) => ({
          id: row._id,
          at: row._creationTime,
          action: row.action,
          actorUserId: row.actorUserId,
          actorEmail: await emailOf(row.actorUserId, row.actorEmail),
          actorSessionId: row.actorSessionId,
          targetUserId: row.targetUserId ?? null,
          targetEmail: await emailOf(row.targetUserId, row.targetEmail),
          targetSessionId: row.targetSessionId ?? null,
          targetDescription: row.targetDescription,
          reason: row.reason ?? null,
        })),
      ),
    };
  },
});
