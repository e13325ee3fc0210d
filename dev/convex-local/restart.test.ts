// Persistence and reload: data written before a restart is there after it (snapshot), --reset
// starts empty, the seed runs only on an empty database, and hot reload swaps functions while
// keeping data and keeps the previous version on a syntax error.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startLocalBackend } from "./index";
import { startTestBackend, TEST_PROJECT, waitFor, waitForMessages } from "./testing";

const api = anyApi;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe("restart", () => {
  // Three backend starts: each spawns a process and bundles convex/, slow on a busy machine.
  it("keeps data across a restart, seeds only an empty database, and --reset empties it", async () => {
    const backend = await startTestBackend({ seed: "seed:init" });
    cleanups.push(() => backend.cleanup());
    const client = () => new ConvexHttpClient(backend.url);
    await client().mutation(api.messages.send, { author: "kept", body: "before restart" });
    const ids = await client().query(api.messages.list, {});
    expect(ids).toHaveLength(2);

    await backend.restart();
    const after = await client().query(api.messages.list, {});
    // Same documents with the same ids; the seed did not run again on a non-empty database.
    expect(after).toEqual(ids);
    // New ids do not collide with restored ones.
    const newId = await client().mutation(api.messages.send, { author: "kept", body: "after" });
    expect(ids.map((m: { _id: string }) => m._id)).not.toContain(newId);

    await backend.restart({ reset: true, seed: undefined });
    expect(await client().query(api.messages.list, {})).toEqual([]);
  }, 60_000);

  it(
    "runs a scheduled function that was still pending when the backend stopped",
    { timeout: 60_000 },
    async () => {
      const backend = await startTestBackend();
      cleanups.push(() => backend.cleanup());
      const client = () => new ConvexHttpClient(backend.url);
      const delayMs = 4000;
      const scheduledAt = Date.now();
      await client().mutation(api.messages.sendLater, { author: "late", body: "x", delayMs });
      await backend.restart();
      // Due after the old process stopped: only the restarted backend can have run it. (Whether it
      // has already run by now depends on how long the restart took, so that is not asserted.)
      expect(backend.stoppedAt - scheduledAt).toBeLessThan(delayMs);
      const late = await waitForMessages(client(), "late", (n) => n >= 1, 30_000);
      expect(late).toHaveLength(1);
      expect(late[0]._creationTime).toBeGreaterThanOrEqual(backend.stoppedAt);
      expect(late[0]._creationTime).toBeGreaterThanOrEqual(scheduledAt + delayMs);
    },
  );

  it("writes the snapshot atomically (no temp file left behind) shortly after a burst", async () => {
    const backend = await startTestBackend();
    cleanups.push(() => backend.cleanup());
    const client = new ConvexHttpClient(backend.url);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        client.mutation(api.messages.send, { author: "burst", body: String(i) }),
      ),
    );
    const file = path.join(backend.dir, "data", "snapshot.json");
    const count = () => {
      try {
        const snap = JSON.parse(readFileSync(file, "utf8")) as { documents: { _id: string }[] };
        // Only messages: the test project's 1 s cron also writes a counter.
        return snap.documents.filter((d) => d._id.endsWith("messages")).length;
      } catch {
        return -1;
      }
    };
    await waitFor(count, (n) => n === 30, 3000);
    const leftovers = existsSync(path.join(backend.dir, "data"))
      ? readdirSync(path.join(backend.dir, "data")).filter((f) => f.endsWith(".tmp"))
      : [];
    expect(leftovers).toEqual([]);
  });
});

describe("hot reload", () => {
  it(
    "reloads changed functions with data kept, and keeps serving on a syntax or type error",
    { timeout: 90_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "convex-local-reload-"));
      const project = path.join(dir, "project");
      cpSync(TEST_PROJECT, project, {
        recursive: true,
        filter: (src) => !src.includes(".convex-local"),
      });
      // Resolve `convex` from this repo's node_modules.
      symlinkSync(
        path.resolve(TEST_PROJECT, "../../../node_modules"),
        path.join(project, "node_modules"),
      );
      const backend = await startLocalBackend({
        projectDir: project,
        port: 0,
        sitePort: 0,
        dataDir: path.join(dir, "data"),
        envFile: path.join(dir, "none.env"),
        watch: true,
        log: false,
      });
      cleanups.push(async () => {
        await backend.close();
        rmSync(dir, { recursive: true, force: true });
      });
      const client = new ConvexHttpClient(backend.url);
      await client.mutation(api.messages.send, { author: "r", body: "kept" });
      const file = path.join(project, "convex", "messages.ts");
      const original = readFileSync(file, "utf8");
      writeFileSync(
        file,
        `${original}\nexport const version = query({ args: {}, handler: async () => "v2" });\n`,
      );
      const v2 = await pollQuery(client, "v2");
      expect(v2).toBe("v2");
      expect(await client.query(api.messages.count, { author: "r" })).toBe(1);

      const status = async () =>
        (await (await fetch(`${backend.url}/_local/status`)).json()) as {
          reloads: number;
          lastError: string | null;
        };
      const nextReload = async (after: number) => {
        const started = Date.now();
        for (;;) {
          const s = await status();
          if (s.reloads > after || Date.now() - started > 40_000) return s;
          await new Promise((r) => setTimeout(r, 100));
        }
      };

      let before = (await status()).reloads;
      writeFileSync(
        file,
        `${original}\nexport const version = query({ args: {}, handler: async () => "v3" ;\n`,
      );
      const syntax = await nextReload(before);
      expect(syntax.lastError).toMatch(/convex\/messages\.ts[:(]\d+/);
      expect(await client.query(api.messages.version, {})).toBe("v2");

      // A type error is refused too (tsc runs before the swap, like `npx convex dev`).
      before = syntax.reloads;
      writeFileSync(
        file,
        `${original}\nexport const version = query({ args: {}, handler: async () => { const n: number = "v4"; return n; } });\n`,
      );
      const typed = await nextReload(before);
      expect(typed.lastError).toMatch(/messages\.ts\(\d+,\d+\): error TS2322/);
      expect(await client.query(api.messages.version, {})).toBe("v2");

      before = typed.reloads;
      writeFileSync(
        file,
        `${original}\nexport const version = query({ args: {}, handler: async () => "v5" });\n`,
      );
      expect((await nextReload(before)).lastError).toBeNull();
      expect(await client.query(api.messages.version, {})).toBe("v5");
    },
  );
});

async function pollQuery(client: ConvexHttpClient, expected: string): Promise<string> {
  const started = Date.now();
  for (;;) {
    try {
      const v = (await client.query(anyApi.messages.version, {})) as string;
      if (v === expected || Date.now() - started > 40_000) return v;
    } catch (e) {
      if (Date.now() - started > 40_000) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
