/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as admin from "../admin.js";
import type * as authAdapter from "../authAdapter.js";
import type * as carts from "../carts.js";
import type * as crons from "../crons.js";
import type * as errors from "../errors.js";
import type * as http from "../http.js";
import type * as lib_admins from "../lib/admins.js";
import type * as lib_audit from "../lib/audit.js";
import type * as lib_carts from "../lib/carts.js";
import type * as lib_devices from "../lib/devices.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_pagination from "../lib/pagination.js";
import type * as lib_passkeys from "../lib/passkeys.js";
import type * as lib_products from "../lib/products.js";
import type * as lib_rateLimits from "../lib/rateLimits.js";
import type * as lib_sessions from "../lib/sessions.js";
import type * as lib_stores from "../lib/stores.js";
import type * as loadTest from "../loadTest.js";
import type * as orders from "../orders.js";
import type * as passkeys from "../passkeys.js";
import type * as products from "../products.js";
import type * as seed from "../seed.js";
import type * as sessions from "../sessions.js";
import type * as settings from "../settings.js";
import type * as shared_cards from "../shared/cards.js";
import type * as shared_devices from "../shared/devices.js";
import type * as shared_durations from "../shared/durations.js";
import type * as shared_limits from "../shared/limits.js";
import type * as shared_orders from "../shared/orders.js";
import type * as shared_passkeys from "../shared/passkeys.js";
import type * as shared_products from "../shared/products.js";
import type * as shared_signIn from "../shared/signIn.js";
import type * as shared_subject from "../shared/subject.js";
import type * as shared_text from "../shared/text.js";
import type * as storefront from "../storefront.js";
import type * as stores from "../stores.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  admin: typeof admin;
  authAdapter: typeof authAdapter;
  carts: typeof carts;
  crons: typeof crons;
  errors: typeof errors;
  http: typeof http;
  "lib/admins": typeof lib_admins;
  "lib/audit": typeof lib_audit;
  "lib/carts": typeof lib_carts;
  "lib/devices": typeof lib_devices;
  "lib/functions": typeof lib_functions;
  "lib/pagination": typeof lib_pagination;
  "lib/passkeys": typeof lib_passkeys;
  "lib/products": typeof lib_products;
  "lib/rateLimits": typeof lib_rateLimits;
  "lib/sessions": typeof lib_sessions;
  "lib/stores": typeof lib_stores;
  loadTest: typeof loadTest;
  orders: typeof orders;
  passkeys: typeof passkeys;
  products: typeof products;
  seed: typeof seed;
  sessions: typeof sessions;
  settings: typeof settings;
  "shared/cards": typeof shared_cards;
  "shared/devices": typeof shared_devices;
  "shared/durations": typeof shared_durations;
  "shared/limits": typeof shared_limits;
  "shared/orders": typeof shared_orders;
  "shared/passkeys": typeof shared_passkeys;
  "shared/products": typeof shared_products;
  "shared/signIn": typeof shared_signIn;
  "shared/subject": typeof shared_subject;
  "shared/text": typeof shared_text;
  storefront: typeof storefront;
  stores: typeof stores;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
