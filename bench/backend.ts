// Measures the local Convex backend on loopback with the unmodified clients:
// HTTP query round trip (ConvexHttpClient), and WebSocket mutation -> subscriber update latency
// with 1 and 50 subscribed ConvexClients. Prints p50/p95 in ms. Run: `npm run bench:backend`.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startLocalBackend } from "../dev/convex-local/index";
import { TEST_PROJECT } from "../dev/convex-local/testing";

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

function wsClient(url: string): ConvexClient {
  return new ConvexClient(url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    unsavedChangesWarning: false,
  });
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
