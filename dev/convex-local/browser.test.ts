// The data browser's pages never carry a credential: Auth.js's token columns are masked in the
// table list and in the one-document view, other fields are shown as stored.
import { describe, expect, it } from "vitest";
import type { Value } from "convex/values";
import { maskCredential, renderBrowser } from "./browser";
import type { Engine } from "./engine";

const SESSION_TOKEN = "6f1c2a9e-3b7d-4e25-9c11-0d8e7a5b4f3c";
const ACCESS_TOKEN = "gho_accessTokenValue000000000000AAAA";
const REFRESH_TOKEN = "ghr_refreshTokenValue00000000000BBBB";
const ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.signature-CCCC";
const VERIFICATION_TOKEN = "b1946ac92492d2347c6235b4d2611184b1946ac9";
const SECRETS = [SESSION_TOKEN, ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN, VERIFICATION_TOKEN];

const TABLES: Record<string, Record<string, Value>[]> = {
  sessions: [
    {
      _id: "s1;sessions",
      _creationTime: 1,
      userId: "u1;users",
      sessionToken: SESSION_TOKEN,
      expires: 2,
      browser: "Firefox",
    },
  ],
  accounts: [
    {
      _id: "a1;accounts",
      _creationTime: 1,
      userId: "u1;users",
      type: "oauth",
      provider: "github",
      providerAccountId: "42",
      access_token: ACCESS_TOKEN,
      refresh_token: REFRESH_TOKEN,
      id_token: ID_TOKEN,
      token_type: "bearer",
    },
  ],
  verificationTokens: [
    {
      _id: "v1;verificationTokens",
      _creationTime: 1,
      identifier: "ada@example.com",
      token: VERIFICATION_TOKEN,
      expires: 2,
    },
  ],
};

const engine = {
  tables: () => Object.entries(TABLES).map(([name, docs]) => ({ name, count: docs.length })),
  documents: (table: string) => (TABLES[table] ?? []).map((d) => ({ ...d })),
} as unknown as Engine;

const render = (query: string) => renderBrowser(engine, new URLSearchParams(query));

describe("data browser credential masking", () => {
  it.each([
    ["sessions", "s1;sessions"],
    ["accounts", "a1;accounts"],
    ["verificationTokens", "v1;verificationTokens"],
  ])("shows no credential of %s in the table list or the document view", (table, id) => {
    const pages = [render(`table=${table}`), render(`table=${table}&id=${id}`)];
    for (const html of pages) {
      for (const secret of SECRETS) expect(html).not.toContain(secret);
      expect(html).toContain("••••");
    }
  });

  it("keeps the last 4 characters and the other fields, so a row can still be recognised", () => {
    const list = render("table=sessions");
    expect(list).toContain(`<td>••••${SESSION_TOKEN.slice(-4)}</td>`);
    expect(list).toContain("Firefox");
    const account = render("table=accounts&id=a1;accounts");
    expect(account).toContain(`••••${ACCESS_TOKEN.slice(-4)}`);
    expect(account).toContain("bearer");
    expect(account).toContain("github");
  });

  it("hides short values entirely and leaves null alone", () => {
    expect(maskCredential("short-secret")).toBe("••••");
    expect(maskCredential(12345)).toBe("••••");
    expect(maskCredential(null)).toBeNull();
    expect(maskCredential(SESSION_TOKEN)).toBe("••••4f3c");
  });
});

// An operator reading sessions offline: 2 users, 120 sessions (100 of Ada's, 20 of Bob's).
const ADA = "10001users";
const BOB = "10002users";
const tokenOf = (i: number) => `token-${String(i).padStart(4, "0")}-0123456789abcdef`;
const DATA: Record<string, Record<string, Value>[]> = {
  users: [
    { _id: ADA, _creationTime: 1, email: "ada@example.com", name: "Ada" },
    { _id: BOB, _creationTime: 2, email: "bob@example.com", name: "Bob" },
  ],
  sessions: Array.from({ length: 120 }, (_, i) => ({
    _id: `${20000 + i}sessions`,
    _creationTime: 100 + i,
    userId: i < 100 ? ADA : BOB,
    sessionToken: tokenOf(i),
    // Not in creation order, so sorting by it is visible.
    expires: (i * 37) % 120,
    browser: i % 2 === 0 ? "Firefox" : "Chrome",
  })),
};
const liveEngine = {
  tables: () => Object.entries(DATA).map(([name, docs]) => ({ name, count: docs.length })),
  documents: (table: string) => (DATA[table] ?? []).map((d) => ({ ...d })),
} as unknown as Engine;
const browse = (query: string) => renderBrowser(liveEngine, new URLSearchParams(query));
const sessionIds = (html: string) =>
  [...html.matchAll(/table=sessions&amp;id=(\d+sessions)/g)].map((m) => m[1]);

