// End-to-end tests in a real Chromium against a production build of the app, served with the
// whole offline stack (local Convex backend, demo OpenID provider, mail catcher) by
// `e2e/serve.ts`. One server for all specs; each spec opens its own browser contexts (devices).
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./e2e/chromium";
import { E2E_APP_URL } from "./e2e/ports";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  // 2 cores: one worker keeps the server responsive and the run predictable.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: "npx tsx e2e/serve.ts",
    url: `${E2E_APP_URL}/api/health`,
    // `next build` on 2 cores takes a few minutes on a cold cache.
    timeout: 15 * 60_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
