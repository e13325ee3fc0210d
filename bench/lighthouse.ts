// Lighthouse on the production build: the store, a product, checkout and the devices page,
// signed in (the session cookie goes along as an extra header), with Lighthouse's default
// mobile profile (Moto G Power screen, simulated slow 4G and 4× CPU slowdown), or its desktop
// profile with `--desktop`. Each page is
// audited `--runs` times (default 3) and the run with the median performance score is kept.
// Goals: performance ≥ 95, accessibility 100, best practices 100; anything short of a full
// score is listed with the audits that cost points.
//
// Needs the e2e stack (reuses one on this checkout's ports, else starts `e2e/serve.ts`) and
// Debian's Chromium, started here with `--headless=new --no-sandbox --disable-gpu`.
// Run: `npm run bench:lighthouse [-- --runs 5] [--desktop]`. Writes README.md's "Measured" section.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { join, resolve } from "node:path";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../e2e/chromium";
import { E2E_APP_URL } from "../e2e/ports";
import { ensureE2EStack, signInAs } from "../e2e/running-stack";

const root = resolve(import.meta.dirname, "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
/** `--desktop`: Lighthouse's desktop profile (no CPU slowdown, fast network) instead of mobile. */
const DESKTOP = process.argv.includes("--desktop");
const CHROMIUM = chromiumExecutable() ?? "/usr/bin/chromium";
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
const GOALS: Record<(typeof CATEGORIES)[number], number> = {
  performance: 95,
  accessibility: 100,
  "best-practices": 100,
};
const PROFILE = DESKTOP ? "desktop" : "mobile";
const MARKER_START = `<!-- bench:lighthouse:${PROFILE} -->`;
const MARKER_END = `<!-- /bench:lighthouse:${PROFILE} -->`;

type Scores = Record<(typeof CATEGORIES)[number], number>;
type PageResult = { name: string; path: string; scores: Scores; lost: string[]; metrics: string };

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Debian's Chromium with a DevTools port for Lighthouse to drive. */
async function launchChromium(): Promise<{ port: number; close(): Promise<void> }> {
  const port = await freePort();
  const profile = mkdtempSync(join(os.tmpdir(), "lighthouse-chromium-"));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      ...CHROMIUM_ARGS.filter((flag) => !["--no-sandbox", "--disable-gpu"].includes(flag)),
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${CHROMIUM} exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${CHROMIUM} did not open its DevTools port`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    async close() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** A fresh shopper with one item in the cart (so checkout has something to show). */
async function prepareSession(): Promise<{ cookie: string; productPath: string }> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await signInAs(page, { email: `lighthouse-${Date.now().toString(36)}@example.test`, name: "Light House" });
    await page.goto(`${E2E_APP_URL}/s/alpine`);
    const product = page.getByRole("list", { name: "Products" }).getByRole("listitem", {
      name: "Summit Pack 30 L",
      exact: true,
    });
    const href = await product.getByRole("link").last().getAttribute("href");
    await page.getByRole("button", { name: "Add to cart: Summit Pack 30 L" }).click();
    await page.getByRole("button", { name: "Cart, 1 item" }).waitFor();
    const cookies = await page.context().cookies(E2E_APP_URL);
    const cookie = cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
    if (!cookies.some(({ name }) => name.includes("authjs.session-token"))) {
      throw new Error("signing in left no session cookie");
    }
    return { cookie, productPath: href! };
  } finally {
    await browser.close();
  }
}

async function audit(port: number, url: string, cookie: string) {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: [...CATEGORIES],
    extraHeaders: { Cookie: cookie },
  }, DESKTOP ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  return result.lhr;
}

type Lhr = Awaited<ReturnType<typeof audit>>;

function summarise(name: string, path: string, lhr: Lhr): PageResult {
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]),
  ) as Scores;
  const lost: string[] = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const result = lhr.audits[ref.id];
      if (ref.weight > 0 && result.score !== null && result.score < 1) {
        lost.push(`${id}: ${ref.id} (${result.displayValue ?? Math.round(result.score * 100)}) ${result.title}`);
      }
    }
  }
  const metric = (id: string) => lhr.audits[id]?.displayValue ?? "n/a";
  const metrics = `FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")}`;
  return { name, path, scores, lost, metrics };
}

function writeReport(results: PageResult[], startedAt: Date, load: number, chromiumVersion: string) {
  const file = resolve(root, "README.md");
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = existing.indexOf(MARKER_START);
  const end = existing.indexOf(MARKER_END);
  const section = [
    MARKER_START,
    DESKTOP
      ? "### Lighthouse, desktop profile (`npm run bench:lighthouse -- --desktop`)"
      : "### Lighthouse, mobile profile (`npm run bench:lighthouse`)",
    "",
    "`bench/lighthouse.ts`: Lighthouse 12.2.3 (the last release for Node 20) drives Debian's Chromium",
    "(`--headless=new --no-sandbox --disable-gpu`) against the e2e stack's production build,",
    "signed in as a fresh shopper with one item in the cart (the session cookie is sent as an extra",
    DESKTOP
      ? "header). Desktop profile: 1350×940, no CPU slowdown, simulated fast network. Each page runs"
      : "header). Default mobile profile: simulated slow 4G and 4× CPU slowdown. Each page runs",
    `${RUNS === 1 ? "once" : `${RUNS} times`}; the run with the median performance score is shown. Goals: performance ≥ 95,`,
    "accessibility 100, best practices 100.",
    "",
    `Run ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, 1-minute load average ${load.toFixed(2)} at the start.`,
    "",
    "| page | performance | accessibility | best practices | metrics (median run) |",
    "|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.name} (\`${r.path}\`) | ${r.scores.performance} | ${r.scores.accessibility} | ${r.scores["best-practices"]} | ${r.metrics} |`,
    ),
    "",
    `Machine: ${os.cpus().length} cores (\`nproc\`), ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Chromium ${chromiumVersion} (${CHROMIUM}).`,
    MARKER_END,
  ].join("\n");
  const next =
    start >= 0 && end > start
      ? existing.slice(0, start) + section + existing.slice(end + MARKER_END.length)
      : `${existing.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  console.log(`wrote ${file}`);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const stack = await ensureE2EStack();
  try {
    const load = os.loadavg()[0];
    const { cookie, productPath } = await prepareSession();
    const pages = [
      { name: "store", path: "/s/alpine" },
      { name: "product", path: productPath },
      { name: "checkout", path: "/s/alpine/checkout" },
      { name: "devices", path: "/account/devices" },
    ];
    const chrome = await launchChromium();
    const version = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as {
      Browser: string;
    };
    const results: PageResult[] = [];
    try {
      for (const { name, path } of pages) {
        const runs: PageResult[] = [];
        for (let run = 0; run < RUNS; run++) {
          const lhr = await audit(chrome.port, `${E2E_APP_URL}${path}`, cookie);
          if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(`${E2E_APP_URL}${path}`).pathname) {
            throw new Error(`${path} ended on ${lhr.finalDisplayedUrl}: the session did not hold`);
          }
          const summary = summarise(name, path, lhr);
          console.log(
            `${name.padEnd(9)} run ${run + 1}/${RUNS}: ` +
              CATEGORIES.map((id) => `${id} ${summary.scores[id]}`).join(", ") +
              ` — ${summary.metrics}`,
          );
          runs.push(summary);
        }
        runs.sort((a, b) => a.scores.performance - b.scores.performance);
        const median = runs[Math.floor(runs.length / 2)];
        for (const line of median.lost) console.log(`  lost: ${line}`);
        results.push(median);
      }
    } finally {
      await chrome.close();
    }
    const short = results.flatMap((r) =>
      CATEGORIES.filter((id) => r.scores[id] < GOALS[id]).map((id) => `${r.name} ${id} ${r.scores[id]} < ${GOALS[id]}`),
    );
    console.log(short.length ? `short of the goals: ${short.join("; ")}` : "every page meets the goals");
    writeReport(results, startedAt, load, version.Browser.replace(/^[^/]*\//, ""));
  } finally {
    stack.stop();
  }
}

await main();
