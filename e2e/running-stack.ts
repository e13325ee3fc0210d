// For scripts that drive the real app outside Playwright's runner (bench/lighthouse.ts,
// scripts/screenshots.ts): reuse the e2e stack when one is up on this checkout's ports,
// else start `e2e/serve.ts` (offline stack + production build) in its own process group
// and stop it afterwards. Also signs a person in through the demo provider, as a user would.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { E2E_APP_URL } from "./ports";

const root = resolve(import.meta.dirname, "..");

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${E2E_APP_URL}/api/health`)).ok;
  } catch {
    return false;
  }
}

export type RunningStack = { stop(): void };

export async function ensureE2EStack(): Promise<RunningStack> {
  if (await healthy()) {
    console.log(`using the running e2e stack at ${E2E_APP_URL}`);
    return { stop() {} };
  }
  console.log("starting the e2e stack (npx tsx e2e/serve.ts; builds first if needed)…");
  const child: ChildProcess = spawn("npx", ["tsx", "e2e/serve.ts"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 15 * 60_000;
  while (!(await healthy())) {
    if (child.exitCode !== null) throw new Error("e2e/serve.ts exited before it was ready");
    if (Date.now() > deadline) throw new Error("the e2e stack did not become ready in 15 min");
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    stop() {
      // Its own process group: the stack and every child it started.
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    },
  };
}

/** Signs in through the demo OpenID provider's form; returns once back on the app. */
export async function signInAs(page: Page, user: { email: string; name: string }): Promise<void> {
  await page.goto(`${E2E_APP_URL}/signin`);
  await page.getByRole("button", { name: "Demo sign-in" }).click();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Display name").fill(user.name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.origin === E2E_APP_URL && !url.pathname.startsWith("/api/auth"));
}
