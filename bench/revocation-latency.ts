// Revocation latency, end to end in real Chromium: device B clicks "Sign out device"
// on device A's row, and we time how long until A's open /account/devices page has
// left the signed-in area by itself (its URL is /signin?notice=revoked) and until the
// notice is on screen. Both instants are taken inside the pages with
// `performance.timeOrigin + performance.now()` (one machine, one clock), so Playwright's
// polling adds nothing. A signs in again (a fresh browser context) every round.
//
// Needs the e2e stack (app on :3100, or shifted by E2E_PORT_OFFSET): reuses a running `npx tsx e2e/serve.ts`, or
// starts one and stops it afterwards. Run: `npm run bench:revocation [-- --rounds 20]`.
// Prints p50/p95/min/max and writes them into README.md's "Measured" section with the machine.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { resolve } from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
} from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../e2e/chromium";
import { E2E_APP_URL } from "../e2e/ports";

const root = resolve(import.meta.dirname, "..");
const roundsArg = process.argv.indexOf("--rounds");
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;
const WARMUP = 1;
const USER = {
  email: `bench-${Date.now().toString(36)}@example.test`,
  name: "Bench Mark",
};
const UA_A =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const UA_B =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const NOTICE = "This device was signed out from another device.";
const MARKER_START = "<!-- bench:revocation -->";
const MARKER_END = "<!-- /bench:revocation -->";

type Timed = Window & {
  __leftAt?: number;
  __noticeAt?: number;
  __lastClickAt?: number;
};

// Init scripts are plain strings: tsx's transform may wrap functions in helpers that
// do not exist inside the page, so `fn.toString()` is not safe here.

/** Device A: note when the URL first becomes /signin and when the notice appears. */
const WATCH_LEAVING = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const mark = () => {
    if (window.__leftAt === undefined && location.pathname.startsWith("/signin")) window.__leftAt = now();
  };
  for (const method of ["pushState", "replaceState"]) {
    const original = history[method].bind(history);
    history[method] = (...args) => { original(...args); mark(); };
  }
  window.addEventListener("popstate", mark);
  new MutationObserver(() => {
    if (window.__noticeAt === undefined && document.body && document.body.textContent.includes(${JSON.stringify(NOTICE)})) {
      window.__noticeAt = now();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Device B: the time of the latest click, taken before the app's handlers run. */
const WATCH_CLICKS = `document.addEventListener("click", () => {
  window.__lastClickAt = performance.timeOrigin + performance.now();
}, { capture: true });`;

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${E2E_APP_URL}/api/health`)).ok;
  } catch {
    return false;
  }
}

async function ensureStack(): Promise<ChildProcess | null> {
  if (await healthy()) {
    console.log(`using the running e2e stack at ${E2E_APP_URL}`);
    return null;
  }
  console.log(
    "starting the e2e stack (npx tsx e2e/serve.ts; builds first if needed)…",
  );
  const child = spawn("npx", ["tsx", "e2e/serve.ts"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 15 * 60_000;
  while (!(await healthy())) {
    if (child.exitCode !== null)
      throw new Error("e2e/serve.ts exited before it was ready");
    if (Date.now() > deadline)
      throw new Error("the e2e stack did not become ready in 15 min");
    await new Promise((r) => setTimeout(r, 1000));
  }
  return child;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${E2E_APP_URL}/signin`);
  await page.getByRole("button", { name: "Demo sign-in" }).click();
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Display name").fill(USER.name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(
    (url) => url.origin === E2E_APP_URL && url.pathname.startsWith("/account"),
  );
}

function deviceItems(page: Page) {
  return page.getByRole("list", { name: "Your devices" }).getByRole("listitem");
}

async function openDevices(page: Page): Promise<void> {
  await page.goto(`${E2E_APP_URL}/account/devices`);
  await deviceItems(page).first().waitFor();
}

async function newDevice(
  browser: Browser,
  userAgent: string,
): Promise<BrowserContext> {
  return browser.newContext({ userAgent });
}

function percentile(sorted: number[], p: number): number {
  // Nearest rank: with 20 samples p95 is the 19th value, not an interpolation.
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

type Stats = { p50: number; p95: number; min: number; max: number; n: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length,
  };
}

async function oneRound(
  browser: Browser,
  b: Page,
): Promise<{ left: number; notice: number }> {
  const context = await newDevice(browser, UA_A);
  try {
    await context.addInitScript(WATCH_LEAVING);
    const a = await context.newPage();
    await signIn(a);
    await openDevices(a);
    // B's list shows A live (no reload), with A as the only Firefox row.
    const rowA = b
      .getByRole("list", { name: "Your devices" })
      .getByRole("listitem")
      .filter({ hasText: "Firefox" });
    await rowA.waitFor();
    await rowA.getByRole("button", { name: /^Revoke/ }).click();
    const confirm = b
      .getByRole("dialog")
      .getByRole("button", { name: "Sign out device" });
    await confirm.waitFor();
    await confirm.click();
    await a.waitForURL(/\/signin\?.*notice=revoked/, { timeout: 15_000 });
    await a.getByText(NOTICE).waitFor({ timeout: 15_000 });
    const clickAt = await b.evaluate(
      () => (window as Timed).__lastClickAt ?? NaN,
    );
    const { leftAt, noticeAt } = await a.evaluate(() => ({
      leftAt: (window as Timed).__leftAt ?? NaN,
      noticeAt: (window as Timed).__noticeAt ?? NaN,
    }));
    // Wait for B's list to settle before the next round.
    await rowA.waitFor({ state: "detached" });
    return { left: leftAt - clickAt, notice: noticeAt - clickAt };
  } finally {
    await context.close();
  }
}

