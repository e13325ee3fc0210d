// The Auth.js database adapter, Next.js side: each operation calls its counterpart in
// `convex/authAdapter.ts` over HTTP with the shared adapter secret. This file turns
// Auth.js shapes into what the Convex validators accept (Dates → ms, only known
// fields, no `undefined`) and back (ms → Dates, `null` for absent optional fields),
// and records the device when a session is created.
//
// Conformance: every operation passes Auth.js's official adapter suite as written
// (`tests/adapter-conformance.test.ts`). Ids are handed to Convex as the strings Auth.js
// gives; Convex normalises them. The one documented choice: `getSessionAndUser` returns
// exactly the stored session, `{ id, sessionToken, userId, expires }`, where `id` is the
// Convex `sessions` id, i.e. the device id the Convex token names. The app's other
// per-session value, `lastSeenAt`, is not a field of Auth.js's session model, so it does
// not ride in the session: the adapter files it under the user object it returns, which
// Auth.js hands as is to the `session` callback, and `sessionActivity(user)` reads it
// there. Nothing is added to what the suite compares.
//
// Arguments are built field by field on purpose: a value the Convex validator
// rejects would make Convex echo the whole argument object, secret included, into
// the error and the logs.
import "server-only";
import type {
  Adapter,
  AdapterAccount,
  AdapterAccountType,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from "@auth/core/adapters";
import { ConvexHttpClient, type HttpMutationOptions } from "convex/browser";
import type {
  ArgsAndOptions,
  FunctionArgs,
  FunctionReference,
  FunctionReturnType,
} from "convex/server";
import { headers } from "next/headers";
import { api } from "@/convex/_generated/api";
import { appErrorData, ErrorCode } from "@/convex/errors";
import { LAST_SEEN_INTERVAL_MS } from "@/convex/shared/limits";
import { clientIp, describeDevice, platformHints, type ClientIpTrust } from "@/lib/device";
import { getServerEnv } from "@/lib/env";
import type { SignInMethod } from "@/convex/shared/signIn";
import { currentAuthRequest, notePasskeyRefusal } from "./auth-request";
/** User agents are stored for support; anything longer is not a real browser's. */
const MAX_USER_AGENT = 512;

export type ConvexAdapterOptions = {
  /** Convex deployment URL; default NEXT_PUBLIC_CONVEX_URL. */
  url?: string;
  /** Default CONVEX_AUTH_ADAPTER_SECRET. */
  secret?: string;
  /** Which headers say the client's IP; default from TRUSTED_PROXY_HOPS / CLIENT_IP_HEADER. */
  clientIpTrust?: ClientIpTrust;
  /** How a session created by a callback of this provider signed in (recorded on it). */
  signInMethodOf?: (providerId: string) => SignInMethod | undefined;
};

/**
 * The session shape our adapter returns: Auth.js's, plus the row's `id`, which is the
 * device id (the Convex `sessions` id) that goes into the Convex token.
 */
export type ConvexAdapterSession = AdapterSession & { id: string };

/** What the adapter read beside a session, for the `session` callback. */
export type SessionActivity = {
  /** Last recorded activity; null for a session never touched. */
  lastSeenAt: Date | null;
};

// Keyed by the user object `getSessionAndUser` returned: Auth.js passes that very object
// to the `session` callback, and the entry goes away with it (no state across requests).
const activityByUser = new WeakMap<AdapterUser, SessionActivity>();

/**
 * The activity of the session `getSessionAndUser` returned together with `user`, or
 * undefined for a user object that did not come from there.
 */
export function sessionActivity(user: AdapterUser): SessionActivity | undefined {
  return activityByUser.get(user);
}

// ---------------------------------------------------------------------------
// One HTTP client per deployment URL for the whole process.

const clients = new Map<string, ConvexHttpClient>();

function clientFor(url: string): ConvexHttpClient {
  let client = clients.get(url);
  if (client === undefined) {
    client = new ConvexHttpClient(url);
    clients.set(url, client);
  }
  return client;
}

/**
 * Adapter mutations skip the client's queue: the one client is shared by every
 * request in this process, and its default queue would make unrelated users'
 * sign-ins wait on each other. Each request still awaits its own calls in order.
 */
async function mutate<M extends FunctionReference<"mutation">>(
  client: ConvexHttpClient,
  ref: M,
  args: FunctionArgs<M>,
): Promise<FunctionReturnType<M>> {
  const rest = [args, { skipQueue: true }] as ArgsAndOptions<M, HttpMutationOptions>;
  try {
    return await client.mutation(ref, ...rest);
  } catch (error) {
    // A passkey refusal (counter, another user's credential, ...) is told to the browser.
    notePasskeyRefusal(error);
    throw error;
  }
}

/** Another adapter-secret mutation (e.g. the passkey challenges), as the adapter calls its own. */
export function adapterMutation<M extends FunctionReference<"mutation">>(
  options: ConvexAdapterOptions,
  ref: M,
  args: Omit<FunctionArgs<M>, "secret">,
): Promise<FunctionReturnType<M>> {
  const { client, secret } = resolve(options);
  return mutate(client, ref, { ...args, secret } as FunctionArgs<M>);
}

function resolve(options: ConvexAdapterOptions): {
  client: ConvexHttpClient;
  secret: string;
} {
  const needsEnv = options.url === undefined || options.secret === undefined;
  const env = needsEnv ? getServerEnv() : null;
  const url = options.url ?? env!.NEXT_PUBLIC_CONVEX_URL;
  const secret = options.secret ?? env!.CONVEX_AUTH_ADAPTER_SECRET;
  return { client: clientFor(url), secret };
}

// ---------------------------------------------------------------------------
// Conversions

type ConvexUser = {
  id: string;
  name?: string | null;
  email?: string | null;
  emailVerified?: number | null;
  image?: string | null;
};

type ConvexSession = {
  id: string;
  userId: string;
  sessionToken: string;
  expires: number;
};

type ConvexAccount = {
  userId: string;
  type: AdapterAccountType;
  provider: string;
  providerAccountId: string;
  refresh_token?: string;
  access_token?: string;
  expires_at?: number;
  token_type?: string;
  scope?: string;
  id_token?: string;
  session_state?: string;
};

type ConvexAuthenticator = {
  credentialID: string;
  userId: string;
  providerAccountId: string;
  credentialPublicKey: string;
  counter: number;
  credentialDeviceType: string;
  credentialBackedUp: boolean;
  transports?: string;
};

const toMs = (date: Date) => date.getTime();

function toAdapterUser(user: ConvexUser): AdapterUser {
  return {
    id: user.id,
    name: user.name ?? null,
    // Auth.js types e-mail as always present; OAuth users without one get "".
    email: user.email ?? "",
    emailVerified:
      user.emailVerified === null || user.emailVerified === undefined
        ? null
        : new Date(user.emailVerified),
    image: user.image ?? null,
  };
}

function toAdapterSession(session: ConvexSession): ConvexAdapterSession {
  return {
    id: session.id,
    sessionToken: session.sessionToken,
    userId: session.userId,
    expires: new Date(session.expires),
  };
}

function toAdapterAccount(account: ConvexAccount): AdapterAccount {
  const { token_type, ...rest } = account;
  // Returned as stored; the type's lower-case claim is the spec's (RFC 6749 §7.1).
  return token_type === undefined ? rest : { ...rest, token_type: token_type as Lowercase<string> };
}

function toAdapterAuthenticator(row: ConvexAuthenticator): AdapterAuthenticator {
  return { ...row, transports: row.transports ?? null };
}

function toVerificationToken(row: {
  identifier: string;
  token: string;
  expires: number;
}): VerificationToken {
  return {
    identifier: row.identifier,
    token: row.token,
    expires: new Date(row.expires),
  };
}

/** `{ a: 1, b: undefined }` → `{ a: 1 }`: Convex arguments cannot hold undefined. */
function defined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** A string field, or undefined when absent, null or not a string (tokens vary by provider). */
function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function userFieldsOf(user: Partial<AdapterUser>) {
  return defined({
    name: user.name === undefined ? undefined : (user.name ?? null),
    email: user.email === undefined ? undefined : (user.email ?? null),
    emailVerified:
      user.emailVerified === undefined
        ? undefined
        : user.emailVerified === null
          ? null
          : toMs(user.emailVerified),
    image: user.image === undefined ? undefined : (user.image ?? null),
  });
}

const ACCOUNT_TYPES: ReadonlySet<string> = new Set(["oauth", "oidc", "email", "webauthn"]);

/** Only the columns we store; providers add others (`expires_in`, ...) that we drop. */
function accountFieldsOf(account: AdapterAccount) {
  if (!ACCOUNT_TYPES.has(account.type)) {
    throw new Error(`Unsupported account type: ${String(account.type)}`);
  }
  return defined({
    userId: account.userId,
    type: account.type,
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    refresh_token: str(account.refresh_token),
    access_token: str(account.access_token),
    expires_at: num(account.expires_at),
    token_type: str(account.token_type),
    scope: str(account.scope),
    id_token: str(account.id_token),
    session_state: str(account.session_state),
  });
}

/** What we can tell about the requesting device; nothing outside a request. */
async function currentDevice(trust: ClientIpTrust | undefined) {
  try {
    const requestHeaders = await headers();
    const userAgent = requestHeaders.get("user-agent");
    const device = describeDevice(userAgent, platformHints(requestHeaders));
    return defined({
      userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT) : undefined,
      browser: device.browser ?? undefined,
      os: device.os ?? undefined,
      deviceType: device.deviceType,
      ip: clientIp(requestHeaders, trust ?? getServerEnv().clientIp) ?? undefined,
    });
  } catch {
    // Outside a request scope (scripts, tests) there is no device to record.
    return {};
  }
}

