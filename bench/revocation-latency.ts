// Revocation latency, end to end in real Chromium: device B signs out all its other devices
// while three of them have the store page, the checkout and the devices page open, and we
// time, on each, how long from B's confirm click until its signed-in content is gone and the
// notice stands in its place (SessionWatch: the `signedOut` push is turned into the notice
// in the same frame, before any request), and until its URL is /signin?notice=revoked
// (one server action clears the cookie and brings the sign-in page). All instants are taken
// inside the pages with `performance.timeOrigin + performance.now()` (one machine, one
// clock), so Playwright's polling adds nothing. The three devices sign in afresh each round.
//
// Needs the e2e stack (reused when running at E2E_APP_URL, else started and stopped).
// `E2E_NEXT_DEV=1` measures under `next dev` instead of the production build (use another
// E2E_PORT_OFFSET than a running production stack). Run:
//   npm run bench:revocation [-- --rounds 10]
//   E2E_NEXT_DEV=1 E2E_PORT_OFFSET=1100 npm run bench:revocation
// Prints p50/p95/min/max and writes them into README.md's "Measured" section.
import os from "node:os";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../e2e/chromium";
import { E2E_APP_URL } from "../e2e/ports";
import { ensureStack, machine, msCell, signIn, stats, stopStack, writeSection } from "./support";

const roundsArg = process.argv.indexOf("--rounds");
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 10;
const WARMUP = 1;
const MODE = process.env.E2E_NEXT_DEV === "1" ? "next dev" : "production";
/** `next dev` compiles each page on its first request, which takes a while on a busy machine. */
const TIMEOUT_MS = MODE === "next dev" ? 300_000 : 60_000;
const USER = { email: `bench-${Date.now().toString(36)}@example.test`, name: "Bench Mark" };
const NOTICE = "This device was signed out from another device.";
const UA_B =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** The three revoked devices: where each has the app open. */
const DEVICES = [
  {
    page: "store",
    path: "/s/alpine",
    ready: (p: Page) => p.getByRole("list", { name: "Products" }).waitFor(),
    ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  },
  {
    page: "checkout",
    path: "/s/alpine/checkout",
    ready: (p: Page) => p.getByRole("heading", { name: "Order summary" }).waitFor(),
    ua: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  },
  {
    page: "devices",
    path: "/account/devices",
    ready: (p: Page) =>
      p.getByRole("list", { name: "Your devices" }).getByRole("listitem").first().waitFor(),
    ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  },
] as const;

type Timed = Window & {
  __goneAt?: number;
  __noticeAt?: number;
  __leftAt?: number;
  __lastClickAt?: number;
  __pushAt?: number;
};

// Init scripts are plain strings: tsx's transform may wrap functions in helpers that do not
// exist inside the page, so `fn.toString()` is not safe here.

/**
 * A revoked device: when the notice is on screen, when no text of the signed-in page is
 * left (the user's name, shown in the account menu, is gone and the notice is there), and
 * when the URL first becomes /signin.
 */
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
  // When the push saying this session ended reaches the page (before the Convex client reads
  // it): splits the time into the backend's part and the page's.
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (window.__pushAt === undefined && typeof event.data === "string" && event.data.includes('"signedOut"')) window.__pushAt = now();
      });
    }
  };
  new MutationObserver(() => {
    // innerText: what is rendered (textContent would include the RSC payload's <script>s).
    const text = document.body ? document.body.innerText : "";
    if (!text.includes(${JSON.stringify(NOTICE)})) return;
    const at = now();
    if (window.__noticeAt === undefined) window.__noticeAt = at;
    if (window.__goneAt === undefined && !text.includes(${JSON.stringify(USER.name)})) window.__goneAt = at;
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Device B: the time of the latest click, taken before the app's handlers run. */
const WATCH_CLICKS = `document.addEventListener("click", () => {
  window.__lastClickAt = performance.timeOrigin + performance.now();
}, { capture: true });`;

type Sample = { gone: number; notice: number; left: number; push: number };

async function openDevice(
  browser: Browser,
  device: (typeof DEVICES)[number],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ userAgent: device.ua });
  context.setDefaultTimeout(TIMEOUT_MS);
  await context.addInitScript(WATCH_LEAVING);
  const page = await context.newPage();
  await signIn(page, USER);
  await page.goto(`${E2E_APP_URL}${device.path}`);
  await device.ready(page);
  // The live watch is subscribed once the devices list (same socket) shows this device.
  return { context, page };
}

