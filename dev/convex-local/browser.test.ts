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
    expect(list).toContain(`&#34;sessionToken&#34;:&#34;••••${SESSION_TOKEN.slice(-4)}&#34;`);
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
