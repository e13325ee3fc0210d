// The tables of the app, one place. Field-validator objects are exported so that
// function `args` reuse them instead of restating shapes.
//
// Auth.js owns `users`, `accounts`, `sessions`, `verificationTokens` and
// `authenticators` (written only through the adapter functions in `authAdapter.ts`).
// A session's `_id` is the device identity: it is the second half of the Convex
// token's `sub` (`userId;sessionId`) and keys carts and device settings.
import { rateLimitTables } from "convex-helpers/server/rateLimit";
import { literals } from "convex-helpers/validators";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { DEVICE_TYPES } from "./shared/devices";
import { SIGN_IN_METHODS } from "./shared/signIn";

/** Dates are stored as milliseconds since the epoch (Convex has no Date type). */
export const userFields = {
  name: v.optional(v.union(v.string(), v.null())),
  email: v.optional(v.union(v.string(), v.null())),
  emailVerified: v.optional(v.union(v.number(), v.null())),
  image: v.optional(v.union(v.string(), v.null())),
};

export const accountFields = {
  userId: v.id("users"),
  type: v.union(
    v.literal("oauth"),
    v.literal("oidc"),
    v.literal("email"),
    v.literal("webauthn"),
  ),
  provider: v.string(),
  providerAccountId: v.string(),
  refresh_token: v.optional(v.string()),
  access_token: v.optional(v.string()),
  expires_at: v.optional(v.number()),
  token_type: v.optional(v.string()),
  scope: v.optional(v.string()),
  id_token: v.optional(v.string()),
  session_state: v.optional(v.string()),
};

export const deviceTypeValidator = literals(...DEVICE_TYPES);

/** What we know about the device a session was created on. */
export const deviceFields = {
  userAgent: v.optional(v.string()),
  browser: v.optional(v.string()),
  os: v.optional(v.string()),
  deviceType: v.optional(deviceTypeValidator),
  ip: v.optional(v.string()),
};

export const signInMethodValidator = literals(...SIGN_IN_METHODS);

export const sessionFields = {
  userId: v.id("users"),
  sessionToken: v.string(),
  /** When Auth.js considers the session over (ms). Extended on activity by Auth.js. */
  expires: v.number(),
  /** Last request seen from this device (ms); refreshed at most every few minutes. */
  lastSeenAt: v.optional(v.number()),
  /** How this session signed in; absent on sessions from before it was recorded. */
  signInMethod: v.optional(signInMethodValidator),
  ...deviceFields,
};

export const verificationTokenFields = {
  identifier: v.string(),
  /** Auth.js stores a hash of the emailed token, never the token itself. */
  token: v.string(),
  expires: v.number(),
};

export const authenticatorFields = {
  credentialID: v.string(),
  userId: v.id("users"),
  providerAccountId: v.string(),
  credentialPublicKey: v.string(),
  counter: v.number(),
  credentialDeviceType: v.string(),
  credentialBackedUp: v.boolean(),
  transports: v.optional(v.string()),
};

/** What the app keeps about a passkey beside Auth.js's authenticator fields. */
export const passkeyFields = {
  /** The name its owner gave it when adding it ("Work laptop"). */
  name: v.optional(v.string()),
  /** Last successful sign-in with it (ms). */
  lastUsedAt: v.optional(v.number()),
};

export const passkeyPurposeValidator = v.union(v.literal("register"), v.literal("authenticate"));

export const roleValidator = v.union(v.literal("owner"), v.literal("admin"));

export const storeFields = {
  slug: v.string(),
  name: v.string(),
  description: v.string(),
  /** ISO 4217 code, e.g. "EUR"; prices are integer minor units of it. */
  currency: v.string(),
  accentColor: v.string(),
  /** Path of a logo shipped under `public/`, e.g. "/stores/alpine/logo.svg". */
  logo: v.string(),
};

export const productFields = {
  storeId: v.id("stores"),
  name: v.string(),
  description: v.string(),
  category: v.string(),
  /** Integer minor units (cents) of the store's currency. */
  priceMinor: v.number(),
  stock: v.number(),
  /** Path under `public/` or a data: URI; never fetched from the internet. */
  image: v.string(),
  archived: v.boolean(),
};

export const themeValidator = v.union(
  v.literal("light"),
  v.literal("dark"),
  v.literal("system"),
);

export const orderStatusValidator = v.union(
  v.literal("placed"),
  v.literal("packed"),
  v.literal("shipped"),
  v.literal("delivered"),
  v.literal("cancelled"),
);

export const shippingFields = {
  fullName: v.string(),
  line1: v.string(),
  line2: v.optional(v.string()),
  city: v.string(),
  postalCode: v.string(),
  country: v.string(),
};

export const orderItemValidator = v.object({
  productId: v.id("products"),
  name: v.string(),
  unitPriceMinor: v.number(),
  quantity: v.number(),
});

/** Every kind of audit entry (`auditLog.action`). */
export const AUDIT_ACTIONS = [
  "session.revoke",
  "session.signOutDevice",
  "session.signOutOthers",
  "session.signOutEverywhere",
  "session.evicted",
  "admin.refused",
  "product.create",
  "product.update",
  "product.archive",
  "product.unarchive",
  "order.advance",
  "order.cancel",
] as const;
export const auditActionValidator = literals(...AUDIT_ACTIONS);

