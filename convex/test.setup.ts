// Shared by the convex-test suites (this file is neither a Convex module nor deployed: the
// glob below leaves it out, and the Convex CLI skips names with two dots).
import { convexTest } from "convex-test";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import type { AppErrorData } from "./errors";
import schema from "./schema";
import { formatSubject } from "./shared/subject";

/** The module map convex-test loads our functions from (tests and type files excluded). */
export const modules = import.meta.glob([
  "./**/*.ts",
  "./**/*.js",
  "!./**/*.test.ts",
  "!./**/*.d.ts",
  "!./test.setup.ts",
]);

export const TEST_ISSUER = "https://convex.test";

export const newTest = () => convexTest(schema, modules);
export type TestConvex = ReturnType<typeof newTest>;

/** Calls as one device: a token whose `sub` is `userId;sessionId`, as server/convex-token.ts mints. */
export function asDevice(t: TestConvex, userId: Id<"users">, sessionId: Id<"sessions">) {
  return t.withIdentity({ subject: formatSubject(userId, sessionId), issuer: TEST_ISSUER });
}

/** The `ConvexError` data of a call that must fail (the test fails if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<Partial<AppErrorData>> {
  try {
    await promise;
  } catch (error) {
    return (error as { data?: Partial<AppErrorData> }).data ?? {};
  }
  throw new Error("expected the call to fail");
}

type Writer = { db: { insert: MutationCtx["db"]["insert"] } };

/** A store with neutral defaults; only what a test cares about is passed. */
export function insertStore(ctx: Writer, slug: string, currency = "EUR") {
  return ctx.db.insert("stores", {
    slug,
    name: `Store ${slug}`,
    description: "",
    currency,
    accentColor: "#000000",
    logo: `/stores/${slug}/logo.svg`,
  });
}

/** A product with neutral defaults (500 minor units, 3 in stock, category "Things"). */
export function insertProduct(
  ctx: Writer,
  storeId: Id<"stores">,
  fields: Partial<Omit<Doc<"products">, "_id" | "_creationTime" | "storeId">> & { name: string },
) {
  return ctx.db.insert("products", {
    storeId,
    description: "",
    category: "Things",
    priceMinor: 500,
    stock: 3,
    image: "/x.svg",
    archived: false,
    ...fields,
  });
}

/** The order a checkout placed (the test fails when the payment was declined instead). */
export function orderIdOf(
  result: { orderId: Id<"orders">; declined?: undefined } | { declined: true; message: string },
) {
  if (result.declined === true) throw new Error(`expected an order, got: ${result.message}`);
  return result.orderId;
}