async function currentIp(trust: ClientIpTrust | undefined): Promise<string | null> {
  try {
    return clientIp(await headers(), trust ?? getServerEnv().clientIp);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// The adapter

export function ConvexAdapter(options: ConvexAdapterOptions = {}): Adapter {
  const { client, secret } = resolve(options);
  const a = api.authAdapter;

  return {
    async createUser(user) {
      return toAdapterUser(await mutate(client, a.createUser, { secret, ...userFieldsOf(user) }));
    },

    async getUser(id) {
      const user = await client.query(a.getUser, { secret, id });
      return user === null ? null : toAdapterUser(user);
    },

    async getUserByEmail(email) {
      const user = await client.query(a.getUserByEmail, { secret, email });
      return user === null ? null : toAdapterUser(user);
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const user = await client.query(a.getUserByAccount, {
        secret,
        provider,
        providerAccountId,
      });
      return user === null ? null : toAdapterUser(user);
    },

    async updateUser(user) {
      return toAdapterUser(
        await mutate(client, a.updateUser, {
          secret,
          id: user.id,
          ...userFieldsOf(user),
        }),
      );
    },

    async deleteUser(id) {
      const user = await mutate(client, a.deleteUser, { secret, id });
      return user === null ? null : toAdapterUser(user);
    },

    async linkAccount(account) {
      return toAdapterAccount(
        await mutate(client, a.linkAccount, {
          secret,
          ...accountFieldsOf(account),
        }),
      );
    },

    async unlinkAccount({ provider, providerAccountId }) {
      const account = await mutate(client, a.unlinkAccount, {
        secret,
        provider,
        providerAccountId,
      });
      return account === null ? undefined : toAdapterAccount(account);
    },

    async getAccount(providerAccountId, provider) {
      const account = await client.query(a.getAccount, {
        secret,
        provider,
        providerAccountId,
      });
      return account === null ? null : toAdapterAccount(account);
    },

    async createSession({ sessionToken, userId, expires }) {
      const request = currentAuthRequest();
      const provider = request?.callbackProvider;
      const signInMethod = provider ? options.signInMethodOf?.(provider) : undefined;
      const session = toAdapterSession(
        await mutate(client, a.createSession, {
          secret,
          sessionToken,
          userId,
          expires: toMs(expires),
          ...(signInMethod ? { signInMethod } : {}),
          ...(await currentDevice(options.clientIpTrust)),
        }),
      );
      if (request) request.createdSession = true;
      return session;
    },

    async getSessionAndUser(sessionToken) {
      const found = await client.query(a.getSessionAndUser, {
        secret,
        sessionToken,
      });
      if (found === null) return null;
      const request = currentAuthRequest();
      if (request) request.sessionId = found.session.id;
      const user = toAdapterUser(found.user);
      const lastSeenAt = "lastSeenAt" in found ? found.lastSeenAt : undefined;
      activityByUser.set(user, {
        lastSeenAt: lastSeenAt === undefined ? null : new Date(lastSeenAt),
      });
      return { session: toAdapterSession(found.session), user };
    },

    async updateSession({ sessionToken, expires }) {
      const session = await mutate(
        client,
        a.updateSession,
        defined({
          secret,
          sessionToken,
          expires: expires ? toMs(expires) : undefined,
        }),
      );
      return session === null ? null : toAdapterSession(session);
    },

    async deleteSession(sessionToken) {
      const session = await mutate(client, a.deleteSession, {
        secret,
        sessionToken,
      });
      return session === null ? null : toAdapterSession(session);
    },

    async createVerificationToken({ identifier, token, expires }) {
      return toVerificationToken(
        await mutate(client, a.createVerificationToken, {
          secret,
          identifier,
          token,
          expires: toMs(expires),
        }),
      );
    },

    async useVerificationToken({ identifier, token }) {
      const row = await mutate(client, a.useVerificationToken, {
        secret,
        identifier,
        token,
      });
      return row === null ? null : toVerificationToken(row);
    },

    async createAuthenticator(authenticator) {
      const name = currentAuthRequest()?.passkeyName ?? undefined;
      return toAdapterAuthenticator(
        await mutate(
          client,
          a.createAuthenticator,
          defined({
            secret,
            credentialID: authenticator.credentialID,
            userId: authenticator.userId,
            providerAccountId: authenticator.providerAccountId,
            credentialPublicKey: authenticator.credentialPublicKey,
            counter: authenticator.counter,
            credentialDeviceType: authenticator.credentialDeviceType,
            credentialBackedUp: authenticator.credentialBackedUp,
            transports: authenticator.transports ?? undefined,
            name,
          }),
        ),
      );
    },

    async getAuthenticator(credentialID) {
      const row = await client.query(a.getAuthenticator, {
        secret,
        credentialID,
      });
      // Only a passkey sign-in asks for one by credential: an unknown one is refused.
      if (row === null) notePasskeyRefusal("PASSKEY_UNKNOWN");
      return row === null ? null : toAdapterAuthenticator(row);
    },

    async listAuthenticatorsByUserId(userId) {
      const rows = await client.query(a.listAuthenticatorsByUserId, {
        secret,
        userId,
      });
      return rows.map(toAdapterAuthenticator);
    },

    async updateAuthenticatorCounter(credentialID, newCounter) {
      return toAdapterAuthenticator(
        await mutate(client, a.updateAuthenticatorCounter, {
          secret,
          credentialID,
          newCounter,
        }),
      );
    },
  };
}

/**
 * Record activity on a session at most every 5 minutes. Costs nothing (no Convex
 * call) while `lastSeenAt` is fresh, so the app can call it on every request, e.g.
 * from the `session` callback with the session's token and `sessionActivity(user)`.
 * The IP defaults to the current request's. Best effort:
 * failures are logged and reported as `false`, never thrown, so a caller may leave
 * the promise unawaited.
 */
export async function touchSessionIfStale(
  session: { sessionToken: string; lastSeenAt?: Date | number | null },
  options: ConvexAdapterOptions & { ip?: string | null; now?: number } = {},
): Promise<boolean> {
  const now = options.now ?? Date.now();
  const last =
    session.lastSeenAt instanceof Date ? session.lastSeenAt.getTime() : (session.lastSeenAt ?? 0);
  if (now - last < LAST_SEEN_INTERVAL_MS) return false;
  try {
    const { client, secret } = resolve(options);
    const ip = options.ip === undefined ? await currentIp(options.clientIpTrust) : options.ip;
    return await mutate(
      client,
      api.authAdapter.touchSession,
      defined({
        secret,
        sessionToken: session.sessionToken,
        ip: ip ?? undefined,
      }),
    );
  } catch (error) {
    // Only the message: never the arguments, which hold the secret and the token.
    console.warn(
      `[auth] could not record session activity: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}

// ---------------------------------------------------------------------------
// Sign-in links: counted in Convex before one is sent (lib/rateLimits.ts there).

/**
 * Count a sign-in link to `identifier` from the current request's client: true when it may
 * go out, false when a limit refuses it (the refusal is the same whether or not the address
 * has an account). Any other failure throws.
 */
export async function allowMagicLink(
  identifier: string,
  options: ConvexAdapterOptions = {},
): Promise<boolean> {
  const { client, secret } = resolve(options);
  const ip = await currentIp(options.clientIpTrust);
  try {
    await mutate(client, api.authAdapter.allowMagicLink, defined({ secret, identifier, ip: ip ?? undefined }));
    return true;
  } catch (error) {
    if (appErrorData(error)?.code === ErrorCode.RATE_LIMITED) return false;
    throw error;
  }
}

/** Why a sign-in link to `identifier` cannot go out now ("… Try again in 4 minutes."), or null. */
export async function magicLinkWait(
  identifier: string,
  options: ConvexAdapterOptions = {},
): Promise<string | null> {
  const { client, secret } = resolve(options);
  const ip = await currentIp(options.clientIpTrust);
  const wait = await client.query(
    api.authAdapter.magicLinkWait,
    defined({ secret, identifier, ip: ip ?? undefined }),
  );
  return wait?.message ?? null;
}