export const auditFields = {
  /** Named `action` since the first version, when admin revocations were the only kind. */
  action: auditActionValidator,
  actorUserId: v.id("users"),
  actorSessionId: v.id("sessions"),
  /** The actor's e-mail when the entry was written. */
  actorEmail: v.optional(v.union(v.string(), v.null())),
  targetUserId: v.optional(v.id("users")),
  /** A session that was ended; that row is gone by design. */
  targetSessionId: v.optional(v.id("sessions")),
  targetEmail: v.optional(v.union(v.string(), v.null())),
  storeId: v.optional(v.id("stores")),
  /** What was affected, for a person: "Chrome 131 on macOS (alice@…)", "Mug: price 2.50 → 3.00". */
  targetDescription: v.string(),
  /** Why, as the admin typed it; absent when none was given. */
  reason: v.optional(v.string()),
};

export const orderFields = {
  storeId: v.id("stores"),
  userId: v.id("users"),
  /** The session that placed it; it may be gone later, the label stays. */
  sessionId: v.id("sessions"),
  deviceLabel: v.string(),
  items: v.array(orderItemValidator),
  totalMinor: v.number(),
  currency: v.string(),
  shipping: v.object(shippingFields),
  cardLast4: v.string(),
  status: orderStatusValidator,
  /** Client-generated per checkout attempt; a retried submit finds the same order. */
  idempotencyKey: v.string(),
};

export default defineSchema({
  /** Rate-limit buckets (convex-helpers; see lib/rateLimits.ts). */
  ...rateLimitTables,

  users: defineTable(userFields).index("by_email", ["email"]),

  accounts: defineTable(accountFields)
    .index("by_provider_providerAccountId", ["provider", "providerAccountId"])
    .index("by_userId", ["userId"]),

  sessions: defineTable(sessionFields)
    .index("by_sessionToken", ["sessionToken"])
    // Kept beside by_userId_lastSeenAt for its order: a user's sessions by sign-in time.
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_userId", ["userId"])
    .index("by_userId_lastSeenAt", ["userId", "lastSeenAt"])
    .index("by_expires", ["expires"]),

  /**
   * "Sign out everywhere" / "all other devices" while it runs: the sessions of `userId`
   * created up to `before` (but `keepSessionId`) are ended in scheduled batches; the row
   * goes when the last batch is done. `total` is null when there were too many to count.
   */
  signOutJobs: defineTable({
    userId: v.id("users"),
    keepSessionId: v.optional(v.id("sessions")),
    before: v.number(),
    total: v.union(v.number(), v.null()),
    ended: v.number(),
  }).index("by_userId", ["userId"]),

  verificationTokens: defineTable(verificationTokenFields)
    .index("by_identifier_token", ["identifier", "token"])
    .index("by_expires", ["expires"]),

  authenticators: defineTable({ ...authenticatorFields, ...passkeyFields })
    .index("by_credentialID", ["credentialID"])
    .index("by_userId", ["userId"]),

  /**
   * WebAuthn challenges the server handed out and not yet answered: each is accepted once
   * and before `expiresAt` (Auth.js's own challenge cookie alone would accept a replay).
   */
  passkeyChallenges: defineTable({
    challenge: v.string(),
    purpose: passkeyPurposeValidator,
    /** Registration only: the session adding the passkey, and the name it chose. */
    sessionId: v.optional(v.id("sessions")),
    name: v.optional(v.string()),
    expiresAt: v.number(),
  })
    .index("by_challenge", ["challenge"])
    .index("by_expiresAt", ["expiresAt"]),

  stores: defineTable(storeFields).index("by_slug", ["slug"]),

  memberships: defineTable({
    storeId: v.id("stores"),
    userId: v.id("users"),
    role: roleValidator,
  })
    .index("by_storeId_userId", ["storeId", "userId"])
    .index("by_userId", ["userId"]),

  products: defineTable(productFields)
    .index("by_storeId_category", ["storeId", "category"])
    // The live catalog in the order shoppers see it, so a page of it is one index range.
    .index("by_storeId_archived_category_name", ["storeId", "archived", "category", "name"])
    .searchIndex("search_name", {
      searchField: "name",
      filterFields: ["storeId", "category", "archived"],
    }),

  /** One row per product in a device's cart for one store. */
  cartItems: defineTable({
    sessionId: v.id("sessions"),
    userId: v.id("users"),
    storeId: v.id("stores"),
    productId: v.id("products"),
    quantity: v.number(),
  })
    .index("by_sessionId_storeId_productId", [
      "sessionId",
      "storeId",
      "productId",
    ])
    .index("by_userId_storeId", ["userId", "storeId"])
    .index("by_productId", ["productId"]),

  /** Per-device preferences; removed with the session. */
  deviceSettings: defineTable({
    sessionId: v.id("sessions"),
    userId: v.id("users"),
    theme: themeValidator,
    /** BCP 47 tag for number and date formatting, e.g. "de-DE"; absent = browser default. */
    locale: v.optional(v.string()),
    /** A name the user gave this device, e.g. "Work laptop". */
    label: v.optional(v.string()),
  })
    .index("by_sessionId", ["sessionId"])
    .index("by_userId", ["userId"]),

  orders: defineTable(orderFields)
    // Kept beside by_userId_idempotencyKey for its order: a user's orders newest first.
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_userId", ["userId"])
    .index("by_storeId", ["storeId"])
    .index("by_userId_idempotencyKey", ["userId", "idempotencyKey"]),

  /**
   * What was done, by whom (from which session), to what: sessions ended, staff changes to
   * products and orders, refused admin calls. E-mails are copied in when the entry is
   * written, so an entry still says who acted after the user is deleted. Rows written
   * before those fields existed lack them.
   */
  auditLog: defineTable(auditFields)
    .index("by_action", ["action"])
    // Both kept for their order: one actor's entries newest first, with or without a kind.
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_actorEmail", ["actorEmail"])
    .index("by_actorEmail_action", ["actorEmail", "action"]),
});
