// Every limit both sides enforce: the Convex functions (the authority) and the forms'
// zod schemas (early, friendly feedback). Pure constants, imported by both.

/** A device's name ("Work laptop"), after spaces are collapsed. */
export const DEVICE_LABEL_MAX = 40;
/** Units of one product in one cart line. */
export const CART_QUANTITY_MAX = 99;

export const PRODUCT_NAME_MAX = 120;
export const PRODUCT_DESCRIPTION_MAX = 2000;
export const PRODUCT_CATEGORY_MAX = 40;
/** A catalog search: longer text is cut here, on both sides. */
export const PRODUCT_SEARCH_MAX = 100;
/** Products a store page shows at first, and how many more each "Show more products" adds. */
export const CATALOG_PAGE_SIZE = 48;
/** The most products one store page lists (and search results shown); past it, narrow down. */
export const CATALOG_SHOW_MAX = 2000;
export const CATALOG_SEARCH_MAX = 200;
/** Upper bounds that keep totals far inside exact integer arithmetic. */
export const PRODUCT_PRICE_MAX_MINOR = 100_000_000;
export const PRODUCT_STOCK_MAX = 1_000_000;
/** A product image given inline (`data:image/…;base64,…`), in characters of the whole URI. */
export const PRODUCT_IMAGE_INLINE_MAX = 100_000;
/** A product image given as a file name in the store's folder. */
export const PRODUCT_IMAGE_FILE_MAX = 100;

/** Shipping address fields at checkout: what to call each one, its length, whether required. */
export const SHIPPING_FIELDS = {
  fullName: { label: "your full name", max: 100, required: true },
  line1: { label: "the street address", max: 200, required: true },
  line2: { label: "the second address line", max: 200, required: false },
  city: { label: "the city", max: 100, required: true },
  postalCode: { label: "the postal code", max: 20, required: true },
  country: { label: "the country", max: 60, required: true },
} as const;
export const CHECKOUT_IDEMPOTENCY_KEY_MAX = 200;

/** The reason an admin may give for revoking a session. */
export const REVOKE_REASON_MAX = 500;

/** A session's `lastSeenAt` is written at most this often. */
export const LAST_SEEN_INTERVAL_MS = 5 * 60 * 1000;

/** A passkey's name ("Work laptop"), after spaces are collapsed. */
export const PASSKEY_NAME_MAX = 40;
/** How long a passkey challenge may be answered (Auth.js's WebAuthn timeout is 5 minutes). */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Adding a passkey needs a session that signed in at most this long ago. */
export const PASSKEY_ADD_SIGN_IN_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * Live sessions one user may hold; signing in once more ends the least recently used.
 * The Convex deployment's `MAX_SESSIONS_PER_USER` changes it.
 */
export const SESSIONS_PER_USER_DEFAULT = 50;

/** Rows per page of the lists that grow: devices, orders, the admin console. */
export const DEVICES_PAGE_SIZE = 10;
export const ORDERS_PAGE_SIZE = 20;
