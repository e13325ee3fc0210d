// The Auth.js database adapter, Convex side: one public function per adapter
// operation, called over HTTP by the Next.js server (`server/auth-adapter.ts`). They are
// public because Convex has no server-to-server auth for internal functions, so each
// takes the shared `secret` and refuses the call (BAD_ADAPTER_SECRET, nothing read or
// written) unless it equals env `CONVEX_AUTH_ADAPTER_SECRET`.
//
// Conformance: results are Auth.js's own model, exactly as stored, so the official
// adapter suite (`tests/adapter-conformance.test.ts`) compares them with the raw rows.
// Dates are milliseconds; a document's `_id` is returned as `id` (for a session that is
// the device id, the second half of the Convex token's `sub`); no other system fields.
// Ids arrive as untrusted strings and are normalised: an id that names no row of the
// table reads as "not found", never as an argument error.
//
// The one documented choice: `getSessionAndUser` returns exactly the stored session
// ({ id, sessionToken, userId, expires }), and the activity time the app keeps beside it
// (`lastSeenAt`) travels next to it, not inside it; the Next.js side hands it to the
// session callback (see `sessionActivity` in server/auth-adapter.ts).
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { internal } from "./_generated/api";
import { internalMutation, internalQuery, type MutationCtx, type QueryCtx } from "./_generated/server";
import { appError, ErrorCode } from "./errors";
import { adapterMutation, adapterQuery } from "./lib/functions";
import { consumeAll, peek, type LimitName } from "./lib/rateLimits";
import {
  authenticatorByCredential,
  checkCounter,
  checkPasskeyName,
  passkeyRefused,
} from "./lib/passkeys";
import { endSession, endSessionsOfUser, evictBeyondCap, SESSION_BATCH } from "./lib/sessions";
import {
  accountFields,
  authenticatorFields,
  deviceFields,
  signInMethodValidator,
  userFields,
  verificationTokenFields,
} from "./schema";
import { LAST_SEEN_INTERVAL_MS } from "./shared/limits";

// ---------------------------------------------------------------------------
// Result shapes

export const adapterUserValidator = v.object({
  id: v.id("users"),
  ...userFields,
});
export const adapterAccountValidator = v.object(accountFields);
export const adapterSessionValidator = v.object({
  /** The session document's `_id`: the device id. */
  id: v.id("sessions"),
  userId: v.id("users"),
  sessionToken: v.string(),
  expires: v.number(),
});
export const verificationTokenValidator = v.object(verificationTokenFields);
export const adapterAuthenticatorValidator = v.object(authenticatorFields);

export type AdapterUserData = Infer<typeof adapterUserValidator>;
export type AdapterSessionData = Infer<typeof adapterSessionValidator>;

function toUser(doc: Doc<"users">): AdapterUserData {
  const { _id, _creationTime, ...fields } = doc;
  void _creationTime;
  return { id: _id, ...fields };
}

function toAccount(
  doc: Doc<"accounts">,
): Infer<typeof adapterAccountValidator> {
  const { _id, _creationTime, ...fields } = doc;
  void _id;
  void _creationTime;
  return fields;
}

function toSession(doc: Doc<"sessions">): AdapterSessionData {
  return {
    id: doc._id,
    userId: doc.userId,
    sessionToken: doc.sessionToken,
    expires: doc.expires,
  };
}

function toVerificationToken(
  doc: Doc<"verificationTokens">,
): Infer<typeof verificationTokenValidator> {
  return { identifier: doc.identifier, token: doc.token, expires: doc.expires };
}

/** Auth.js's authenticator fields only: the passkey's name and last use stay ours. */
function toAuthenticator(
  doc: Doc<"authenticators">,
): Infer<typeof adapterAuthenticatorValidator> {
  const { _id, _creationTime, name, lastUsedAt, ...fields } = doc;
  void _id;
  void _creationTime;
  void name;
  void lastUsedAt;
  return fields;
}

// ---------------------------------------------------------------------------
// Lookups shared by several operations

async function userByEmail(ctx: Pick<QueryCtx, "db">, email: string) {
  return ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .first();
}