async function oneRound(browser: Browser, b: Page): Promise<Sample[]> {
  const opened = [];
  try {
    for (const device of DEVICES) opened.push(await openDevice(browser, device));
    // B's list shows all four devices live.
    await b
      .getByRole("list", { name: "Your devices" })
      .getByRole("listitem")
      .nth(DEVICES.length)
      .waitFor({ timeout: TIMEOUT_MS });
    await b.getByRole("button", { name: "Sign out all other devices" }).click();
    const confirm = b.getByRole("dialog").getByRole("button", { name: "Sign out other devices" });
    await confirm.waitFor();
    await confirm.click();
    const samples: Sample[] = [];
    const clickAt = await b.evaluate(() => (window as Timed).__lastClickAt ?? NaN);
    for (const { page } of opened) {
      await page.waitForURL(/\/signin\?.*notice=revoked/, { timeout: TIMEOUT_MS });
      await page.getByText(NOTICE).waitFor({ timeout: TIMEOUT_MS });
      const marks = await page.evaluate(() => {
        const w = window as Timed;
        return {
          gone: w.__goneAt ?? NaN,
          notice: w.__noticeAt ?? NaN,
          left: w.__leftAt ?? NaN,
          push: w.__pushAt ?? NaN,
        };
      });
      samples.push({
        gone: marks.gone - clickAt,
        notice: marks.notice - clickAt,
        left: marks.left - clickAt,
        push: marks.push - clickAt,
      });
    }
    // B's list settles to itself before the next round.
    await b
      .getByRole("list", { name: "Your devices" })
      .getByRole("listitem")
      .nth(1)
      .waitFor({ state: "detached", timeout: TIMEOUT_MS });
    return samples;
  } finally {
    for (const { context } of opened) await context.close();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const stack = await ensureStack();
  const load = os.loadavg()[0];
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const chromiumVersion = `Chromium ${browser.version()} (${chromiumExecutable() ?? "Playwright's"})`;
  try {
    const contextB = await browser.newContext({ userAgent: UA_B });
    contextB.setDefaultTimeout(TIMEOUT_MS);
    await contextB.addInitScript(WATCH_CLICKS);
    const b = await contextB.newPage();
    await signIn(b, USER);
    await b.goto(`${E2E_APP_URL}/account/devices`);
    await b.getByRole("list", { name: "Your devices" }).getByRole("listitem").first().waitFor();

    const byPage = new Map<string, Sample[]>(DEVICES.map((d) => [d.page, []]));
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const samples = await oneRound(browser, b);
      const label = round < WARMUP ? "warm-up" : `round ${round - WARMUP + 1}/${ROUNDS}`;
      console.log(
        `${label.padEnd(12)} ` +
          samples
            .map(
              (s, i) =>
                `${DEVICES[i].page}: push ${s.push.toFixed(0)} gone ${s.gone.toFixed(0)} notice ${s.notice.toFixed(0)} url ${s.left.toFixed(0)} ms`,
            )
            .join(" | "),
      );
      for (const s of samples) {
        if (![s.gone, s.notice, s.left].every(Number.isFinite)) {
          throw new Error("a timing mark is missing; a page did not leave as expected");
        }
      }
      if (round >= WARMUP) samples.forEach((s, i) => byPage.get(DEVICES[i].page)!.push(s));
    }
    const all = [...byPage.values()].flat();
    const gone = stats(all.map((s) => s.gone));
    const left = stats(all.map((s) => s.left));
    const perPage = DEVICES.map((d) => {
      const g = stats(byPage.get(d.page)!.map((s) => s.gone));
      return `${d.page} ${g.p50.toFixed(0)} / ${g.p95.toFixed(0)}`;
    }).join(", ");
    console.log(`[${MODE}] signed-in content replaced by the notice: ${msCell(gone)} ms (n=${gone.n})`);
    console.log(`[${MODE}] URL at /signin: ${msCell(left)} ms; per page (gone, p50 / p95): ${perPage}`);
    const push = stats(all.map((s) => s.push).filter(Number.isFinite));
    const inPage = stats(all.map((s) => s.gone - s.push).filter(Number.isFinite));
    console.log(
      `[${MODE}] the push reached the page: ${msCell(push)} ms; from there to the notice: ${msCell(inPage)} ms`,
    );
    writeSection(
      "revocation",
      [
        "### Revocation latency (device B signs out three open devices)",
        "",
        "`npm run bench:revocation` (`bench/revocation-latency.ts`; `E2E_NEXT_DEV=1` for `next dev`):",
        "the same user signed in on four Chromium contexts against the e2e stack (local Convex backend,",
        "loopback). Three have the store page, the checkout and `/account/devices` open; B clicks",
        "**Sign out all other devices** and confirms. Timed on each of the three from B's confirm click",
        "until the notice stands where the page was and no signed-in text (the user's name in the",
        "account menu) is left, and until its URL is `/signin?notice=revoked` (one server action clears",
        "the cookie and brings the sign-in page, no reload). Instants are read inside the pages",
        "(`performance.timeOrigin + performance.now()`). The devices sign in afresh every round;",
        `${WARMUP} warm-up round not counted. Goal: content replaced ≤ 100 ms p95 in production,`,
        "≤ 300 ms under `next dev`.",
      ],
      [
        "Newest run first. Times in ms as p50 / p95 / min / max over all three pages; per page p50 / p95;",
        "the 1-minute load average at the start shows how busy the (shared) machine was.",
        "",
        "| run (UTC) | server | content replaced by the notice | per page (store, checkout, devices) | URL at /signin | samples | load |",
        "|---|---|---|---|---|---|---|",
      ],
      `| ${startedAt.toISOString().slice(0, 16).replace("T", " ")} | ${MODE} | ${msCell(gone)} | ${perPage} | ${msCell(left)} | ${gone.n} | ${load.toFixed(2)} |`,
      [`Machine: ${machine(chromiumVersion)}.`],
      6,
    );
  } finally {
    await browser.close();
    stopStack(stack);
  }
}

await main();
