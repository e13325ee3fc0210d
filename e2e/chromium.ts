// The Chromium the end-to-end tests and the browser benchmarks launch: a
// Playwright-managed one when installed, else Debian's, with the flags this closed,
// GPU-less machine needs.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/** Flags for a headless Chromium with no network of its own and no GPU. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** undefined: Playwright's own browser is installed; else the path of Debian's. */
export function chromiumExecutable(): string | undefined {
  try {
    const managed = chromium.executablePath();
    if (managed && existsSync(managed)) return undefined;
  } catch {
    // no managed browser registered
  }
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
