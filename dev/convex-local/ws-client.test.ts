// ConvexClient (unmodified convex 1.48, over the `ws` package) against the local backend:
// subscriptions and reactivity, unsubscribe, auth changes, token refetch on expiry, scheduled
// writes reaching subscribers, and bad WebSocket input.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startTestBackend, wsClient, waitFor, type TestBackend } from "./testing";

const api = anyApi;
let backend: TestBackend;
const clients: ConvexClient[] = [];

function newClient(): ConvexClient {
  const c = wsClient(backend.url);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  backend = await startTestBackend();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await backend?.cleanup();
});

describe("ConvexClient over WebSocket", () => {
  it("gets a first value, then an update after another client's mutation", async () => {
    const watcher = newClient();
    const writer = newClient();
    const seen: number[] = [];
    watcher.onUpdate(api.messages.count, { author: "w1" }, (n: number) => seen.push(n));
    await waitFor(
      () => seen,
      (s) => s.length === 1,
    );
    expect(seen).toEqual([0]);
    await writer.mutation(api.messages.send, { author: "w1", body: "a" });
    await waitFor(
      () => seen,
      (s) => s.at(-1) === 1,
    );
    // A mutation that changes nothing this query reads pushes no new value.
    await writer.mutation(api.messages.send, { author: "other", body: "b" });
    await writer.mutation(api.messages.send, { author: "w1", body: "c" });
    await waitFor(
      () => seen,
      (s) => s.at(-1) === 2,
    );
    expect(seen).toEqual([0, 1, 2]);
  });

  it("resolves a mutation only after its result is visible to the same client", async () => {
    const client = newClient();
    let latest = -1;
    client.onUpdate(api.messages.counter, { name: "own" }, (n: number) => (latest = n));
    await waitFor(
      () => latest,
      (n) => n === 0,
    );
    const result = await client.mutation(api.messages.increment, { name: "own" });
    expect(result).toBe(1);
    expect(latest).toBe(1);
  });

  it("runs one client's mutations in the order they were sent", async () => {
    const client = newClient();
    const bodies = Array.from({ length: 15 }, (_, i) => `m${i}`);
    await Promise.all(
      bodies.map((body) => client.mutation(api.messages.send, { author: "order", body })),
    );
    const all = (await client.query(api.messages.list, {})) as { author: string; body: string }[];
    expect(all.filter((m) => m.author === "order").map((m) => m.body)).toEqual(bodies);
  });

  it("stops updates after unsubscribe", async () => {
    const watcher = newClient();
    const writer = newClient();
    const seen: number[] = [];
    const unsubscribe = watcher.onUpdate(api.messages.count, { author: "u1" }, (n: number) =>
      seen.push(n),
    );
    await waitFor(
      () => seen,
      (s) => s.length === 1,
    );
    unsubscribe();
    await writer.mutation(api.messages.send, { author: "u1", body: "a" });
    // A second, still-subscribed query proves updates are flowing to this client.
    const other: number[] = [];
    watcher.onUpdate(api.messages.count, { author: "u1" }, (n: number) => other.push(n));
    await waitFor(
      () => other,
      (s) => s.at(-1) === 1,
    );
    expect(seen).toEqual([0]);
  });

  it("changes ctx.auth when auth is set and cleared", async () => {
    const client = newClient();
    let who: unknown = "unset";
    client.onUpdate(api.messages.whoami, {}, (w: unknown) => (who = w));
    await waitFor(
      () => who,
      (w) => w === null,
    );
    const token = await backend.token({ sub: "alice;s1" });
    client.setAuth(async () => token);
    await waitFor(
      () => who,
      (w) => (w as { subject?: string } | null)?.subject === "alice;s1",
    );
    client.client.clearAuth();
    await waitFor(
      () => who,
      (w) => w === null,
    );
  });

  it("refetches the token when the server rejects an expired one, then resumes", async () => {
    const client = newClient();
    let who: unknown = "unset";
    const requests: boolean[] = [];
    client.setAuth(async ({ forceRefreshToken }) => {
      requests.push(forceRefreshToken);
      // The first token is already expired; a forced refresh gets a fresh one.
      return forceRefreshToken
        ? await backend.token({ sub: "fresh;s2" })
        : await backend.token(
            { sub: "stale;s1" },
            { expiresIn: Math.floor(Date.now() / 1000) - 60 },
          );
    });
    client.onUpdate(api.messages.whoami, {}, (w: unknown) => (who = w));
    await waitFor(
      () => who,
      (w) => (w as { subject?: string } | null)?.subject === "fresh;s2",
      10_000,
    );
    expect(requests[0]).toBe(false);
    expect(requests).toContain(true);
  });

  it("pushes a scheduled function's write to subscribers", async () => {
    const watcher = newClient();
    const seen: number[] = [];
    watcher.onUpdate(api.messages.count, { author: "sched" }, (n: number) => seen.push(n));
    await waitFor(
      () => seen,
      (s) => s.length === 1,
    );
    await newClient().mutation(api.messages.sendLater, {
      author: "sched",
      body: "later",
      delayMs: 50,
    });
    await waitFor(
      () => seen,
      (s) => s.at(-1) === 1,
    );
  });

  it("pushes an action's ctx.runMutation write to subscribers and returns its result", async () => {
    const watcher = newClient();
    const seen: number[] = [];
    watcher.onUpdate(api.messages.count, { author: "act" }, (n: number) => seen.push(n));
    await waitFor(
      () => seen,
      (s) => s.length === 1,
    );
    const result = await newClient().action(api.messages.sendViaAction, {
      author: "act",
      body: "x",
    });
    expect(typeof result.id).toBe("string");
    await waitFor(
      () => seen,
      (s) => s.at(-1) === 1,
    );
  });

  it("delivers query errors with ConvexError data and mutation errors to the caller", async () => {
    const client = newClient();
    let error: unknown = null;
    client.onUpdate(
      api.messages.crash,
      {},
      () => undefined,
      (e: Error) => (error = e),
    );
    await waitFor(
      () => error,
      (e) => e !== null,
    );
    expect(String((error as Error).message)).toMatch(/plain failure/);
    await expect(client.mutation(api.messages.fail, { code: "NOPE" })).rejects.toMatchObject({
      data: { code: "NOPE", message: "failed with NOPE" },
    });
    await expect(
      client.mutation(api.messages.insertInternal, { author: "a", body: "b" }),
    ).rejects.toThrow(/Could not find public function/);
  });
});