async function accountByProvider(
  ctx: Pick<QueryCtx, "db">,
  provider: string,
  providerAccountId: string,
) {
  return ctx.db
    .query("accounts")
    .withIndex("by_provider_providerAccountId", (q) =>
      q.eq("provider", provider).eq("providerAccountId", providerAccountId),
    )
    .unique();
}

async function sessionByToken(ctx: Pick<QueryCtx, "db">, sessionToken: string) {
  return ctx.db
    .query("sessions")
    .withIndex("by_sessionToken", (q) => q.eq("sessionToken", sessionToken))
    .unique();
}

const authenticatorById = authenticatorByCredential;

/** A user id given as a string, checked to name an existing user, or NOT_FOUND. */
async function requireUser(ctx: Pick<QueryCtx, "db">, rawId: string): Promise<Id<"users">> {
  const id = ctx.db.normalizeId("users", rawId);
  if (id === null || (await ctx.db.get(id)) === null) {
    throw appError(ErrorCode.NOT_FOUND, "No such user.");
  }
  return id;
}

function emailTaken(): never {
  // A database with a unique e-mail column would refuse this too; Auth.js looks the
  // address up first, so reaching this means a race or a bug.
  throw appError(
    ErrorCode.INVALID_INPUT,
    "A user with this e-mail address already exists.",
  );
}

// ---------------------------------------------------------------------------
// Users

export const createUser = adapterMutation({
  args: userFields,
  returns: adapterUserValidator,
  handler: async (ctx, user) => {
    if (user.email && (await userByEmail(ctx, user.email)) !== null)
      emailTaken();
    const id = await ctx.db.insert("users", user);
    return toUser((await ctx.db.get(id))!);
  },
});

export const getUser = adapterQuery({
  args: { id: v.string() },
  returns: v.union(adapterUserValidator, v.null()),
  handler: async (ctx, { id }) => {
    // Auth.js may ask for any string (e.g. an id from another adapter): not an error.
    const userId = ctx.db.normalizeId("users", id);
    if (userId === null) return null;
    const user = await ctx.db.get(userId);
    return user === null ? null : toUser(user);
  },
});

export const getUserByEmail = adapterQuery({
  args: { email: v.string() },
  returns: v.union(adapterUserValidator, v.null()),
  handler: async (ctx, { email }) => {
    const user = await userByEmail(ctx, email);
    return user === null ? null : toUser(user);
  },
});

export const getUserByAccount = adapterQuery({
  args: { provider: v.string(), providerAccountId: v.string() },
  returns: v.union(adapterUserValidator, v.null()),
  handler: async (ctx, { provider, providerAccountId }) => {
    const account = await accountByProvider(ctx, provider, providerAccountId);
    if (account === null) return null;
    const user = await ctx.db.get(account.userId);
    return user === null ? null : toUser(user);
  },
});

export const updateUser = adapterMutation({
  args: { id: v.string(), ...userFields },
  returns: adapterUserValidator,
  handler: async (ctx, { id: rawId, ...fields }) => {
    const id = ctx.db.normalizeId("users", rawId);
    const existing = id === null ? null : await ctx.db.get(id);
    if (id === null || existing === null) {
      throw appError(ErrorCode.NOT_FOUND, "No such user.");
    }
    if (fields.email && fields.email !== existing.email) {
      const other = await userByEmail(ctx, fields.email);
      if (other !== null && other._id !== id) emailTaken();
    }
    await ctx.db.patch(id, fields);
    return toUser((await ctx.db.get(id))!);
  },
});

/**
 * A deleted user's accounts, passkeys and store memberships, SESSION_BATCH of each per
 * transaction; the rest in scheduled batches (normally there are a handful).
 */
async function deleteIdentityRows(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  let more = false;
  for (const table of ["accounts", "authenticators", "memberships"] as const) {
    const rows = await ctx.db
      .query(table)
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .take(SESSION_BATCH);
    for (const row of rows) await ctx.db.delete(row._id);
    more ||= rows.length === SESSION_BATCH;
  }
  if (more) await ctx.scheduler.runAfter(0, internal.authAdapter.deleteUserRows, { userId });
}

export const deleteUserRows = internalMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    await deleteIdentityRows(ctx, userId);
    return null;
  },
});

