// ConvexHttpClient (unmodified convex 1.48) against the local backend: queries, mutations,
// actions, auth, ConvexError, unknown/internal functions (and the tests-only admin key that
// reaches them), bad arguments and bad requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { requestWithHost } from "../http-testing";
import { startTestBackend, type TestBackend } from "./testing";

const api = anyApi;
let backend: TestBackend;
const ADMIN_KEY = "test-admin-key-0123456789";

beforeAll(async () => {
  backend = await startTestBackend({ seed: "seed:init", adminKey: ADMIN_KEY });
});
afterAll(async () => {
  await backend?.cleanup();
});

function post(
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
) {
  return fetch(`${backend.url}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

describe("ConvexHttpClient", () => {
  it("runs queries and mutations; the seed ran on the empty database", async () => {
    const client = new ConvexHttpClient(backend.url);
    const before = await client.query(api.messages.list, {});
    expect(before.map((m: { body: string }) => m.body)).toEqual(["welcome"]);
    const id = await client.mutation(api.messages.send, { author: "ann", body: "hi" });
    expect(typeof id).toBe("string");
    expect(await client.query(api.messages.count, { author: "ann" })).toBe(1);
  });

  it("runs an action that calls ctx.runMutation and ctx.runQuery", async () => {
    const client = new ConvexHttpClient(backend.url);
    const before: number = await client.query(api.messages.count, {});
    const result = await client.action(api.messages.sendViaAction, { author: "bob", body: "x" });
    expect(result.total).toBe(before + 1);
    expect(await client.query(api.messages.count, { author: "bob" })).toBe(1);
  });

  it("serializes concurrent mutations so no update is lost", async () => {
    const client = new ConvexHttpClient(backend.url);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        new ConvexHttpClient(backend.url).mutation(api.messages.increment, { name: "c" }),
      ),
    );
    expect(await client.query(api.messages.counter, { name: "c" })).toBe(20);
  });

  it("passes the identity of a valid token to functions, and none without one", async () => {
    const client = new ConvexHttpClient(backend.url);
    expect(await client.query(api.messages.whoami, {})).toBeNull();
    client.setAuth(await backend.token({ sub: "u42;s1", email: "a@b.c" }));
    expect(await client.query(api.messages.whoami, {})).toEqual({
      subject: "u42;s1",
      issuer: backend.siteUrl,
      tokenIdentifier: `${backend.siteUrl}|u42;s1`,
      email: "a@b.c",
    });
  });

  it("accepts a customJwt (ES256, data-URI JWKS) token", async () => {
    const client = new ConvexHttpClient(backend.url);
    client.setAuth(
      await backend.token(
        { iss: "https://custom.example", aud: "custom-app", sub: "c1" },
        { keys: backend.customKeys },
      ),
    );
    expect(await client.query(api.messages.whoami, {})).toMatchObject({
      subject: "c1",
      tokenIdentifier: "https://custom.example|c1",
    });
  });

  it("refuses bad tokens with a 401 and a clear message", async () => {
    const other = await (await import("./testing")).makeKeys("RS256");
    const cases: [string, Promise<string>, RegExp][] = [
      [
        "expired",
        backend.token({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }),
        /expired/i,
      ],
      ["wrong audience", backend.token({ aud: "someone-else" }), /audience/i],
      ["wrong issuer", backend.token({ iss: "http://evil.example" }), /issuer/i],
      [
        "bad signature",
        backend.token({}, { keys: { ...other, kid: backend.keys.kid } }),
        /signature/i,
      ],
      [
        "unsigned",
        Promise.resolve(
          `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(
            JSON.stringify({ iss: backend.siteUrl, aud: "convex", sub: "x", exp: 9999999999 }),
          ).toString("base64url")}.`,
        ),
        /alg: none/,
      ],
      ["garbage", Promise.resolve("not-a-jwt"), /parse/i],
    ];
    for (const [name, tokenPromise, message] of cases) {
      const res = await post(
        "/api/query",
        JSON.stringify({ path: "messages:whoami", args: [{}], format: "convex_encoded_json" }),
        { Authorization: `Bearer ${await tokenPromise}` },
      );
      expect(res.status, name).toBe(401);
      expect((await res.json()).message, name).toMatch(message);
    }
    const client = new ConvexHttpClient(backend.url);
    client.setAuth(await backend.token({ aud: "nope" }));
    await expect(client.query(api.messages.whoami, {})).rejects.toThrow(/audience/);
  });

  it("preserves ConvexError data for the caller", async () => {
    const client = new ConvexHttpClient(backend.url);
    const error = await client
      .mutation(api.messages.fail, { code: "OUT_OF_STOCK" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data).toEqual({
      code: "OUT_OF_STOCK",
      message: "failed with OUT_OF_STOCK",
    });
  });

  it("reports a plain thrown error without data", async () => {
    const client = new ConvexHttpClient(backend.url);
    const error = await client.query(api.messages.crash, {}).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConvexError);
    expect((error as Error).message).toMatch(/Uncaught Error: plain failure/);
  });

  it("refuses unknown and internal functions alike", async () => {
    const client = new ConvexHttpClient(backend.url);
    await expect(client.query(api.messages.nope, {})).rejects.toThrow(
      /Could not find public function for 'messages:nope'/,
    );
    await expect(client.query(api.messages.secretCount, {})).rejects.toThrow(
      /Could not find public function for 'messages:secretCount'/,
    );
    await expect(
      client.mutation(api.messages.insertInternal, { author: "x", body: "y" }),
    ).rejects.toThrow(/Could not find public function/);
  });

  it("lets the admin key (tests only) call internal functions, and refuses a wrong key", async () => {
    const admin = new ConvexHttpClient(backend.url);
    (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(ADMIN_KEY);
    const total: number = await admin.query(api.messages.count, {});
    expect(await admin.query(api.messages.secretCount, {})).toBe(total);

    const wrong = await post(
      "/api/query",
      JSON.stringify({ path: "messages:secretCount", args: [{}], format: "json" }),
      { Authorization: "Convex not-the-key" },
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "BadAdminKey" });
  });

  it("rejects wrong arguments with a validation error and writes nothing", async () => {
    const client = new ConvexHttpClient(backend.url);
    const before: number = await client.query(api.messages.count, {});
    await expect(client.mutation(api.messages.send, { author: 1, body: "x" })).rejects.toThrow(
      /ArgumentValidationError/,
    );
    await expect(
      client.mutation(api.messages.send, { author: "a", body: "x", extra: true }),
    ).rejects.toThrow(/ArgumentValidationError/);
    expect(await client.query(api.messages.count, {})).toBe(before);
  });

  it("reports a schema violation inside a function as a function error, not an argument error", async () => {
    const client = new ConvexHttpClient(backend.url);
    const error = (await client
      .mutation(api.messages.badWrite, {})
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/Uncaught Error/);
    expect(error.message).not.toMatch(/ArgumentValidationError/);
  });

  it("refuses calling a query as a mutation", async () => {
    const client = new ConvexHttpClient(backend.url);
    await expect(client.mutation(api.messages.list, {})).rejects.toThrow(/defined as Query/);
  });

  it("gives functions the env file and built-in URLs", async () => {
    const client = new ConvexHttpClient(backend.url);
    expect(await client.query(api.messages.env, { name: "GREETING" })).toBe("hello\nworld");
    expect(await client.query(api.messages.env, { name: "CONVEX_SITE_URL" })).toBe(backend.siteUrl);
    expect(await client.query(api.messages.env, { name: "CONVEX_CLOUD_URL" })).toBe(backend.url);
  });
});

describe("bad HTTP input", () => {
  it("answers malformed JSON with 400 and keeps serving", async () => {
    const res = await post("/api/query", "{nope");
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("BadJsonBody");
    expect(await new ConvexHttpClient(backend.url).query(api.messages.count, {})).toBeGreaterThan(
      0,
    );
  });

  it("answers an oversize body with 413", async () => {
    const big = new Uint8Array(17 * 1024 * 1024).fill(0x61);
    const res = await post("/api/mutation", big);
    expect(res.status).toBe(413);
    expect(await new ConvexHttpClient(backend.url).query(api.messages.count, {})).toBeGreaterThan(
      0,
    );
  });

  it("answers unknown routes with 404", async () => {
    const res = await post("/api/nonsense", "{}");
    expect(res.status).toBe(404);
  });
});

describe("HTTP actions and the data browser", () => {
  it("serves convex/http.ts on the site port, with ctx.runQuery", async () => {
    const res = await fetch(`${backend.siteUrl}/echo?x=1`, { method: "POST", body: "ping" });
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.body).toBe("ping");
    expect(json.count).toBeGreaterThan(0);
    expect(json.cloud).toBe(backend.url);
    expect(json.url).toBe(`${backend.siteUrl}/echo?x=1`);
  });

  it("shows tables, documents newest first, and a document's fields", async () => {
    const client = new ConvexHttpClient(backend.url);
    await client.mutation(api.messages.send, { author: "zed", body: "newest<b>" });
    const index = await (await fetch(`${backend.url}/`)).text();
    expect(index).toContain('href="/?table=messages"');
    const table = await (await fetch(`${backend.url}/?table=messages`)).text();
    const newest = table.indexOf("newest&#60;b&#62;");
    expect(newest).toBeGreaterThan(-1);
    expect(newest).toBeLessThan(table.indexOf("welcome"));
    const id = /href="\/\?table=messages&amp;id=([^"]+)"/.exec(table)?.[1];
    const doc = await (await fetch(`${backend.url}/?table=messages&id=${id}`)).text();
    expect(doc).toContain("zed");
  });
});

describe("the data browser and DNS rebinding", () => {
  const port = () => new URL(backend.url).port;

  it.each(["evil.example", "evil.example:3210", "127.0.0.1.evil.example"])(
    "refuses Host %s on the data browser and /_local/status with one plain-text line",
    async (host) => {
      for (const path of ["/", "/browser", "/?table=messages", "/_local/status"]) {
        const res = await requestWithHost(backend.url, host, path);
        expect(res.status, path).toBe(403);
        expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
        expect(res.body).toMatch(/^Refused: Host .* is not a loopback name[^\n]*\n$/);
        expect(res.body).not.toContain("welcome");
      }
    },
  );

  it("serves localhost:<port> and 127.0.0.1:<port>", async () => {
    for (const host of [`localhost:${port()}`, `127.0.0.1:${port()}`]) {
      const table = await requestWithHost(backend.url, host, "/?table=messages");
      expect(table.status).toBe(200);
      expect(table.body).toContain("welcome");
      expect((await requestWithHost(backend.url, host, "/_local/status")).status).toBe(200);
    }
  });

  it("gives the data browser no CORS headers, so another site's page cannot read it", async () => {
    const origin = { Origin: "http://evil.example" };
    for (const path of ["/", "/?table=messages", "/_local/status"]) {
      const res = await fetch(`${backend.url}${path}`, { headers: origin });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("access-control-allow-origin"), path).toBeNull();
    }
  });

  it("leaves Convex's own endpoints to every Host and origin, as a deployment does", async () => {
    // The app's browser clients call these cross-origin; auth is the bearer token, not the Host.
    const query = await requestWithHost(backend.url, "evil.example", "/api/query", {
      method: "POST",
      headers: { "content-type": "application/json", Origin: "http://evil.example" },
      body: JSON.stringify({ path: "messages:count", args: {}, format: "json" }),
    });
    expect(query.status).toBe(200);
    expect(query.headers["access-control-allow-origin"]).toBe("*");
    expect((await requestWithHost(backend.url, "evil.example", "/version")).status).toBe(200);
  });
});
