// Measures the local Convex backend on loopback with the unmodified clients:
// HTTP query round trip (ConvexHttpClient), WebSocket mutation -> subscriber update latency
// with 1 and 50 subscribed ConvexClients, isolation (one user's writes while 0/50/500 idle pages
// of other users are subscribed), an index read among 10 000 rows, and write throughput from 50
// devices at once. Prints p50/p95 in ms. Run: `npm run bench:backend` (`-- --quick` skips 500).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startLocalBackend } from "../dev/convex-local/index";
import { TEST_PROJECT, wsClient } from "../dev/convex-local/testing";

const api = anyApi;
const HTTP_ROUNDS = 300;
const WS_ROUNDS = 100;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(label: string, samples: number[]): void {
  console.log(
    `${label.padEnd(48)} p50 ${percentile(samples, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(2).padStart(7)} ms   (n=${samples.length})`,
  );
}

async function mutationToUpdate(
  url: string,
  subscribers: number,
  counter: string,
): Promise<number[]> {
  const clients = Array.from({ length: subscribers }, () => wsClient(url));
  const writer = wsClient(url);
  const latest = new Array<number>(subscribers).fill(-1);
  let waiters: { target: number; resolve: () => void } | null = null;
  const check = () => {
    if (waiters && latest.every((v) => v >= waiters!.target)) {
      const w = waiters;
      waiters = null;
      w.resolve();
    }
  };
  clients.forEach((c, i) =>
    c.onUpdate(api.messages.counter, { name: counter }, (v: number) => {
      latest[i] = v;
      check();
    }),
  );
  await new Promise<void>((resolve) => {
    waiters = { target: 0, resolve };
    check();
  });
  const samples: number[] = [];
  for (let round = 1; round <= WS_ROUNDS; round++) {
    const reached = new Promise<void>((resolve) => {
      waiters = { target: round, resolve };
    });
    const started = performance.now();
    void writer.mutation(api.messages.increment, { name: counter });
    await reached;
    // Time until the last subscriber has seen the new value.
    samples.push(performance.now() - started);
  }
  await Promise.all([...clients, writer].map((c) => c.close()));
  return samples;
}

/** One user's write -> own update latency while `idle` other users' pages are subscribed. */
async function isolation(url: string, idle: number): Promise<number[]> {
  const pages = Array.from({ length: idle }, () => wsClient(url));
  let ready = 0;
  pages.forEach((c, i) => {
    c.onUpdate(api.indexed.sessionsOf, { userId: `idle${i}` }, () => (ready += 1));
    c.onUpdate(api.messages.counter, { name: `idle${i}` }, () => (ready += 1));
  });
  while (ready < idle * 2) await new Promise((r) => setTimeout(r, 20));
  const writer = wsClient(url);
  const user = `writer-${idle}`;
  let seen = -1;
  let wake: (() => void) | null = null;
  writer.onUpdate(api.indexed.sessionsOf, { userId: user }, (d: string[]) => {
    seen = d.length;
    wake?.();
  });
  while (seen < 0) await new Promise((r) => setTimeout(r, 10));
  const samples: number[] = [];
  for (let round = 1; round <= WS_ROUNDS; round++) {
    const reached = new Promise<void>((resolve) => {
      wake = () => {
        if (seen >= round) resolve();
      };
    });
    const started = performance.now();
    void writer.mutation(api.indexed.addSession, { userId: user, device: `d${round}` });
    await reached;
    samples.push(performance.now() - started);
  }
  await Promise.all([...pages, writer].map((c) => c.close()));
  return samples;
}

/** `sessionsOf` (the shape of the app's `sessions.listMine`) with 10 000 sessions, 3 the caller's. */
async function indexRead(url: string): Promise<number[]> {
  const http = new ConvexHttpClient(url);
  for (let i = 0; i < 5; i++) {
    await http.mutation(api.indexed.addSessions, { userId: `crowd${i}`, count: 1999, prefix: "c" });
  }
  await http.mutation(api.indexed.addSessions, { userId: "me", count: 3, prefix: "mine" });
  for (let i = 0; i < 20; i++) await http.query(api.indexed.sessionsOf, { userId: "me" });
  const samples: number[] = [];
  for (let i = 0; i < HTTP_ROUNDS; i++) {
    const started = performance.now();
    const mine = (await http.query(api.indexed.sessionsOf, { userId: "me" })) as string[];
    samples.push(performance.now() - started);
    if (mine.length !== 3) throw new Error(`expected 3 sessions, got ${mine.length}`);
  }
  return samples;
}

/** 50 devices, each with its counter subscribed, send 30 increments each, all at once. */
async function throughput(
  url: string,
): Promise<{ writes: number; seconds: number; lost: number; latencies: number[] }> {
  const DEVICES = 50;
  const EACH = 30;
  const devices = Array.from({ length: DEVICES }, () => wsClient(url));
  let subscribed = 0;
  devices.forEach((c, i) =>
    c.onUpdate(api.messages.counter, { name: `cart${i}` }, () => (subscribed += 1)),
  );
  while (subscribed < DEVICES) await new Promise((r) => setTimeout(r, 10));
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    devices.flatMap((c, i) =>
      Array.from({ length: EACH }, async () => {
        const t0 = performance.now();
        await c.mutation(api.messages.increment, { name: `cart${i}` });
        latencies.push(performance.now() - t0);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const http = new ConvexHttpClient(url);
  let lost = 0;
  for (let i = 0; i < DEVICES; i++) {
    lost += EACH - ((await http.query(api.messages.counter, { name: `cart${i}` })) as number);
  }
  await Promise.all(devices.map((c) => c.close()));
  return { writes: DEVICES * EACH, seconds, lost, latencies };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "convex-local-bench-"));
  const backend = await startLocalBackend({
    projectDir: TEST_PROJECT,
    port: 0,
    sitePort: 0,
    dataDir: path.join(dir, "data"),
    envFile: path.join(dir, "none.env"),
    reset: true,
    watch: false,
    log: false,
  });
  try {
    console.log(
      `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`,
    );
    const http = new ConvexHttpClient(backend.url);
    for (let i = 0; i < 20; i++) await http.query(api.messages.count, {});
    const httpSamples: number[] = [];
    for (let i = 0; i < HTTP_ROUNDS; i++) {
      const started = performance.now();
      await http.query(api.messages.count, {});
      httpSamples.push(performance.now() - started);
    }
    report("HTTP query round trip", httpSamples);
    report("WS mutation -> update, 1 subscriber", await mutationToUpdate(backend.url, 1, "bench1"));
    report(
      "WS mutation -> update, 50 subscribers (last one)",
      await mutationToUpdate(backend.url, 50, "bench50"),
    );
    const quick = process.argv.includes("--quick");
    for (const idle of quick ? [0, 50] : [0, 50, 500]) {
      report(
        `isolation: own write -> update, ${idle} idle pages`,
        await isolation(backend.url, idle),
      );
    }
    report("index read: sessionsOf among 10 000 (3 mine)", await indexRead(backend.url));
    const t = await throughput(backend.url);
    report("throughput: mutation latency, 50 devices x 30", t.latencies);
    console.log(
      `throughput: ${t.writes} writes in ${t.seconds.toFixed(2)} s = ${(t.writes / t.seconds).toFixed(0)} writes/s, lost ${t.lost}`,
    );
    console.log(`load average (1 min) at the end: ${os.loadavg()[0].toFixed(2)}`);
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
