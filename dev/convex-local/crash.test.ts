// Durable commits through the real clients: a backend process killed with SIGKILL in the middle
// of a stream of writes keeps every write it acknowledged; a torn record at the end of the log
// is dropped with the rest intact; scheduled functions come back from the log.
import { appendFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startTestBackend, wsClient as connect, waitFor, waitForMessages, type TestBackend } from "./testing";

const api = anyApi;
const backends: TestBackend[] = [];
const clients: ConvexClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(backends.splice(0).map((b) => b.cleanup()));
});

async function backend(): Promise<TestBackend> {
  const b = await startTestBackend();
  backends.push(b);
  return b;
}

function wsClient(url: string): ConvexClient {
  const c = connect(url);
  clients.push(c);
  return c;
}

async function listIds(url: string): Promise<Set<string>> {
  const all = (await new ConvexHttpClient(url).query(api.messages.list, {})) as { _id: string }[];
  return new Set(all.map((m) => m._id));
}

type Status = {
  storage: { replayedCommits: number; droppedTail: string | null };
  commits: number;
};

async function status(url: string): Promise<Status> {
  return (await (await fetch(`${url}/_local/status`)).json()) as Status;
}

/**
 * Sends `send()` with `inFlight` calls outstanding until `killAfter` have been acknowledged,
 * then kills the backend while the rest are still in flight. Returns the acknowledged ids.
 */
async function writeAndKill(
  b: TestBackend,
  send: (i: number) => Promise<string>,
  inFlight: number,
  killAfter: number,
): Promise<string[]> {
  const acked: string[] = [];
  let next = 0;
  let killed: Promise<void> | null = null;
  let markDead!: () => void;
  // Replies the dead process had already sent still count; after that, calls in flight are lost
  // (a WebSocket client would retry them forever against the dead port).
  const dead = new Promise<null>((r) => (markDead = () => setTimeout(() => r(null), 200)));
  const worker = async () => {
    while (killed === null) {
      const i = next++;
      const id = await Promise.race([send(i).catch(() => null), dead]);
      if (id === null) return;
      acked.push(id);
      if (acked.length >= killAfter && killed === null) killed = b.kill().then(markDead);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  await killed;
  return acked;
}

describe("crash safety", { timeout: 90_000 }, () => {
  it("keeps every write acknowledged over WebSocket when the process is killed mid-stream", async () => {
    const b = await backend();
    const client = wsClient(b.url);
    const acked = await writeAndKill(
      b,
      async (i) =>
        (await client.mutation(api.messages.send, {
          author: "ws",
          body: String(i),
        })) as string,
      10,
      120,
    );
    expect(acked.length).toBeGreaterThanOrEqual(120);
    await client.close();

    await b.restart();
    const ids = await listIds(b.url);
    expect(acked.filter((id) => !ids.has(id))).toEqual([]);
    expect((await status(b.url)).storage.replayedCommits).toBeGreaterThan(0);
    // Ids keep counting after the replayed ones.
    const fresh = (await new ConvexHttpClient(b.url).mutation(api.messages.send, {
      author: "ws",
      body: "after",
    })) as string;
    expect(ids.has(fresh)).toBe(false);
  });

  it("keeps every write acknowledged over HTTP, one at a time and all at once", async () => {
    const b = await backend();
    const http = new ConvexHttpClient(b.url);
    const send = async (i: number) =>
      (await http.mutation(api.messages.send, {
        author: "http",
        body: String(i),
      })) as string;
    const oneAtATime = await writeAndKill(b, send, 1, 40);
    await b.restart();
    let ids = await listIds(b.url);
    expect(oneAtATime.filter((id) => !ids.has(id))).toEqual([]);

    const allAtOnce = await writeAndKill(b, send, 50, 50);
    await b.restart();
    ids = await listIds(b.url);
    expect([...oneAtATime, ...allAtOnce].filter((id) => !ids.has(id))).toEqual([]);
  });

  it("drops a torn last record with a note, keeping everything before it", async () => {
    const b = await backend();
    const http = new ConvexHttpClient(b.url);
    const acked: string[] = [];
    for (let i = 0; i < 5; i++) {
      acked.push(
        (await http.mutation(api.messages.send, {
          author: "t",
          body: `${i}`,
        })) as string,
      );
    }
    await b.kill();
    const dataDir = path.join(b.dir, "data");
    const segments = readdirSync(dataDir)
      .filter((f) => /^commits-\d+\.log$/.test(f))
      .sort();
    expect(segments.length).toBeGreaterThan(0);
    // What a crash in the middle of writing a record leaves: a header announcing 500 bytes,
    // and only some of them.
    const header = Buffer.alloc(8);
    header.writeUInt32LE(500, 0);
    header.writeUInt32LE(0xdeadbeef, 4);
    appendFileSync(
      path.join(dataDir, segments.at(-1)!),
      Buffer.concat([header, Buffer.from('{"ts":"9","put":[{"_id":"1')]),
    );

    await b.restart();
    const s = await status(b.url);
    expect(s.storage.droppedTail).toMatch(/short record/);
    const ids = await listIds(b.url);
    expect(acked.filter((id) => !ids.has(id))).toEqual([]);
    // Still writable, and the log is clean again after the restart.
    await http.mutation(api.messages.send, { author: "t", body: "after" });
    await b.kill();
    await b.restart();
    expect((await status(b.url)).storage.droppedTail).toBeNull();
    expect((await waitForMessages(http, "t", () => true, 0)).length).toBe(6);
  });

  it("runs a scheduled function from the log after a crash, and a finished one not again", async () => {
    const b = await backend();
    const http = new ConvexHttpClient(b.url);
    await http.mutation(api.messages.sendLater, {
      author: "done",
      body: "x",
      delayMs: 0,
    });
    await waitForMessages(http, "done", (n) => n === 1, 10_000);
    const scheduledAt = Date.now();
    await http.mutation(api.messages.sendLater, {
      author: "pending",
      body: "y",
      delayMs: 1500,
    });
    await b.kill();
    const killedAt = Date.now();
    expect(killedAt - scheduledAt).toBeLessThan(1500);

    await b.restart();
    const pending = await waitForMessages(http, "pending", (n) => n >= 1, 30_000);
    expect(pending).toHaveLength(1);
    expect(pending[0]._creationTime).toBeGreaterThanOrEqual(killedAt);
    // Let the restarted backend run a while (two cron ticks): the finished job stays finished.
    const cronAt = (await http.query(api.messages.counter, {
      name: "cron",
    })) as number;
    const watcher = wsClient(b.url);
    let ticks = cronAt;
    watcher.onUpdate(api.messages.counter, { name: "cron" }, (n: number) => (ticks = n));
    await waitFor(
      () => ticks,
      (n) => n >= cronAt + 2,
      15_000,
    );
    expect(await waitForMessages(http, "done", () => true, 0)).toHaveLength(1);
    expect(await waitForMessages(http, "pending", () => true, 0)).toHaveLength(1);
  });
});