/**
 * Delete a user and everything that is theirs as a sign-in identity: sessions (with
 * their carts and settings, via `endSession`), accounts, authenticators and store
 * memberships. Orders stay: they are the stores' records too. Sessions beyond the first
 * batch end in scheduled batches; none of them can act once the user row is gone.
 */
export const deleteUser = adapterMutation({
  args: { id: v.string() },
  returns: v.union(adapterUserValidator, v.null()),
  handler: async (ctx, args) => {
    const id = ctx.db.normalizeId("users", args.id);
    if (id === null) return null;
    const user = await ctx.db.get(id);
    await endSessionsOfUser(ctx, id);
    await deleteIdentityRows(ctx, id);
    if (user === null) return null;
    await ctx.db.delete(id);
    return toUser(user);
  },
});

// ---------------------------------------------------------------------------
// Accounts

export const linkAccount = adapterMutation({
  args: { ...accountFields, userId: v.string() },
  returns: adapterAccountValidator,
  handler: async (ctx, { userId: rawUserId, ...fields }) => {
    const userId = await requireUser(ctx, rawUserId);
    const account = { ...fields, userId };
    const existing = await accountByProvider(
      ctx,
      account.provider,
      account.providerAccountId,
    );
    if (existing !== null) {
      if (account.type === "webauthn" && existing.userId !== userId) {
        throw passkeyRefused("PASSKEY_OTHER_USER");
      }
      throw appError(
        ErrorCode.INVALID_INPUT,
        "This provider account is already linked to a user.",
      );
    }
    const id = await ctx.db.insert("accounts", account);
    return toAccount((await ctx.db.get(id))!);
  },
});

export const unlinkAccount = adapterMutation({
  args: { provider: v.string(), providerAccountId: v.string() },
  returns: v.union(adapterAccountValidator, v.null()),
  handler: async (ctx, { provider, providerAccountId }) => {
    const account = await accountByProvider(ctx, provider, providerAccountId);
    if (account === null) return null;
    await ctx.db.delete(account._id);
    return toAccount(account);
  },
});

export const getAccount = adapterQuery({
  args: { provider: v.string(), providerAccountId: v.string() },
  returns: v.union(adapterAccountValidator, v.null()),
  handler: async (ctx, { provider, providerAccountId }) => {
    const account = await accountByProvider(ctx, provider, providerAccountId);
    return account === null ? null : toAccount(account);
  },
});

// ---------------------------------------------------------------------------
// Sessions

/**
 * Creates the session and records the device it was created on and how it signed in.
 * A user beyond the session cap (`MAX_SESSIONS_PER_USER`, default 50) loses the least
 * recently used sessions, each signed out live and written to the audit log.
 */
export const createSession = adapterMutation({
  args: {
    sessionToken: v.string(),
    userId: v.string(),
    expires: v.number(),
    signInMethod: v.optional(signInMethodValidator),
    ...deviceFields,
  },
  returns: adapterSessionValidator,
  handler: async (ctx, { userId: rawUserId, ...session }) => {
    const userId = await requireUser(ctx, rawUserId);
    const id = await ctx.db.insert("sessions", {
      ...session,
      userId,
      lastSeenAt: Date.now(),
    });
    await evictBeyondCap(ctx, userId, id);
    return toSession((await ctx.db.get(id))!);
  },
});

/**
 * The session (its `id` is the device id) and its user, or null; beside them, not in
 * the session, when this device was last seen (absent for a session never touched).
 */
export const getSessionAndUser = adapterQuery({
  args: { sessionToken: v.string() },
  returns: v.union(
    v.object({
      session: adapterSessionValidator,
      user: adapterUserValidator,
      lastSeenAt: v.optional(v.number()),
    }),
    v.null(),
  ),
  handler: async (ctx, { sessionToken }) => {
    const session = await sessionByToken(ctx, sessionToken);
    if (session === null) return null;
    const user = await ctx.db.get(session.userId);
    if (user === null) return null;
    const found = { session: toSession(session), user: toUser(user) };
    return session.lastSeenAt === undefined
      ? found
      : { ...found, lastSeenAt: session.lastSeenAt };
  },
});

