// The admin console: who counts as an admin, non-admins refused everywhere, the
// all-sessions listing (filters, search, paging), revoking any session with an audit
// row, and the audit log.
import { convexTest } from "convex-test";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { isAdminEmail } from "./lib/admins";
import schema from "./schema";
import { asDevice as as, insertProduct, insertStore, modules } from "./test.setup";

const DAY = 24 * 60 * 60 * 1000;

async function errorCode(
  promise: Promise<unknown>,
): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code;
  }
  throw new Error("expected the call to fail");
}

/** An admin with one session; Alice with two live and one expired; Bob with one. */
async function setup() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const now = Date.now();
    const session = (
      userId: Id<"users">,
      token: string,
      expires: number,
      browser = "Chrome 131",
      os = "macOS",
    ) =>
      ctx.db.insert("sessions", {
        userId,
        sessionToken: token,
        expires,
        browser,
        os,
        deviceType: "desktop",
        ip: "10.0.0.1",
      });
    const admin = await ctx.db.insert("users", {
      email: "Admin@Example.com",
      name: "Ada Admin",
    });
    const alice = await ctx.db.insert("users", { email: "alice@example.com" });
    const bob = await ctx.db.insert("users", { email: "bob@shop.test" });
    const adminSession = await session(admin, "tok-admin", now + 5 * DAY);
    const aliceLaptop = await session(alice, "tok-a1", now + 10 * DAY);
    const alicePhone = await session(
      alice,
      "tok-a2",
      now + 20 * DAY,
      "Safari 18",
      "iOS",
    );
    const aliceOld = await session(alice, "tok-a3", now - DAY);
    const bobDesk = await session(
      bob,
      "tok-b1",
      now + 15 * DAY,
      "Firefox 133",
      "Linux",
    );
    return {
      admin,
      alice,
      bob,
      adminSession,
      aliceLaptop,
      alicePhone,
      aliceOld,
      bobDesk,
    };
  });
  return { t, ...ids };
}

beforeEach(() => {
  vi.stubEnv("ADMIN_EMAILS", " someone@else.org , admin@example.com ");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const firstPage = { paginationOpts: { numItems: 50, cursor: null } };

describe("isAdminEmail", () => {
  test("matches listed addresses trimmed and case-insensitively, nothing else", () => {
    expect(isAdminEmail("ADMIN@example.com")).toBe(true);
    expect(isAdminEmail("someone@else.org")).toBe(true);
    expect(isAdminEmail("alice@example.com")).toBe(false);
    expect(isAdminEmail("")).toBe(false);
    expect(isAdminEmail(null)).toBe(false);
    expect(isAdminEmail(undefined)).toBe(false);
    vi.stubEnv("ADMIN_EMAILS", "");
    expect(isAdminEmail("admin@example.com")).toBe(false);
  });
});

describe("authorisation", () => {
  test("me tells admins from others", async () => {
    const s = await setup();
    expect(
      await as(s.t, s.admin, s.adminSession).query(api.admin.me, {}),
    ).toEqual({
      isAdmin: true,
    });
    expect(
      await as(s.t, s.alice, s.aliceLaptop).query(api.admin.me, {}),
    ).toEqual({
      isAdmin: false,
    });
  });

  test("a non-admin gets FORBIDDEN from every admin function and changes nothing; refused writes are audited", async () => {
    const s = await setup();
    const alice = as(s.t, s.alice, s.aliceLaptop);
    const sessionsNow = () => s.t.run((ctx) => ctx.db.query("sessions").collect());
    const before = await sessionsNow();
    expect(
      await errorCode(alice.query(api.admin.sessions, { status: "all", ...firstPage })),
    ).toBe("FORBIDDEN");
    expect(await errorCode(alice.query(api.admin.auditLog, firstPage))).toBe(
      "FORBIDDEN",
    );
    expect(
      await errorCode(
        alice.action(api.admin.revokeSession, { sessionId: s.bobDesk }),
      ),
    ).toBe("FORBIDDEN");
    // Not even for her own session: the console is for admins only.
    expect(
      await errorCode(
        alice.action(api.admin.revokeSession, { sessionId: s.alicePhone }),
      ),
    ).toBe("FORBIDDEN");
    expect(await sessionsNow()).toEqual(before);
    // The attempts themselves are on record, with who made them and from where.
    const audit = await s.t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      action: "admin.refused",
      actorUserId: s.alice,
      actorSessionId: s.aliceLaptop,
      actorEmail: "alice@example.com",
      targetDescription: "Tried to revoke another user's session without being an admin",
    });
  });

  test("signed-out callers get UNAUTHENTICATED; a revoked admin session gets it too", async () => {
    const s = await setup();
    expect(
      await errorCode(s.t.query(api.admin.sessions, { status: "all", ...firstPage })),
    ).toBe("UNAUTHENTICATED");
    await s.t.run((ctx) => ctx.db.delete(s.adminSession));
    expect(
      await errorCode(
        as(s.t, s.admin, s.adminSession).query(api.admin.auditLog, firstPage),
      ),
    ).toBe("UNAUTHENTICATED");
  });

  test("removing an address from ADMIN_EMAILS takes effect on the next call", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    expect((await admin.query(api.admin.auditLog, firstPage)).page).toEqual([]);
    vi.stubEnv("ADMIN_EMAILS", "someone@else.org");
    expect(await errorCode(admin.query(api.admin.auditLog, firstPage))).toBe(
      "FORBIDDEN",
    );
  });
});

