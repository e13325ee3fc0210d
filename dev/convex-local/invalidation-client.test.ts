// Precise invalidation through the real clients: a subscription is re-run only when a commit
// writes into what it read (here an index range). `indexed:sessionsProbe` returns a new value
// on every run, so the subscribed ConvexClient sees exactly one update per re-run.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startTestBackend, wsClient, waitFor, type TestBackend } from "./testing";

const api = anyApi;
let backend: TestBackend;
const clients: ConvexClient[] = [];
type Probe = { devices: string[]; runs: number };

function newClient(): ConvexClient {
  const c = wsClient(backend.url);
  clients.push(c);
  return c;
}

function watch(client: ConvexClient, userId: string): Probe[] {
  const seen: Probe[] = [];
  client.onUpdate(api.indexed.sessionsProbe, { userId }, (p: Probe) => seen.push(p));
  return seen;
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

describe("precise invalidation", () => {
  it("does not re-run a subscription for writes outside its index range", async () => {
    const watcher = newClient();
    const writer = newClient();
    const http = new ConvexHttpClient(backend.url);
    const ann = watch(watcher, "ann");
    const bob = watch(watcher, "bob");
    await waitFor(
      () => [ann.length, bob.length],
      ([a, b]) => a === 1 && b === 1,
    );
    // Writes to the same table outside ann's range, to other tables, over WebSocket and HTTP.
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await writer.mutation(api.indexed.addSession, {
          userId: "bob",
          device: `b${i}`,
        }),
      );
    }
    await http.mutation(api.indexed.renameSession, {
      id: ids[0],
      device: "b0-renamed",
    });
    await http.mutation(api.messages.increment, { name: "unrelated" });
    await writer.mutation(api.indexed.addSessions, {
      userId: "carol",
      count: 20,
      prefix: "c",
    });
    await waitFor(
      () => bob.at(-1)?.devices ?? [],
      (d) => d.includes("b0-renamed") && d.length === 5,
    );
    // Same connection: bob's last update came in a Transition after every write above.
    expect(ann).toHaveLength(1);
    expect(ann[0].devices).toEqual([]);

    // A write into ann's range re-runs it once.
    await writer.mutation(api.indexed.addSession, {
      userId: "ann",
      device: "a0",
    });
    await waitFor(
      () => ann,
      (s) => s.length === 2,
    );
    expect(ann[1].devices).toEqual(["a0"]);
    expect(bob.at(-1)!.devices).toHaveLength(5);

    // Moving a document between ranges touches both: the old key and the new key.
    const bobBefore = bob.length;
    await http.mutation(api.indexed.moveSession, { id: ids[1], userId: "ann" });
    await waitFor(
      () => [ann.at(-1)!.devices, bob.at(-1)!.devices],
      ([a, b]) => a.includes("b1") && !b.includes("b1"),
    );
    expect(ann).toHaveLength(3);
    expect(bob.length).toBe(bobBefore + 1);
  });

  it("keeps every subscriber of a range up to date and leaves the others alone", async () => {
    const writer = new ConvexHttpClient(backend.url);
    const watchers = Array.from({ length: 10 }, () => newClient());
    const mine = watch(watchers[0], "dave");
    const others = watchers.slice(1).map((c, i) => watch(c, `idle${i}`));
    await waitFor(
      () => [mine.length, ...others.map((o) => o.length)],
      (ls) => ls.every((l) => l === 1),
    );
    for (let i = 0; i < 10; i++) {
      await writer.mutation(api.indexed.addSession, {
        userId: "dave",
        device: `d${i}`,
      });
    }
    await waitFor(
      () => mine.at(-1)!.devices.length,
      (n) => n === 10,
    );
    // Idle connections: one run each (the first), whatever the other user wrote.
    expect(others.map((o) => o.length)).toEqual(others.map(() => 1));
  });

  it("shows each client its own writes as they commit while many keep writing", async () => {
    // 20 devices each send 50 increments of their own counter at once (a client's mutations
    // run in order). Each device's subscription must follow its writes: a Transition carries a
    // timestamp at which its results hold, so it need not wait until no write touches them any
    // more. Before, a query kept being re-run while its device's next write committed during
    // each run, and a device's first write resolved only once all 50 had committed.
    const DEVICES = 20;
    const EACH = 50;
    const devices = Array.from({ length: DEVICES }, () => newClient());
    const seen = devices.map(() => [] as number[]);
    devices.forEach((d, i) =>
      d.onUpdate(api.messages.counter, { name: `stream${i}` }, (v: number) => seen[i].push(v)),
    );
    await waitFor(
      () => seen.map((s) => s.length),
      (ls) => ls.every((n) => n === 1),
    );
    const shownWhenFirstResolved = new Array<number>(DEVICES).fill(-1);
    const results = await Promise.all(
      devices.map((d, i) => {
        const writes = Array.from({ length: EACH }, () =>
          d.mutation(api.messages.increment, { name: `stream${i}` }),
        );
        void writes[0].then(() => (shownWhenFirstResolved[i] = seen[i].at(-1)!));
        return Promise.all(writes);
      }),
    );
    // Nothing lost, in order.
    for (const r of results) expect(r).toEqual(Array.from({ length: EACH }, (_, k) => k + 1));
    for (const shown of shownWhenFirstResolved) {
      expect(shown).toBeGreaterThanOrEqual(1);
      expect(shown).toBeLessThan(EACH);
    }
    await waitFor(
      () => seen.map((s) => s.at(-1)),
      (last) => last.every((v) => v === EACH),
    );
    // Updates arrived along the way, in order.
    for (const s of seen) expect([...s].sort((a, b) => a - b)).toEqual(s);
  });
});