export const updateSession = adapterMutation({
  args: { sessionToken: v.string(), expires: v.optional(v.number()) },
  returns: v.union(adapterSessionValidator, v.null()),
  handler: async (ctx, { sessionToken, expires }) => {
    const session = await sessionByToken(ctx, sessionToken);
    if (session === null) return null;
    if (expires !== undefined) await ctx.db.patch(session._id, { expires });
    return toSession((await ctx.db.get(session._id))!);
  },
});

/** Sign-out: the session goes with its device's carts and settings. */
export const deleteSession = adapterMutation({
  args: { sessionToken: v.string() },
  returns: v.union(adapterSessionValidator, v.null()),
  handler: async (ctx, { sessionToken }) => {
    const session = await sessionByToken(ctx, sessionToken);
    if (session === null) return null;
    await endSession(ctx, session._id);
    return toSession(session);
  },
});

/**
 * Record activity: sets `lastSeenAt` (and `ip`, when given) only when the last
 * record is older than LAST_SEEN_INTERVAL_MS, so frequent requests cost no writes.
 * Returns whether it wrote. Missing or expired sessions are left alone.
 */
export const touchSession = adapterMutation({
  args: { sessionToken: v.string(), ip: v.optional(v.string()) },
  returns: v.boolean(),
  handler: async (ctx, { sessionToken, ip }) => {
    const session = await sessionByToken(ctx, sessionToken);
    const now = Date.now();
    if (session === null || session.expires <= now) return false;
    if (now - (session.lastSeenAt ?? 0) < LAST_SEEN_INTERVAL_MS) return false;
    await ctx.db.patch(
      session._id,
      ip === undefined ? { lastSeenAt: now } : { lastSeenAt: now, ip },
    );
    return true;
  },
});

// ---------------------------------------------------------------------------
// Verification tokens (e-mail sign-in)

const magicLinkArgs = { identifier: v.string(), ip: v.optional(v.string()) };

/** The buckets one sign-in link counts against: its address, the client IP, everyone. */
function magicLinkBuckets(identifier: string, ip: string | undefined): Array<[LimitName, string]> {
  return [
    ["magicLinkPerAddress", identifier.trim().toLowerCase()],
    ...(ip ? ([["magicLinkPerIp", ip]] as Array<[LimitName, string]>) : []),
    ["magicLinkGlobal", "everyone"],
  ];
}

/**
 * Called before a sign-in link is sent (auth.ts `signIn` callback): counts it, or refuses
 * with RATE_LIMITED. The same for every address, with or without an account, so the answer
 * says nothing about who is registered.
 */
export const allowMagicLink = adapterMutation({
  args: magicLinkArgs,
  returns: v.null(),
  handler: async (ctx, { identifier, ip }) => {
    await consumeAll(ctx, magicLinkBuckets(identifier, ip));
    return null;
  },
});

/** When the next sign-in link for this address and IP could go out, if not now. */
export const magicLinkWait = adapterQuery({
  args: magicLinkArgs,
  returns: v.union(v.null(), v.object({ message: v.string(), retryAt: v.number() })),
  handler: async (ctx, { identifier, ip }) => {
    for (const [name, key] of magicLinkBuckets(identifier, ip)) {
      const wait = await peek(ctx, name, key);
      if (wait !== null) return wait;
    }
    return null;
  },
});

export const createVerificationToken = adapterMutation({
  args: verificationTokenFields,
  returns: verificationTokenValidator,
  handler: async (ctx, token) => {
    const id = await ctx.db.insert("verificationTokens", token);
    return toVerificationToken((await ctx.db.get(id))!);
  },
});

/** Single use: returns the token and deletes it in the same transaction; null if absent. */
export const useVerificationToken = adapterMutation({
  args: { identifier: v.string(), token: v.string() },
  returns: v.union(verificationTokenValidator, v.null()),
  handler: async (ctx, { identifier, token }) => {
    const row = await ctx.db
      .query("verificationTokens")
      .withIndex("by_identifier_token", (q) =>
        q.eq("identifier", identifier).eq("token", token),
      )
      .first();
    if (row === null) return null;
    await ctx.db.delete(row._id);
    return toVerificationToken(row);
  },
});

