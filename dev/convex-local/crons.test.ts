// Cron schedules: next-run arithmetic in UTC, and a real interval cron whose writes reach a
// WebSocket subscriber.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyApi } from "convex/server";
import { nextRun } from "./crons";
import { startTestBackend, wsClient, waitFor, type TestBackend } from "./testing";

describe("nextRun", () => {
  const now = Date.UTC(2026, 0, 15, 10, 30); // Thursday
  it("computes interval, hourly, daily, weekly and monthly times", () => {
    expect(nextRun({ type: "interval", minutes: 5 }, now, null)).toBe(now + 300_000);
    expect(nextRun({ type: "interval", seconds: 10 }, now, now - 4000)).toBe(now + 6000);
    expect(nextRun({ type: "hourly", minuteUTC: 15 }, now, null)).toBe(
      Date.UTC(2026, 0, 15, 11, 15),
    );
    expect(nextRun({ type: "daily", hourUTC: 9, minuteUTC: 0 }, now, null)).toBe(
      Date.UTC(2026, 0, 16, 9, 0),
    );
    expect(
      nextRun({ type: "weekly", dayOfWeek: "monday", hourUTC: 0, minuteUTC: 0 }, now, null),
    ).toBe(Date.UTC(2026, 0, 19, 0, 0));
    expect(nextRun({ type: "monthly", day: 1, hourUTC: 0, minuteUTC: 0 }, now, null)).toBe(
      Date.UTC(2026, 1, 1, 0, 0),
    );
    expect(nextRun({ type: "cron", cron: "* * * * *" }, now, null)).toBeNull();
  });
});

describe("cron runner", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend?.cleanup();
  });

  it("runs convex/crons.ts jobs and subscribers see their writes", async () => {
    const client = wsClient(backend.url);
    try {
      let value = -1;
      client.onUpdate(anyApi.messages.counter, { name: "cron" }, (n: number) => (value = n));
      await waitFor(
        () => value,
        (n) => n >= 2,
        5000,
      );
    } finally {
      await client.close();
    }
  });
});
