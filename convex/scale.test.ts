// Scale: the functions that used to read or write without bound, at sizes where the old
// `.collect()` code broke, run with Convex's per-transaction limits enforced (convex-test's
// `transactionLimits: true`: 16 000 documents written, 32 000 read, 4 096 index ranges,
// 16 MiB read and written) and every committed transaction's use recorded, so each test
// also states how far below the limits the busiest transaction stayed.
import { convexTest } from "convex-test";
import { TransactionMetricsTracker } from "convex-test/dist/transactionMetrics.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import schema from "./schema";
import { asDevice, insertProduct, insertStore, modules } from "./test.setup";

const LIMITS = {
  documentsWritten: 16_000,
  documentsRead: 32_000,
  databaseQueries: 4_096,
  bytesRead: 16 * 2 ** 20,
  bytesWritten: 16 * 2 ** 20,
};
type Usage = Record<keyof typeof LIMITS, number>;

// The harness: every top-level transaction's totals at commit.
const committed: Usage[] = [];
type Tracker = { _layers: { metrics: Usage }[]; commit(): void };
const proto = TransactionMetricsTracker.prototype as unknown as Tracker;
const originalCommit = proto.commit;
beforeAll(() => {
  proto.commit = function (this: Tracker) {
    if (this._layers.length === 1) {
      const m = this._layers[0].metrics;
      committed.push({
        documentsWritten: m.documentsWritten,
        documentsRead: m.documentsRead,
        databaseQueries: m.databaseQueries,
        bytesRead: m.bytesRead,
        bytesWritten: m.bytesWritten,
      });
    }
    originalCommit.call(this);
  };
});
afterAll(() => {
  proto.commit = originalCommit;
});

/** Transactions committed while `run` ran, and the busiest of them per metric. */
async function measured<R>(run: () => Promise<R>) {
  const from = committed.length;
  const result = await run();
  const transactions = committed.slice(from);
  const peak = Object.fromEntries(
    Object.keys(LIMITS).map((key) => [
      key,
      Math.max(0, ...transactions.map((u) => u[key as keyof Usage])),
    ]),
  ) as Usage;
  return { result, transactions: transactions.length, peak };
}

function expectWithinLimits(peak: Usage) {
  for (const key of Object.keys(LIMITS) as (keyof Usage)[]) {
    expect(peak[key], key).toBeLessThan(LIMITS[key]);
  }
}

const newLimitedTest = () => convexTest({ schema, modules, transactionLimits: true });
type T = ReturnType<typeof newLimitedTest>;

/** Inserts in transactions of `chunk` rows, each well inside the limits itself. */
async function seed(t: T, count: number, chunk: number, insert: (ctx: Parameters<Parameters<T["run"]>[0]>[0], i: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += chunk) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(count, start + chunk); i++) await insert(ctx, i);
    });
  }
}

const DAY = 86_400_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("sign out everywhere with 10 000 sessions", () => {
  test("the caller leaves at once, every session and its settings go in batches, no transaction near a limit", async () => {
    vi.stubEnv("MAX_SESSIONS_PER_USER", "20000");
    const t = newLimitedTest();
    const SESSIONS = 10_000;
    const { alice, bob } = await t.run(async (ctx) => ({
      alice: await ctx.db.insert("users", { email: "alice@example.com" }),
      bob: await ctx.db.insert("users", { email: "bob@example.com" }),
    }));
    const ids: Id<"sessions">[] = [];
    // The old single transaction read 1 + 3 × 10 000 index ranges (a get and two device
    // data queries per session: over 4 096). Every 20th session has a settings row, to
    // see device data go with it (convex-test scans a table per index query, so a row
    // for each would make this test run for minutes).
    await seed(t, SESSIONS, 2000, async (ctx, i) => {
      const sessionId = await ctx.db.insert("sessions", {
        userId: alice,
        sessionToken: `alice-${i}`,
        expires: Date.now() + 30 * DAY,
        lastSeenAt: Date.now() - i,
        browser: "Chrome 131",
        os: "macOS",
      });
      ids.push(sessionId);
      if (i % 20 === 0) {
        await ctx.db.insert("deviceSettings", { sessionId, userId: alice, theme: "dark" });
      }
    });
    const bobSession = await t.run((ctx) =>
      ctx.db.insert("sessions", { userId: bob, sessionToken: "bob", expires: Date.now() + DAY }),
    );

    const caller = asDevice(t, alice, ids[5000]);
    const last = asDevice(t, alice, ids[SESSIONS - 1]);
    const started = await measured(() => caller.mutation(api.sessions.revokeAll, {}));
    expect(started.result).toEqual({ devices: SESSIONS, done: false });
    // The caller's own device is signed out by that first transaction.
    expect(await caller.query(api.sessions.current, {})).toEqual({ status: "signedOut" });
    // The others see the progress while the batches run.
    expect(await last.query(api.sessions.overview, {})).toMatchObject({
      signingOut: { total: SESSIONS, ended: 200 },
    });

    const drained = await measured(() => t.finishAllScheduledFunctions(vi.runAllTimers));
    // At least one transaction per batch of 200.
    expect(drained.transactions).toBeGreaterThanOrEqual(SESSIONS / 200 - 1);
    expectWithinLimits(started.peak);
    expectWithinLimits(drained.peak);
    // Batches of 200: each ends 200 sessions (~600 index ranges), far from the limits.
    expect(Math.max(started.peak.databaseQueries, drained.peak.databaseQueries)).toBeLessThan(1000);
    expect(Math.max(started.peak.documentsWritten, drained.peak.documentsWritten)).toBeLessThan(1000);

    const left = await t.run(async (ctx) => ({
      sessions: await ctx.db.query("sessions").take(10),
      settings: await ctx.db.query("deviceSettings").take(10),
      jobs: await ctx.db.query("signOutJobs").take(10),
    }));
    expect(left.sessions.map((s) => s._id)).toEqual([bobSession]);
    expect(left.settings).toEqual([]);
    expect(left.jobs).toEqual([]);
    expect(await last.query(api.sessions.current, {})).toEqual({ status: "signedOut" });
  }, 180_000);
});
