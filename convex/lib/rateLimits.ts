// Abuse limits, one place: how often a caller may send sign-in links, check out, fail a
// payment, write a cart, change settings or act as an admin. Built on convex-helpers'
// rate limiter (state in the `rateLimits` table, so limits hold across every server and
// are part of each transaction). A limited call gets RATE_LIMITED with `retryAt` and a
// message that says when to try again in words.
import { checkRateLimit, rateLimit, type RateLimitDataModel } from "convex-helpers/server/rateLimit";
import type { GenericDatabaseReader, GenericDatabaseWriter } from "convex/server";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError, ErrorCode } from "../errors";
import { tryAgainIn } from "../shared/durations";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

type Bucket = { kind: "token bucket"; rate: number; period: number; capacity: number };
const bucket = (rate: number, period: number, capacity = rate): Bucket => ({
  kind: "token bucket",
  rate,
  period,
  capacity,
});

// Token buckets throughout: a caller may use a burst up to `capacity`, then one call per
// `period / rate`, so "try again in" is exact and the same for everyone.
function configOf(name: LimitName): Bucket {
  switch (name) {
    /** Sign-in links to one address. */
    case "magicLinkPerAddress":
      return bucket(3, 15 * MINUTE);
    /**
     * Sign-in links from one client IP, whatever the address. `MAGIC_LINKS_PER_IP` (Convex
     * env) raises it where many people share an address, or for the end-to-end suite.
     */
    case "magicLinkPerIp":
      return bucket(Number(process.env.MAGIC_LINKS_PER_IP) || 10, 15 * MINUTE);
    /** Sign-in links from everyone: a brake on a distributed flood of our mail sender. */
    case "magicLinkGlobal":
      return bucket(300, MINUTE, 100);
    /** Checkout attempts that reach the payment step, per user. */
    case "checkoutPerUser":
      return bucket(10, 10 * MINUTE, 5);
    /** Declined payments per user: after 3 the user waits (card testing). */
    case "declinedPaymentsPerUser":
      return bucket(3, 30 * MINUTE);
    /** Cart writes per device. */
    case "cartWritesPerSession":
      return bucket(120, MINUTE, 60);
    /** Settings and device renames per user. */
    case "settingsPerUser":
      return bucket(30, MINUTE, 20);
    /** Admin and staff actions per user. */
    case "staffActionsPerUser":
      return bucket(60, MINUTE, 30);
  }
}

export type LimitName =
  | "magicLinkPerAddress"
  | "magicLinkPerIp"
  | "magicLinkGlobal"
  | "checkoutPerUser"
  | "declinedPaymentsPerUser"
  | "cartWritesPerSession"
  | "settingsPerUser"
  | "staffActionsPerUser";

/** What a person is told when a limit is hit, before "Try again in …". */
const WHAT: Record<LimitName, string> = {
  magicLinkPerAddress: "Too many sign-in links were asked for.",
  magicLinkPerIp: "Too many sign-in links were asked for.",
  magicLinkGlobal: "Sign-in links are being sent very often right now.",
  checkoutPerUser: "Too many checkout attempts.",
  declinedPaymentsPerUser: "Too many declined payments: checkout is paused for this account.",
  cartWritesPerSession: "Too many cart changes in a short time.",
  settingsPerUser: "Too many changes in a short time.",
  staffActionsPerUser: "Too many actions in a short time.",
};

function limited(name: LimitName, retryAt: number) {
  const message = `${WHAT[name]} ${tryAgainIn(retryAt)}`;
  return appError(ErrorCode.RATE_LIMITED, message, undefined, retryAt);
}

/** Take one from the named limit's bucket for `key`, or throw RATE_LIMITED. */
export async function consume(ctx: Pick<MutationCtx, "db">, name: LimitName, key: string) {
  // The helper is typed for a data model of only its own table; ours has it too.
  const db = ctx.db as unknown as GenericDatabaseWriter<RateLimitDataModel>;
  const result = await rateLimit({ db }, { name, key, config: configOf(name) });
  if (!result.ok) throw limited(name, result.retryAt ?? Date.now());
}

/** Whether one more would pass now, without taking it: RATE_LIMITED data or null. */
export async function peek(
  ctx: Pick<QueryCtx, "db">,
  name: LimitName,
  key: string,
): Promise<{ message: string; retryAt: number } | null> {
  const db = ctx.db as unknown as GenericDatabaseReader<RateLimitDataModel>;
  const result = await checkRateLimit({ db }, { name, key, config: configOf(name) });
  if (result.ok) return null;
  const retryAt = result.retryAt ?? Date.now();
  return { message: limited(name, retryAt).data.message, retryAt };
}

/** Take one from every (name, key) pair, or none: the first that refuses throws, rolling back. */
export async function consumeAll(
  ctx: Pick<MutationCtx, "db">,
  buckets: Array<[LimitName, string]>,
): Promise<void> {
  for (const [name, key] of buckets) await consume(ctx, name, key);
}