const page = (numItems: number, cursor: string | null = null) => ({
  paginationOpts: { numItems, cursor },
});

type SessionsArgs = { status: "active" | "expired" | "all"; search?: string };

/** Every page of a listing, followed to the end with `continueCursor`. */
async function allPages(admin: ReturnType<typeof as>, args: SessionsArgs, numItems: number) {
  const rows: { sessionId: Id<"sessions">; email: string | null }[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const result: {
      page: { sessionId: Id<"sessions">; email: string | null }[];
      isDone: boolean;
      continueCursor: string;
    } = await admin.query(api.admin.sessions, { ...args, ...page(numItems, cursor) });
    expect(result.page.length).toBeLessThanOrEqual(numItems);
    rows.push(...result.page);
    if (result.isDone) return rows;
    cursor = result.continueCursor;
  }
  throw new Error("the listing never ended");
}

describe("sessions", () => {
  test("lists every user's sessions with the status filter, never the token", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    const all = await admin.query(api.admin.sessions, { status: "all", ...firstPage });
    // Newest expiry first.
    expect(all.page.map((r) => r.sessionId)).toEqual([
      s.alicePhone,
      s.bobDesk,
      s.aliceLaptop,
      s.adminSession,
      s.aliceOld,
    ]);
    expect(all.isDone).toBe(true);
    expect(all.page[1]).toMatchObject({
      userId: s.bob,
      email: "bob@shop.test",
      browser: "Firefox 133",
      os: "Linux",
      status: "active",
      isCurrent: false,
    });
    expect(all.page[3]).toMatchObject({
      name: "Ada Admin",
      isCurrent: true,
    });
    for (const row of all.page) expect(row).not.toHaveProperty("sessionToken");

    const active = await admin.query(api.admin.sessions, { status: "active", ...firstPage });
    expect(active.page).toHaveLength(4);
    const expired = await admin.query(api.admin.sessions, { status: "expired", ...firstPage });
    expect(expired.page.map((r) => [r.sessionId, r.status])).toEqual([[s.aliceOld, "expired"]]);
  });

  test("pages through all sessions with the cursor", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    const seen = (await allPages(admin, { status: "all" }, 2)).map((r) => r.sessionId);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toHaveLength(5);
  });

  test("searches by a case-insensitive part of the e-mail, with status and paging", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    // Users in sign-up order, each one's sessions in sign-in order.
    const alice = await allPages(admin, { search: "  ALICE@ ", status: "all" }, 50);
    expect(alice.map((r) => r.sessionId)).toEqual([s.aliceLaptop, s.alicePhone, s.aliceOld]);

    const exampleActive = await allPages(admin, { search: "example.com", status: "active" }, 50);
    expect(exampleActive.map((r) => r.email)).toEqual([
      "Admin@Example.com",
      "alice@example.com",
      "alice@example.com",
    ]);

    const first = await admin.query(api.admin.sessions, {
      search: "alice",
      status: "all",
      ...page(2),
    });
    expect(first.page.map((r) => r.sessionId)).toEqual([s.aliceLaptop, s.alicePhone]);
    expect(first.isDone).toBe(false);
    const rest = [];
    let cursor: string | null = first.continueCursor;
    while (cursor !== null) {
      const next: { page: { sessionId: Id<"sessions"> }[]; isDone: boolean; continueCursor: string } =
        await admin.query(api.admin.sessions, { search: "alice", status: "all", ...page(2, cursor) });
      rest.push(...next.page.map((r) => r.sessionId));
      cursor = next.isDone ? null : next.continueCursor;
    }
    expect(rest).toEqual([s.aliceOld]);

    // Cursors of one mode are refused in the other, with a code the UI can act on.
    expect(
      await errorCode(
        admin.query(api.admin.sessions, { status: "all", ...page(2, first.continueCursor) }),
      ),
    ).toBe("INVALID_INPUT");
    const plain = await admin.query(api.admin.sessions, { status: "all", ...page(1) });
    expect(
      await errorCode(
        admin.query(api.admin.sessions, {
          search: "alice",
          status: "all",
          ...page(1, plain.continueCursor),
        }),
      ),
    ).toBe("INVALID_INPUT");

    expect(await allPages(admin, { search: "nobody", status: "all" }, 50)).toEqual([]);
  });

  test("rejects a page size outside 1..100", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    for (const numItems of [0, 101, 2.5]) {
      expect(
        await errorCode(admin.query(api.admin.sessions, { status: "all", ...page(numItems) })),
      ).toBe("INVALID_INPUT");
    }
  });
});