// ---------------------------------------------------------------------------
// Authenticators (WebAuthn)

/**
 * A new passkey, with the name its owner chose (`name`, optional). A credential that is
 * registered already is refused: PASSKEY_OTHER_USER when it is another user's.
 */
export const createAuthenticator = adapterMutation({
  args: { ...authenticatorFields, userId: v.string(), name: v.optional(v.string()) },
  returns: adapterAuthenticatorValidator,
  handler: async (ctx, { userId: rawUserId, name, ...fields }) => {
    const userId = await requireUser(ctx, rawUserId);
    const existing = await authenticatorById(ctx, fields.credentialID);
    if (existing !== null) {
      if (existing.userId !== userId) throw passkeyRefused("PASSKEY_OTHER_USER");
      throw appError(
        ErrorCode.INVALID_INPUT,
        "This credential is already registered.",
      );
    }
    const id = await ctx.db.insert("authenticators", {
      ...fields,
      userId,
      name: checkPasskeyName(name),
    });
    return toAuthenticator((await ctx.db.get(id))!);
  },
});

export const getAuthenticator = adapterQuery({
  args: { credentialID: v.string() },
  returns: v.union(adapterAuthenticatorValidator, v.null()),
  handler: async (ctx, { credentialID }) => {
    const row = await authenticatorById(ctx, credentialID);
    return row === null ? null : toAuthenticator(row);
  },
});

/** Newest first, as the official suite expects; an unknown user id has none. */
export const listAuthenticatorsByUserId = adapterQuery({
  args: { userId: v.string() },
  returns: v.array(adapterAuthenticatorValidator),
  handler: async (ctx, args) => {
    const userId = ctx.db.normalizeId("users", args.userId);
    if (userId === null) return [];
    const rows = await ctx.db
      .query("authenticators")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .order("desc")
      .collect();
    return rows.map(toAuthenticator);
  },
});

/** After a passkey sign-in: the new signature count (never lower) and the time of use. */
export const updateAuthenticatorCounter = adapterMutation({
  args: { credentialID: v.string(), newCounter: v.number() },
  returns: adapterAuthenticatorValidator,
  handler: async (ctx, { credentialID, newCounter }) => {
    const row = await authenticatorById(ctx, credentialID);
    if (row === null) throw passkeyRefused("PASSKEY_UNKNOWN");
    checkCounter(row.counter, newCounter);
    // Called once per successful passkey sign-in: that is its last use.
    await ctx.db.patch(row._id, { counter: newCounter, lastUsedAt: Date.now() });
    return toAuthenticator((await ctx.db.get(row._id))!);
  },
});

// ---------------------------------------------------------------------------
// Raw rows, for the `db` helpers of the adapter conformance suite: internal, so only a
// deploy key (on the local backend: the tests' admin key) reaches it, never the app.

export const storedRow = internalQuery({
  args: {
    lookup: v.union(
      v.object({ table: v.literal("users"), id: v.string() }),
      v.object({ table: v.literal("sessions"), sessionToken: v.string() }),
      v.object({
        table: v.literal("accounts"),
        provider: v.string(),
        providerAccountId: v.string(),
      }),
      v.object({
        table: v.literal("verificationTokens"),
        identifier: v.string(),
        token: v.string(),
      }),
      v.object({ table: v.literal("authenticators"), credentialID: v.string() }),
    ),
  },
  returns: v.any(),
  handler: async (ctx, { lookup }) => {
    switch (lookup.table) {
      case "users": {
        const id = ctx.db.normalizeId("users", lookup.id);
        return id === null ? null : await ctx.db.get(id);
      }
      case "sessions":
        return await sessionByToken(ctx, lookup.sessionToken);
      case "accounts":
        return await accountByProvider(ctx, lookup.provider, lookup.providerAccountId);
      case "verificationTokens":
        return await ctx.db
          .query("verificationTokens")
          .withIndex("by_identifier_token", (q) =>
            q.eq("identifier", lookup.identifier).eq("token", lookup.token),
          )
          .first();
      case "authenticators":
        return await authenticatorById(ctx, lookup.credentialID);
    }
  },
});
