// Scale: the functions that used to read or write without bound, at sizes where the old
// `.collect()` code broke, run with Convex's per-transaction limits enforced (convex-test's
// `transactionLimits: true`: 16 000 documents written, 32 000 read, 4 096 index ranges,
// 16 MiB read and written) and every committed transaction's use recorded, so each test
// also states how far below the limits the busiest transaction stayed.
import { convexTest } from "convex-test";
import { TransactionMetricsTracker } from "convex-test/dist/transactionMetrics.js";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
  vi,
} from "vitest";
import { api } from "./_generated/api";
import { CATALOG_PAGE_SIZE, CATALOG_SHOW_MAX } from "./shared/limits";
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

const newLimitedTest = () =>
  convexTest({ schema, modules, transactionLimits: true });
type T = ReturnType<typeof newLimitedTest>;

/** Inserts in transactions of `chunk` rows, each well inside the limits itself. */
async function seed(
  t: T,
  count: number,
  chunk: number,
  insert: (
    ctx: Parameters<Parameters<T["run"]>[0]>[0],
    i: number,
  ) => Promise<unknown>,
) {
  for (let start = 0; start < count; start += chunk) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(count, start + chunk); i++)
        await insert(ctx, i);
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
        await ctx.db.insert("deviceSettings", {
          sessionId,
          userId: alice,
          theme: "dark",
        });
      }
    });
    const bobSession = await t.run((ctx) =>
      ctx.db.insert("sessions", {
        userId: bob,
        sessionToken: "bob",
        expires: Date.now() + DAY,
      }),
    );

    const caller = asDevice(t, alice, ids[5000]);
    const last = asDevice(t, alice, ids[SESSIONS - 1]);
    const started = await measured(() =>
      caller.mutation(api.sessions.revokeAll, {}),
    );
    expect(started.result).toEqual({ devices: SESSIONS, done: false });
    // The caller's own device is signed out by that first transaction.
    expect(await caller.query(api.sessions.current, {})).toEqual({
      status: "signedOut",
    });
    // The others see the progress while the batches run.
    expect(await last.query(api.sessions.overview, {})).toMatchObject({
      signingOut: { total: SESSIONS, ended: 200 },
    });

    const drained = await measured(() =>
      t.finishAllScheduledFunctions(vi.runAllTimers),
    );
    // At least one transaction per batch of 200.
    expect(drained.transactions).toBeGreaterThanOrEqual(SESSIONS / 200 - 1);
    expectWithinLimits(started.peak);
    expectWithinLimits(drained.peak);
    // Batches of 200: each ends 200 sessions (~600 index ranges), far from the limits.
    expect(
      Math.max(started.peak.databaseQueries, drained.peak.databaseQueries),
    ).toBeLessThan(1000);
    expect(
      Math.max(started.peak.documentsWritten, drained.peak.documentsWritten),
    ).toBeLessThan(1000);

    const left = await t.run(async (ctx) => ({
      sessions: await ctx.db.query("sessions").take(10),
      settings: await ctx.db.query("deviceSettings").take(10),
      jobs: await ctx.db.query("signOutJobs").take(10),
    }));
    expect(left.sessions.map((s) => s._id)).toEqual([bobSession]);
    expect(left.settings).toEqual([]);
    expect(left.jobs).toEqual([]);
    expect(await last.query(api.sessions.current, {})).toEqual({
      status: "signedOut",
    });
  }, 180_000);
});

/** Every page of a paginated query, in order, each call measured. */
async function allPages<Row>(
  fetch: (
    cursor: string | null,
  ) => Promise<{ page: Row[]; isDone: boolean; continueCursor: string }>,
) {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let peak: Usage | null = null;
  let pages = 0;
  for (;;) {
    const { result, peak: p } = await measured(() => fetch(cursor));
    peak =
      peak === null
        ? p
        : (Object.fromEntries(
            Object.keys(LIMITS).map((k) => [
              k,
              Math.max(peak![k as keyof Usage], p[k as keyof Usage]),
            ]),
          ) as Usage);
    rows.push(...result.page);
    pages++;
    if (result.isDone) return { rows, pages, peak: peak! };
    cursor = result.continueCursor;
  }
}

