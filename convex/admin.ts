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
import { endSession, isLive, loadSession, sessionsOfUser } from "./lib/sessions";
import { auditActionValidator } from "./schema";
import { describeDevice } from "./shared/devices";
import { REVOKE_REASON_MAX } from "./shared/limits";
import { HIDDEN_CHARACTERS_MESSAGE, hasHiddenCharacters } from "./shared/text";

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;
/** Search reads user rows to match e-mail substrings; this bounds that scan. */
const SEARCH_USER_SCAN = 5000;
/** Search results are capped at this many users' sessions. */
const SEARCH_MAX_USERS = 100;
/** Offset cursors for search results, told apart from Convex pagination cursors. */
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
 * Sessions of all users, newest expiry first (Auth.js extends `expires` on activity,
 * so this is roughly most recently used first).
 *
 * Paginated: pass back `nextCursor` as `cursor` for the next page; null means done.
 * Without `search` this is Convex pagination over the `by_expires` index. With
 * `search` (case-insensitive substring of the user's e-mail) the matching users are
 * found first (scanning at most 5000 users, keeping at most 100 matches) and their
 * sessions are paged by offset; `searchTruncated` says a cap was hit.
 */
export const sessions = adminQuery({
  args: {
    search: v.optional(v.string()),
    status: statusValidator,
    cursor: v.optional(v.union(v.string(), v.null())),
    limit: v.optional(v.number()),
  },
  returns: v.object({
    sessions: v.array(adminSessionValidator),
    nextCursor: v.union(v.string(), v.null()),
    searchTruncated: v.boolean(),
  }),
  handler: async (ctx, args) => {
    const limit = checkLimit(args.limit, MAX_PAGE, DEFAULT_PAGE);
    const toRow = rowMaker(ctx, ctx.sessionId);
    const now = Date.now();
    const search = args.search?.trim().toLowerCase() ?? "";

    if (search === "") {
      // A search's offset cursor after the search box was cleared: say so
      // rather than let Convex reject it as a malformed cursor.
      if (args.cursor?.startsWith(SEARCH_CURSOR_PREFIX)) throw staleCursor();
      const page: PaginationResult<Doc<"sessions">> = await ctx.db
        .query("sessions")
        .withIndex("by_expires", (q) =>
          args.status === "active"
            ? q.gt("expires", now)
            : args.status === "expired"
              ? q.lte("expires", now)
              : q,
        )
        .order("desc")
        .paginate({ cursor: args.cursor ?? null, numItems: limit });
      return {
        sessions: await Promise.all(page.page.map(toRow)),
        nextCursor: page.isDone ? null : page.continueCursor,
        searchTruncated: false,
      };
    }

    let offset = 0;
    if (args.cursor) {
      const parsed = args.cursor.startsWith(SEARCH_CURSOR_PREFIX)
        ? Number(args.cursor.slice(SEARCH_CURSOR_PREFIX.length))
        : NaN;
      if (!Number.isInteger(parsed) || parsed < 0) throw staleCursor();
      offset = parsed;
    }

    const scanned = await ctx.db.query("users").take(SEARCH_USER_SCAN + 1);
    const matches = scanned
      .slice(0, SEARCH_USER_SCAN)
      .filter((u) => u.email?.toLowerCase().includes(search));
    const searchTruncated =
      scanned.length > SEARCH_USER_SCAN || matches.length > SEARCH_MAX_USERS;

    const found: Doc<"sessions">[] = [];
    for (const user of matches.slice(0, SEARCH_MAX_USERS)) {
      for (const s of await sessionsOfUser(ctx, user._id)) {
        const active = isLive(s, now);
        if (args.status === "active" && !active) continue;
        if (args.status === "expired" && active) continue;
        found.push(s);
      }
    }
    found.sort(
      (a, b) => b.expires - a.expires || b._creationTime - a._creationTime,
    );
    const slice = found.slice(offset, offset + limit);
    const end = offset + slice.length;
    return {
      sessions: await Promise.all(slice.map(toRow)),
      nextCursor: end < found.length ? `${SEARCH_CURSOR_PREFIX}${end}` : null,
      searchTruncated,
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