describe("revokeSession and the audit log", () => {
  test("an admin ends another user's session, its device data goes, and an audit row names who and what", async () => {
    const s = await setup();
    await s.t.run(async (ctx) => {
      await ctx.db.insert("deviceSettings", {
        sessionId: s.alicePhone,
        userId: s.alice,
        theme: "dark",
      });
    });
    const admin = as(s.t, s.admin, s.adminSession);
    const phone = as(s.t, s.alice, s.alicePhone);
    expect(await phone.query(api.sessions.current, {})).toMatchObject({
      status: "active",
    });

    await admin.action(api.admin.revokeSession, {
      sessionId: s.alicePhone,
      reason: "  Lost phone ",
    });

    expect(await phone.query(api.sessions.current, {})).toEqual({
      status: "signedOut",
    });
    const db = await s.t.run(async (ctx) => ({
      session: await ctx.db.get(s.alicePhone),
      settings: await ctx.db.query("deviceSettings").collect(),
      audit: await ctx.db.query("auditLog").collect(),
    }));
    expect(db.session).toBeNull();
    expect(db.settings).toEqual([]);
    expect(db.audit).toHaveLength(1);
    expect(db.audit[0]).toMatchObject({
      action: "session.revoke",
      actorUserId: s.admin,
      actorSessionId: s.adminSession,
      targetUserId: s.alice,
      targetSessionId: s.alicePhone,
      targetDescription: "Safari 18 on iOS (alice@example.com)",
      reason: "Lost phone",
    });
    // Alice's other device is untouched.
    expect(
      await as(s.t, s.alice, s.aliceLaptop).query(api.sessions.current, {}),
    ).toMatchObject({ status: "active" });
  });

  test("the audit log lists entries newest first with actor and target e-mails", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    await admin.action(api.admin.revokeSession, { sessionId: s.bobDesk });
    await admin.action(api.admin.revokeSession, { sessionId: s.aliceLaptop });

    const log = (await admin.query(api.admin.auditLog, firstPage)).page;
    expect(log.map((e) => [e.targetEmail, e.targetSessionId])).toEqual([
      ["alice@example.com", s.aliceLaptop],
      ["bob@shop.test", s.bobDesk],
    ]);
    expect(log[1]).toMatchObject({
      action: "session.revoke",
      actorEmail: "admin@example.com",
      actorSessionId: s.adminSession,
      targetDescription: "Firefox 133 on Linux (bob@shop.test)",
      reason: null,
    });
    const one = await admin.query(api.admin.auditLog, { paginationOpts: { numItems: 1, cursor: null } });
    expect(one.page).toHaveLength(1);
    const next = await admin.query(api.admin.auditLog, {
      paginationOpts: { numItems: 1, cursor: one.continueCursor },
    });
    expect(next.page.map((e) => e.targetEmail)).toEqual(["bob@shop.test"]);
  });

  test("an unknown or already ended session is NOT_FOUND and writes no audit row", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    await admin.action(api.admin.revokeSession, { sessionId: s.bobDesk });
    expect(
      await errorCode(
        admin.action(api.admin.revokeSession, { sessionId: s.bobDesk }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await s.t.run((ctx) => ctx.db.query("auditLog").collect()),
    ).toHaveLength(1);
  });

  test("a reason over 500 characters is refused and nothing is revoked", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    expect(
      await errorCode(
        admin.action(api.admin.revokeSession, {
          sessionId: s.bobDesk,
          reason: "x".repeat(501),
        }),
      ),
    ).toBe("INVALID_INPUT");
    expect(await s.t.run((ctx) => ctx.db.get(s.bobDesk))).not.toBeNull();
  });
});

