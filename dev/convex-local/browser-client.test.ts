// The convex browser bundle in a real Chromium (native WebSocket, cross-origin page) against the
// local backend: a live subscription updates after a mutation, and ConvexHttpClient calls from the
// page pass CORS. ConvexReactClient runs on the same BaseConvexClient as ConvexClient.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startTestBackend, type TestBackend } from "./testing";

function chromiumPath(): string | undefined {
  try {
    const managed = chromium.executablePath();
    if (managed && existsSync(managed)) return managed;
  } catch {
    // no Playwright-managed browser
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
}

const require = createRequire(import.meta.url);
const bundle = readFileSync(
  path.join(path.dirname(require.resolve("convex/package.json")), "dist", "browser.bundle.js"),
  "utf8",
);

let backend: TestBackend;
let page: Server;
let pageUrl: string;
let browser: Browser;

beforeAll(async () => {
  backend = await startTestBackend();
  page = createServer((req, res) => {
    if (req.url === "/convex.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      res.end(bundle);
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(`<!doctype html><script src="/convex.js"></script><body>page</body>`);
  });
  await new Promise<void>((r) => page.listen(0, "127.0.0.1", () => r()));
  // "localhost" vs the backend's 127.0.0.1: a different origin, as in dev (3000 vs 3210).
  pageUrl = `http://localhost:${(page.address() as AddressInfo).port}/`;
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("No Chromium found for the browser test");
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
});

afterAll(async () => {
  await browser?.close();
  page?.close();
  await backend?.cleanup();
});

describe("convex in Chromium", () => {
  it("keeps a subscription live over the browser's WebSocket and calls the HTTP API cross-origin", async () => {
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    await tab.evaluate((url) => {
      const w = window as unknown as {
        convex: {
          ConvexClient: new (u: string) => {
            onUpdate(q: unknown, a: unknown, cb: (v: unknown) => void): void;
          };
          anyApi: { messages: { count: unknown } };
        };
        seen: unknown[];
      };
      w.seen = [];
      const client = new w.convex.ConvexClient(url);
      client.onUpdate(w.convex.anyApi.messages.count, { author: "chromium" }, (v) =>
        w.seen.push(v),
      );
    }, backend.url);
    await tab.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.length === 1);

    await new ConvexHttpClient(backend.url).mutation(anyApi.messages.send, {
      author: "chromium",
      body: "from node",
    });
    await tab.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.at(-1) === 1);

    const fromPage = await tab.evaluate(async (url) => {
      const w = window as unknown as {
        convex: {
          ConvexHttpClient: new (u: string) => {
            mutation(m: unknown, a: unknown): Promise<unknown>;
          };
          anyApi: { messages: { send: unknown } };
        };
      };
      const http = new w.convex.ConvexHttpClient(url);
      return await http.mutation(w.convex.anyApi.messages.send, {
        author: "chromium",
        body: "from page",
      });
    }, backend.url);
    expect(typeof fromPage).toBe("string");
    await tab.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.at(-1) === 2);
    await tab.close();
  });
});