describe("bad WebSocket input", () => {
  function rawSocket(): Promise<{ ws: WebSocket; messages: unknown[]; closed: Promise<void> }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`);
      const messages: unknown[] = [];
      const closed = new Promise<void>((r) => ws.on("close", () => r()));
      ws.on("message", (d) => messages.push(JSON.parse(d.toString())));
      ws.on("open", () => resolve({ ws, messages, closed }));
      ws.on("error", reject);
    });
  }

  it("answers malformed JSON and unknown message types with FatalError, others keep working", async () => {
    const healthy = newClient();
    const seen: number[] = [];
    healthy.onUpdate(api.messages.count, { author: "h" }, (n: number) => seen.push(n));
    await waitFor(
      () => seen,
      (s) => s.length === 1,
    );

    const a = await rawSocket();
    a.ws.send("{not json");
    await a.closed;
    expect(a.messages).toContainEqual({
      type: "FatalError",
      error: "Malformed message: invalid JSON",
    });

    const b = await rawSocket();
    b.ws.send(JSON.stringify({ type: "Bogus" }));
    await b.closed;
    expect(b.messages.find((m) => (m as { type?: string }).type === "FatalError")).toMatchObject({
      type: "FatalError",
      error: expect.stringMatching(/Unknown message type/),
    });

    await newClient().mutation(api.messages.send, { author: "h", body: "x" });
    await waitFor(
      () => seen,
      (s) => s.at(-1) === 1,
    );
  });

  it("accepts a valid token, then reports it with AuthError once it expires", async () => {
    const s = await rawSocket();
    const token = await backend.token({}, { expiresIn: Math.floor(Date.now() / 1000) + 2 });
    s.ws.send(
      JSON.stringify({ type: "Authenticate", tokenType: "User", value: token, baseVersion: 0 }),
    );
    const advancesIdentity = (m: unknown) =>
      (m as { endVersion?: { identity?: number } }).endVersion?.identity === 1;
    await waitFor(
      () => s.messages,
      (m) => m.some(advancesIdentity),
    );
    expect(s.messages.find(advancesIdentity)).toMatchObject({
      type: "Transition",
      startVersion: { identity: 0 },
      endVersion: { identity: 1 },
    });
    // Other Transitions (the test project's cron commits every second) may come in between.
    const isAuthError = (m: unknown) => (m as { type?: string }).type === "AuthError";
    await waitFor(
      () => s.messages,
      (m) => m.some(isAuthError),
      6000,
    );
    expect(s.messages.find(isAuthError)).toMatchObject({
      type: "AuthError",
      baseVersion: 1,
      authUpdateAttempted: false,
    });
    s.ws.close();
  });

  it("answers each kind of bad token with AuthError without advancing the identity", async () => {
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(
      JSON.stringify({ iss: backend.siteUrl, aud: "convex", sub: "x", exp: 9999999999 }),
    ).toString("base64url")}.`;
    const cases: [string, string, RegExp][] = [
      ["wrong audience", await backend.token({ aud: "wrong" }), /audience/],
      ["wrong issuer", await backend.token({ iss: "http://evil.example" }), /issuer/],
      [
        "expired",
        await backend.token({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }),
        /expired/i,
      ],
      ["unsigned", unsigned, /alg: none/],
      ["garbage", "xx.yy.zz", /parse/i],
    ];
    for (const [name, token, message] of cases) {
      const s = await rawSocket();
      s.ws.send(
        JSON.stringify({
          type: "Connect",
          sessionId: "x",
          connectionCount: 0,
          lastCloseReason: null,
          clientTs: Date.now(),
        }),
      );
      s.ws.send(
        JSON.stringify({ type: "Authenticate", tokenType: "User", value: token, baseVersion: 0 }),
      );
      // Cron commits may push identity-less Transitions first; the AuthError is what matters,
      // and no Transition may ever advance the identity.
      const isAuthError = (m: unknown) => (m as { type?: string }).type === "AuthError";
      await waitFor(
        () => s.messages,
        (m) => m.some(isAuthError),
      );
      expect(s.messages.find(isAuthError), name).toMatchObject({
        baseVersion: 0,
        authUpdateAttempted: true,
      });
      expect((s.messages.find(isAuthError) as { error: string }).error, name).toMatch(message);
      expect(
        s.messages.filter(
          (m) => (m as { endVersion?: { identity?: number } }).endVersion?.identity === 1,
        ),
        name,
      ).toEqual([]);
      s.ws.close();
    }
  });
});