describe("the audit log records what people did, on its own", () => {
  test("sign-outs, staff changes to products and orders; filtered by kind and actor; it outlives the actor", async () => {
    const s = await setup();
    const admin = as(s.t, s.admin, s.adminSession);
    const { store, mug } = await s.t.run(async (ctx) => {
      const store = await insertStore(ctx, "audit");
      const mug = await insertProduct(ctx, store, { name: "Mug", priceMinor: 250, stock: 3 });
      await ctx.db.insert("memberships", { storeId: store, userId: s.bob, role: "owner" });
      return { store, mug };
    });
    const bob = as(s.t, s.bob, s.bobDesk);
    await bob.mutation(api.products.update, {
      storeId: store,
      productId: mug,
      name: "Mug",
      description: "",
      category: "Things",
      priceMinor: 300,
      stock: 10,
    });
    await bob.mutation(api.products.archive, { storeId: store, productId: mug });
    const alice = as(s.t, s.alice, s.aliceLaptop);
    await alice.mutation(api.sessions.revoke, { sessionId: s.alicePhone });
    await alice.mutation(api.sessions.revokeOthers, {});

    const all = (await admin.query(api.admin.auditLog, firstPage)).page;
    expect(all.map((e) => [e.action, e.actorEmail, e.targetDescription])).toEqual([
      ["session.signOutOthers", "alice@example.com", "0 devices"],
      ["session.signOutDevice", "alice@example.com", "Safari 18 on iOS"],
      ["product.archive", "bob@shop.test", "Mug (Store audit)"],
      ["product.update", "bob@shop.test", "Mug: price 250 → 300, stock 3 → 10 (Store audit)"],
    ]);

    const onlyBob = await admin.query(api.admin.auditLog, { ...firstPage, actorEmail: " BOB@shop.test " });
    expect(onlyBob.page.map((e) => e.action)).toEqual(["product.archive", "product.update"]);
    const onlyUpdates = await admin.query(api.admin.auditLog, { ...firstPage, action: "product.update" });
    expect(onlyUpdates.page).toHaveLength(1);
    const bobsUpdates = await admin.query(api.admin.auditLog, {
      ...firstPage,
      actorEmail: "bob@shop.test",
      action: "session.signOutDevice",
    });
    expect(bobsUpdates.page).toEqual([]);

    // Bob's account goes; his entries still say it was him.
    await s.t.run((ctx) => ctx.db.delete(s.bob));
    const after = await admin.query(api.admin.auditLog, { ...firstPage, action: "product.update" });
    expect(after.page[0]?.actorEmail).toBe("bob@shop.test");
  });
});
