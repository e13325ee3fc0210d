// `/_local/status` as an operator reads it: commits per second, subscription re-runs per commit,
// the slowest queries by function, and queries that read every document of a large table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { BackendStats, type StatsReport } from "./stats";
import { startTestBackend, wsClient, waitFor, type TestBackend } from "./testing";

const api = anyApi;

/** What `/_local/status` reports of the backend's stats (the same shape `stats.ts` builds). */
type Status = StatsReport;

describe("/_local/status", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend?.cleanup();
  });
  const status = async () => (await (await fetch(`${backend.url}/_local/status`)).json()) as Status;

  it("counts commits, re-runs of subscribed queries and the slowest queries", async () => {
    const before = await status();
    const client = wsClient(backend.url);
    try {
      let seen = -1;
      client.onUpdate(api.messages.count, { author: "s" }, (n: number) => (seen = n));
      client.onUpdate(api.messages.counter, { name: "s" }, () => undefined);
      await waitFor(
        () => seen,
        (n) => n === 0,
      );
      for (let i = 0; i < 5; i++) {
        await client.mutation(api.messages.send, {
          author: "s",
          body: String(i),
        });
      }
      await waitFor(
        () => seen,
        (n) => n === 5,
      );
    } finally {
      await client.close();
    }
    const after = await status();
    expect(after.commits - before.commits).toBeGreaterThanOrEqual(5);
    expect(after.commitsPerSecond).toBeGreaterThan(0);
    // Precise invalidation: each message touched the `count` subscription's range, so it ran
    // again after each of the 5 commits; the `counter` one read another table and never did
    // (both re-running would make 10).
    expect(after.reruns - before.reruns).toBeGreaterThanOrEqual(5);
    expect(after.reruns - before.reruns).toBeLessThan(10);
    expect(after.rerunsPerCommit).toBeGreaterThan(0);
    const count = after.slowestQueries.find((q) => q.function === "messages:count");
    expect(count?.runs).toBeGreaterThanOrEqual(6);
    expect(count?.maxMs).toBeGreaterThanOrEqual(count?.meanMs ?? Infinity);
  });

  it("reports a query that reads all of a table past 1 000 documents, but not .first()", async () => {
    const http = new ConvexHttpClient(backend.url);
    await http.mutation(api.messages.sendMany, { author: "bulk", count: 1001 });
    await http.query(api.messages.latest, {});
    expect((await status()).fullTableScans).toEqual([]);
    await http.query(api.messages.list, {});
    await http.query(api.messages.list, {});
    const scans = (await status()).fullTableScans;
    expect(scans).toEqual([
      {
        function: "messages:list",
        table: "messages",
        documents: expect.any(Number),
        times: 2,
      },
    ]);
    expect(scans[0].documents).toBeGreaterThan(1000);
  });
});

describe("BackendStats", () => {
  it("reports commits per second over the last 10 seconds", () => {
    let now = 1_000_000;
    const stats = new BackendStats(() => now);
    for (let i = 0; i < 30; i++) stats.recordCommit();
    expect(stats.report().commitsPerSecond).toBe(3);
    now += 11_000;
    stats.recordCommit();
    expect(stats.report()).toMatchObject({
      commits: 31,
      commitsPerSecond: 0.1,
    });
  });

  it("warns once per function and table, and only past 1 000 documents", () => {
    const stats = new BackendStats();
    expect(stats.recordFullTableScan("a:list", "t", 1000)).toBe(false);
    expect(stats.recordFullTableScan("a:list", "t", 1001)).toBe(true);
    expect(stats.recordFullTableScan("a:list", "t", 1002)).toBe(false);
    expect(stats.recordFullTableScan("b:list", "t", 1002)).toBe(true);
    expect(stats.report().fullTableScans.map((s) => [s.function, s.times])).toEqual([
      ["a:list", 2],
      ["b:list", 1],
    ]);
  });
});
