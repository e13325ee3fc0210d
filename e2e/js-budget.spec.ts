// JavaScript budgets per page, read from the production build the end-to-end run has just
// made (`.next-e2e`, e2e/serve.ts), so `npm test` builds once. The figure is Next.js's
// "First Load JS" as `next build` prints it: the gzipped size of the framework's shared
// chunks plus the chunks of the page's own entry. Layout chunks are reported beside it
// (what a first visit to that URL really downloads), see the README's "Measured".
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";

const buildDir = resolve(import.meta.dirname, "..", ".next-e2e");

/**
 * kB (1000 bytes, as Next prints them) of first-load JS per page entry. Issue 12's goals:
 * shopper pages ≤ 125 kB, account/admin ≤ 140 kB. The shopper pages (and checkout) load the
 * Convex client after first paint (components/live/, README "First-load JavaScript per
 * page"), so their first load is the framework's shared chunks (102.5 kB) and our code:
 * about 120 kB. The account and admin pages use convex/react's hooks from first render and
 * carry the client (~25.8 kB with its value and function-reference helpers) in their first load.
 */
const BUDGETS_KB: Record<string, number> = {
  "/s/[store]/page": 125,
  "/s/[store]/p/[productId]/page": 125,
  "/s/[store]/checkout/page": 125,
  "/account/page": 140,
  "/account/devices/page": 140,
  "/account/orders/page": 140,
  "/account/settings/page": 140,
  "/account/security/page": 140,
  "/admin/page": 140,
};

const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(buildDir, name), "utf8")) as T;

const gzipCache = new Map<string, number>();
function gzipBytes(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(buildDir, file)), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

const kb = (files: Iterable<string>) =>
  [...files].filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + gzipBytes(f), 0) / 1000;

/** The entries a page's URL loads besides the page: every layout above it (and their boundaries). */
function segmentEntries(page: string): string[] {
  const parts = page.replace(/\/page$/, "").split("/").filter(Boolean);
  const prefixes = [""];
  for (const part of parts) prefixes.push(`${prefixes[prefixes.length - 1]}/${part}`);
  return prefixes.flatMap((p) => ["layout", "template", "error", "loading", "not-found"].map((k) => `${p}/${k}`));
}

test("every page stays within its first-load JavaScript budget", () => {
  const pages = readJson<{ pages: Record<string, string[]> }>("app-build-manifest.json").pages;
  const rootMain = readJson<{ rootMainFiles: string[] }>("build-manifest.json").rootMainFiles;
  const report: string[] = [];
  const over: string[] = [];
  for (const [page, budget] of Object.entries(BUDGETS_KB)) {
    expect(pages[page], `${page} is in the build`).toBeDefined();
    const firstLoad = kb(new Set([...rootMain, ...pages[page]]));
    const withLayouts = kb(
      new Set([...rootMain, ...pages[page], ...segmentEntries(page).flatMap((e) => pages[e] ?? [])]),
    );
    report.push(
      `${page.padEnd(32)} ${firstLoad.toFixed(1).padStart(6)} kB (budget ${budget})   with layouts ${withLayouts.toFixed(1)} kB`,
    );
    if (firstLoad > budget) over.push(`${page}: ${firstLoad.toFixed(1)} kB > ${budget} kB`);
  }
  console.log(`First Load JS (gzip):\n${report.join("\n")}`);
  expect(over, "pages over their JS budget").toEqual([]);
});