describe("a user with 2 000 orders", () => {
  test("their order history and the store's staff list page through all of them, newest first", async () => {
    const t = newLimitedTest();
    const ORDERS = 2000;
    const { alice, session, store, staff, staffSession } = await t.run(
      async (ctx) => {
        const alice = await ctx.db.insert("users", {
          email: "alice@example.com",
        });
        const staff = await ctx.db.insert("users", {
          email: "owner@example.com",
        });
        const store = await insertStore(ctx, "big");
        await ctx.db.insert("memberships", {
          storeId: store,
          userId: staff,
          role: "owner",
        });
        const expires = Date.now() + DAY;
        return {
          alice,
          staff,
          store,
          session: await ctx.db.insert("sessions", {
            userId: alice,
            sessionToken: "a",
            expires,
          }),
          staffSession: await ctx.db.insert("sessions", {
            userId: staff,
            sessionToken: "s",
            expires,
          }),
        };
      },
    );
    const product = await t.run((ctx) =>
      insertProduct(ctx, store, { name: "Mug" }),
    );
    await seed(t, ORDERS, 1000, (ctx, i) =>
      ctx.db.insert("orders", {
        storeId: store,
        userId: alice,
        sessionId: session,
        deviceLabel: "Chrome on macOS",
        items: [
          { productId: product, name: "Mug", unitPriceMinor: 500, quantity: 1 },
        ],
        totalMinor: 500,
        currency: "EUR",
        shipping: {
          fullName: "Alice",
          line1: "1 Road",
          city: "Town",
          postalCode: "1",
          country: "AT",
        },
        cardLast4: "4242",
        status: "placed",
        idempotencyKey: `order-${i}`,
      }),
    );

    const mine = await allPages((cursor) =>
      asDevice(t, alice, session).query(api.orders.mine, {
        paginationOpts: { numItems: 100, cursor },
      }),
    );
    expect(mine.rows).toHaveLength(ORDERS);
    expect(new Set(mine.rows.map((o) => o._id)).size).toBe(ORDERS);
    const times = mine.rows.map((o) => o.placedAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expectWithinLimits(mine.peak);
    expect(mine.peak.documentsRead).toBeLessThan(300);

    const forStore = await allPages((cursor) =>
      asDevice(t, staff, staffSession).query(api.orders.forStore, {
        storeId: store,
        paginationOpts: { numItems: 100, cursor },
      }),
    );
    expect(forStore.rows).toHaveLength(ORDERS);
    expect(forStore.rows[0].customerEmail).toBe("alice@example.com");
    expectWithinLimits(forStore.peak);
  }, 120_000);
});

describe("a store with 5 000 products", () => {
  test("the catalog, search and categories stay bounded; categories are all found", async () => {
    const t = newLimitedTest();
    const PRODUCTS = 5000;
    const store = await t.run((ctx) => insertStore(ctx, "huge"));
    await seed(t, PRODUCTS, 2500, (ctx, i) =>
      insertProduct(ctx, store, {
        name: `Product ${i} ${i % 7 === 0 ? "rope" : "tent"}`,
        category: `Category ${String(i % 60).padStart(2, "0")}`,
        // Category 59 has only archived products: not a category of the catalog.
        archived: i % 60 === 59,
      }),
    );

    const categories = await measured(() =>
      t.query(api.products.categories, { storeId: store }),
    );
    expect(categories.result).toHaveLength(59);
    expect(categories.result[0]).toBe("Category 00");
    expect(categories.result).not.toContain("Category 59");
    expectWithinLimits(categories.peak);
    // Reads per category, not per product.
    expect(categories.peak.documentsRead).toBeLessThan(500);

    const list = await measured(() =>
      t.query(api.products.list, { storeId: store }),
    );
    expect(list.result.length).toBeGreaterThan(0);
    expect(list.result.length).toBeLessThanOrEqual(500);
    expectWithinLimits(list.peak);

    const inCategory = await measured(() =>
      t.query(api.products.list, { storeId: store, category: "Category 07" }),
    );
    const inSeven = Array.from({ length: PRODUCTS }, (_, i) => i).filter(
      (i) => i % 60 === 7,
    );
    expect(inCategory.result.length).toBe(inSeven.length);
    expectWithinLimits(inCategory.peak);

    // The store page: one page, then "show more" up to its bound, then narrowing.
    const firstPage = await measured(() => t.query(api.storefront.catalogPage, { slug: "huge" }));
    expect(firstPage.result!.products).toHaveLength(CATALOG_PAGE_SIZE);
    expect(firstPage.result!.hasMore).toBe(true);
    expectWithinLimits(firstPage.peak);
    const mostShown = await measured(() =>
      t.query(api.storefront.catalogPage, { slug: "huge", show: 1_000_000 }),
    );
    expect(mostShown.result!.products).toHaveLength(CATALOG_SHOW_MAX);
    expect(mostShown.result!.hasMore).toBe(true);
    expectWithinLimits(mostShown.peak);
    const oneCategory = await measured(() =>
      t.query(api.storefront.catalogPage, { slug: "huge", category: "Category 07", show: 96 }),
    );
    expect(oneCategory.result!.products).toHaveLength(inSeven.length);
    expect(oneCategory.result!.hasMore).toBe(false);
    expectWithinLimits(oneCategory.peak);

    const search = await measured(() =>
      t.query(api.products.list, { storeId: store, search: "rope" }),
    );
    expect(search.result.length).toBeGreaterThan(0);
    expect(search.result.length).toBeLessThanOrEqual(50);
    expect(search.result.every((p) => p.name.includes("rope"))).toBe(true);
    expectWithinLimits(search.peak);
  }, 300_000);
});

describe("the admin console over 20 000 sessions", () => {
  test("pages and searches stay within limits, even over one account that signed in 20 000 times", async () => {
    vi.stubEnv("ADMIN_EMAILS", "admin@example.com");
    const t = newLimitedTest();
    const SESSIONS = 20_000;
    // A scripted account with long user agents: the old search collected all its
    // sessions in one query, about 20 MiB (over 16 MiB).
    const userAgent = `Mozilla/5.0 ${"x".repeat(1000)}`;
    const { admin, adminSession, mallory } = await t.run(async (ctx) => {
      const admin = await ctx.db.insert("users", {
        email: "admin@example.com",
      });
      const mallory = await ctx.db.insert("users", {
        email: "mallory@example.com",
      });
      for (let i = 0; i < 20; i++)
        await ctx.db.insert("users", { email: `user${i}@example.com` });
      const adminSession = await ctx.db.insert("sessions", {
        userId: admin,
        sessionToken: "admin",
        expires: Date.now() + 2 * DAY,
      });
      return { admin, adminSession, mallory };
    });
    await seed(t, SESSIONS, 4000, (ctx, i) =>
      ctx.db.insert("sessions", {
        userId: mallory,
        sessionToken: `m-${i}`,
        expires: Date.now() + DAY + i,
        userAgent,
      }),
    );
    const console_ = asDevice(t, admin, adminSession);

    const first = await measured(() =>
      console_.query(api.admin.sessions, {
        status: "active",
        paginationOpts: { numItems: 50, cursor: null },
      }),
    );
    expect(first.result.page).toHaveLength(50);
    expect(first.result.isDone).toBe(false);
    expectWithinLimits(first.peak);

    // Searching for that account: pages of 100, a few of them, each well inside.
    let cursor: string | null = null;
    const seen = new Set<string>();
    for (let page = 0; page < 3; page++) {
      const { result, peak } = await measured(() =>
        console_.query(api.admin.sessions, {
          status: "all",
          search: "mallory",
          paginationOpts: { numItems: 100, cursor },
        }),
      );
      expectWithinLimits(peak);
      expect(result.page).toHaveLength(100);
      for (const row of result.page) {
        expect(row.email).toBe("mallory@example.com");
        seen.add(row.sessionId);
      }
      cursor = result.continueCursor;
    }
    expect(seen.size).toBe(300);

    // A search that matches nobody ends, one bounded page at a time.
    const none = await allPages((c) =>
      console_.query(api.admin.sessions, {
        status: "all",
        search: "nobody",
        paginationOpts: { numItems: 100, cursor: c },
      }),
    );
    expect(none.rows).toEqual([]);
    expectWithinLimits(none.peak);
  }, 180_000);
});