function cpuModel(): string {
  return os.cpus()[0]?.model.trim() ?? "unknown CPU";
}

/** Runs kept in the table, newest first, so run-to-run spread stays visible. */
const KEEP_RUNS = 5;
const RUN_ROW_PREFIX = "| 20"; // rows start with the run's ISO date

function writeReport(
  left: Stats,
  notice: Stats,
  startedAt: Date,
  loadAtStart: number,
): void {
  const file = resolve(root, "README.md");
  const existing = existsSync(file)
    ? readFileSync(file, "utf8")
    : "# Benchmarks\n";
  const start = existing.indexOf(MARKER_START);
  const end = existing.indexOf(MARKER_END);
  const previousRows =
    start >= 0 && end > start
      ? existing
          .slice(start, end)
          .split("\n")
          .filter((line) => line.startsWith(RUN_ROW_PREFIX))
      : [];
  const ms = (s: Stats) =>
    `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.min.toFixed(0)} / ${s.max.toFixed(0)}`;
  const row =
    `| ${startedAt.toISOString().slice(0, 16).replace("T", " ")} | ${ms(left)} | ${ms(notice)} | ` +
    `${left.n} | ${loadAtStart.toFixed(2)} |`;
  const section = [
    MARKER_START,
    "### Revocation latency (device B revokes device A)",
    "",
    "`npm run bench:revocation` (`bench/revocation-latency.ts`): two Chromium contexts signed in as",
    "the same user against the e2e stack (production build, `next start`, local Convex backend, all on",
    "loopback). A has `/account/devices` open; B clicks **Revoke** on A's row and confirms. Timed from",
    "B's confirm click to A's URL becoming `/signin?notice=revoked` without a reload (SessionWatch's",
    "live `sessions.current` query flips to `signedOut`, then `router.replace`, which commits the URL",
    "once the `/signin` RSC payload has arrived), and to the notice being on screen. Both instants",
    "are read inside the pages (`performance.timeOrigin + performance.now()`). A signs in again in a",
    `fresh context every round; ${WARMUP} warm-up round not counted. Target: under 1 s on localhost.`,
    "",
    `Newest run first (last ${KEEP_RUNS} kept). Times in ms as p50 / p95 / min / max; the 1-minute load`,
    "average at the start shows how busy the (shared) machine was.",
    "",
    "| run (UTC) | A's URL leaves the signed-in area | notice shown on A | rounds | load |",
    "|---|---|---|---|---|",
    row,
    ...previousRows.slice(0, KEEP_RUNS - 1),
    "",
    `Machine: ${os.cpus().length} cores (\`nproc\`), ${cpuModel()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
      `Node ${process.version}, Chromium ${chromiumVersion ?? "unknown"} (${CHROMIUM ?? "Playwright's"}).`,
    MARKER_END,
  ].join("\n");
  const next =
    start >= 0 && end > start
      ? existing.slice(0, start) +
        section +
        existing.slice(end + MARKER_END.length)
      : `${existing.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  console.log(`wrote ${file}`);
}

const CHROMIUM = chromiumExecutable();
let chromiumVersion: string | null = null;

async function main(): Promise<void> {
  const startedAt = new Date();
  const stack = await ensureStack();
  const loadAtStart = os.loadavg()[0];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  chromiumVersion = browser.version();
  try {
    const contextB = await newDevice(browser, UA_B);
    await contextB.addInitScript(WATCH_CLICKS);
    const b = await contextB.newPage();
    await signIn(b);
    await openDevices(b);

    const left: number[] = [];
    const notice: number[] = [];
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const sample = await oneRound(browser, b);
      const label =
        round < WARMUP ? "warm-up" : `round ${round - WARMUP + 1}/${ROUNDS}`;
      console.log(
        `${label.padEnd(12)} left ${sample.left.toFixed(1).padStart(7)} ms   notice ${sample.notice.toFixed(1).padStart(7)} ms`,
      );
      if (!Number.isFinite(sample.left) || !Number.isFinite(sample.notice)) {
        throw new Error(
          "a timing mark is missing; the page did not leave as expected",
        );
      }
      if (round >= WARMUP) {
        left.push(sample.left);
        notice.push(sample.notice);
      }
    }
    const leftStats = stats(left);
    const noticeStats = stats(notice);
    for (const [label, s] of [
      ["A's URL leaves the signed-in area", leftStats],
      ["notice shown on A", noticeStats],
    ] as const) {
      console.log(
        `${label.padEnd(36)} p50 ${s.p50.toFixed(0)} ms  p95 ${s.p95.toFixed(0)} ms  min ${s.min.toFixed(0)} ms  max ${s.max.toFixed(0)} ms  (n=${s.n})`,
      );
    }
    writeReport(leftStats, noticeStats, startedAt, loadAtStart);
  } finally {
    await browser.close();
    if (stack?.pid) {
      // The stack was started here (its own process group): stop it and its children.
      process.kill(-stack.pid, "SIGTERM");
    }
  }
}

await main();