describe("data browser for an operator", () => {
  it("filters a table by a field's value", () => {
    const html = browse(`table=sessions&field=userId&value=${BOB}`);
    const ids = sessionIds(html);
    expect(ids).toHaveLength(20);
    expect(ids.every((id) => Number.parseInt(id) >= 20100)).toBe(true);
    expect(html).toContain(`20 of 120 documents where userId = &#34;${BOB}&#34;`);
    // Numbers and booleans match their JSON text.
    expect(sessionIds(browse("table=sessions&field=expires&value=37"))).toEqual(["20001sessions"]);
    expect(sessionIds(browse("table=sessions&field=browser&value=Safari"))).toEqual([]);
  });

  it("sorts by any field, both ways, newest first by default", () => {
    expect(sessionIds(browse("table=sessions&size=3"))).toEqual([
      "20119sessions",
      "20118sessions",
      "20117sessions",
    ]);
    const byExpiry = (dir: string) =>
      sessionIds(browse(`table=sessions&sort=expires&dir=${dir}&size=120`)).map(
        (id) => DATA.sessions.find((s) => s._id === id)!.expires as number,
      );
    const asc = byExpiry("asc");
    expect(asc).toHaveLength(120);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(byExpiry("desc")).toEqual([...asc].reverse());
    // Column headers are the sort links; the sorted one flips direction.
    const html = browse("table=sessions&sort=expires&dir=asc");
    expect(html).toContain('href="/?table=sessions&amp;sort=expires">expires ▲</a>');
  });

  it("paginates, keeping the filter and sort in the page links", () => {
    const first = browse(`table=sessions&field=userId&value=${ADA}&sort=expires&dir=asc`);
    expect(sessionIds(first)).toHaveLength(50);
    expect(first).toContain("showing 1–50 (page 1 of 2)");
    const next = /href="([^"]+)" rel="next"/.exec(first)?.[1].replace(/&amp;/g, "&");
    expect(next).toBe(`/?table=sessions&field=userId&value=${ADA}&sort=expires&dir=asc&page=2`);
    const second = browse(next!.slice(2));
    expect(second).toContain("showing 51–100 (page 2 of 2)");
    expect(second).not.toContain('rel="next"');
    expect(new Set([...sessionIds(first), ...sessionIds(second)]).size).toBe(100);
  });

  it("links references both ways: a session's userId to the user, the user to its sessions", () => {
    const list = browse(`table=sessions&field=userId&value=${BOB}&size=1`);
    expect(list).toContain(`<a href="/?table=users&amp;id=${BOB}">${BOB}</a>`);
    const session = browse("table=sessions&id=20000sessions");
    expect(session).toContain(
      `&#34;userId&#34;: <a href="/?table=users&amp;id=${ADA}">&#34;${ADA}&#34;</a>`,
    );
    const user = browse(`table=users&id=${BOB}`);
    expect(user).toContain(
      `<a href="/?table=sessions&amp;field=userId&amp;value=${BOB}">sessions where userId = this</a> (20)`,
    );
  });

  it("masks credentials everywhere and refuses to filter or sort on them", () => {
    const pages = [
      browse("table=sessions&size=120"),
      browse("table=sessions&id=20005sessions"),
      browse(`table=sessions&field=sessionToken&value=${tokenOf(7)}`),
      browse("table=sessions&sort=sessionToken&dir=asc&size=120"),
    ];
    for (const html of pages) {
      for (let i = 0; i < 120; i++) expect(html).not.toContain(tokenOf(i));
    }
    // No oracle: a guessed token does not narrow the list, and the order is the default one.
    expect(pages[2]).toMatch(/role="alert">Credential fields cannot be filtered or sorted on/);
    expect(sessionIds(pages[2])).toHaveLength(50);
    expect(sessionIds(pages[3])).toEqual(sessionIds(pages[0]));
    expect(pages[0]).not.toContain("<option>sessionToken</option>");
  });

  it("refreshes itself when live refresh is on, and says how to stop it", () => {
    const off = browse("table=sessions");
    expect(off).not.toContain('http-equiv="refresh"');
    expect(off).toContain('<a href="/?table=sessions&amp;live=1">Live refresh</a>');
    const on = browse(`table=sessions&field=userId&value=${ADA}&live=1`);
    expect(on).toContain('<meta http-equiv="refresh" content="2">');
    expect(on).toContain(
      `<a href="/?table=sessions&amp;field=userId&amp;value=${ADA}">Stop live refresh</a>`,
    );
    // The page's links keep it on.
    expect(on).toContain(`table=sessions&amp;id=20099sessions&amp;live=1`);
  });
});
