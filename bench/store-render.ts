// Server render time of the store page, `/s/alpine`, on the production build: sequential
// GETs (no browser), timed from the request until the whole HTML has arrived, signed out
// and signed in (a demo user's session cookie, taken once from a real sign-in). Each render
// costs auth plus one Convex query (e2e/page-cost.spec.ts asserts that); this measures what
// it takes in time.
//
// Needs the e2e stack (reused when running, else started and stopped again).
// Run: `npm run bench:render [-- --requests 200]`. Writes README.md's "Measured" table.
import os from "node:os";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../e2e/chromium";
import { E2E_APP_URL } from "../e2e/ports";
import { ensureStack, machine, msCell, signIn, stats, stopStack, writeSection, type Stats } from "./support";

const arg = process.argv.indexOf("--requests");
const REQUESTS = arg > 0 ? Number(process.argv[arg + 1]) : 200;
const WARMUP = 20;
const PATH = "/s/alpine";

async function timeRenders(cookie: string | null): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(`${E2E_APP_URL}${PATH}`, {
      headers: cookie ? { cookie } : {},
      redirect: "manual",
    });
    const html = await response.text();
    const took = performance.now() - started;
    if (response.status !== 200 || !html.includes("Alpine")) {
      throw new Error(`GET ${PATH} answered ${response.status}`);
    }
    if (i >= WARMUP) samples.push(took);
  }
  return stats(samples);
}

async function sessionCookie(): Promise<string> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, { email: `render-${Date.now().toString(36)}@example.test`, name: "Ren Der" });
    const cookies = await context.cookies(E2E_APP_URL);
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const stack = await ensureStack();
  try {
    const load = os.loadavg()[0];
    const cookie = await sessionCookie();
    const signedOut = await timeRenders(null);
    const signedIn = await timeRenders(cookie);
    console.log(`signed out  ${msCell(signedOut)} ms (p50 / p95 / min / max, n=${signedOut.n})`);
    console.log(`signed in   ${msCell(signedIn)} ms (p50 / p95 / min / max, n=${signedIn.n})`);
    writeSection(
      "render",
      [
        "### Server render of the store page",
        "",
        "`npm run bench:render` (`bench/store-render.ts`): sequential GETs of `/s/alpine` against the",
        "e2e stack (production build, `next start` behind the forwarding proxy, local Convex backend,",
        `loopback), timed until the whole HTML has arrived; ${WARMUP} warm-up requests not counted.`,
        "Signed in, a render is one auth call plus the page's one query (`storefront:catalogPage`).",
        "Goal: p95 ≤ 50 ms.",
      ],
      [
        "| run (UTC) | signed out (ms) | signed in (ms) | requests | load |",
        "|---|---|---|---|---|",
      ],
      `| ${startedAt.toISOString().slice(0, 16).replace("T", " ")} | ${msCell(signedOut)} | ${msCell(signedIn)} | ${signedIn.n} | ${load.toFixed(2)} |`,
      ["Times as p50 / p95 / min / max.", "", `Machine: ${machine()}.`],
    );
  } finally {
    stopStack(stack);
  }
}

await main();
