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
import type * as lib_admin from "../lib/admin.js";
import type * as lib_cards from "../lib/cards.js";
import type * as lib_endSession from "../lib/endSession.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_session from "../lib/session.js";
import type * as lib_stores from "../lib/stores.js";
import type * as orders from "../orders.js";
import type * as products from "../products.js";
import type * as seed from "../seed.js";
import type * as sessions from "../sessions.js";
import type * as settings from "../settings.js";
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
  "lib/admin": typeof lib_admin;
  "lib/cards": typeof lib_cards;
  "lib/endSession": typeof lib_endSession;
  "lib/functions": typeof lib_functions;
  "lib/session": typeof lib_session;
  "lib/stores": typeof lib_stores;
  orders: typeof orders;
  products: typeof products;
  seed: typeof seed;
  sessions: typeof sessions;
  settings: typeof settings;
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
