// Shared by the benchmarks that run against the end-to-end stack: start (or reuse) it,
// sign a browser in, summarise samples, describe the machine, and write a result table
// between markers in README.md's "Measured" section.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { E2E_APP_URL } from "../e2e/ports";

export const root = resolve(import.meta.dirname, "..");

export async function healthy(url = E2E_APP_URL): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

/** A running stack at `url`, or one started with `command` (returned, to stop afterwards). */
export async function ensureStack(
  command: string[] = ["tsx", "e2e/serve.ts"],
  url = E2E_APP_URL,
): Promise<ChildProcess | null> {
  if (await healthy(url)) {
    console.log(`using the running stack at ${url}`);
    return null;
  }
  console.log(`starting the stack (npx ${command.join(" ")}; builds first if needed)…`);
  const child = spawn("npx", command, {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 15 * 60_000;
  while (!(await healthy(url))) {
    if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited before it was ready`);
    if (Date.now() > deadline) throw new Error("the stack did not become ready in 15 min");
    await new Promise((r) => setTimeout(r, 1000));
  }
  return child;
}

/** Stops a stack this process started (its own process group). */
export function stopStack(child: ChildProcess | null): void {
  if (child?.pid) process.kill(-child.pid, "SIGTERM");
}

/** Signs `page` in with the demo provider and waits to land in the app. */
export async function signIn(
  page: Page,
  user: { email: string; name: string },
  appUrl = E2E_APP_URL,
): Promise<void> {
  await page.goto(`${appUrl}/signin`);
  await page.getByRole("button", { name: "Demo sign-in" }).click();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Display name").fill(user.name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.origin === appUrl && url.pathname.startsWith("/account"));
}

function percentile(sorted: number[], p: number): number {
  // Nearest rank: with 20 samples p95 is the 19th value, not an interpolation.
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export type Stats = { p50: number; p95: number; min: number; max: number; n: number };

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length,
  };
}

/** "p50 / p95 / min / max" in whole ms. */
export const msCell = (s: Stats) =>
  `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.min.toFixed(0)} / ${s.max.toFixed(0)}`;

export function machine(chromium?: string): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return (
    `${os.cpus().length} cores (\`nproc\`), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
    `Node ${process.version}${chromium ? `, ${chromium}` : ""}`
  );
}

/** Rows of the table between the markers, newest first, keeping `keep` runs. */
export function writeSection(
  name: string,
  intro: string[],
  header: string[],
  row: string,
  footer: string[],
  keep = 5,
): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const file = resolve(root, "README.md");
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  const previousRows =
    from >= 0 && to > from
      ? existing
          .slice(from, to)
          .split("\n")
          .filter((line) => line.startsWith("| 20"))
      : [];
  const section = [
    start,
    ...intro,
    "",
    ...header,
    row,
    ...previousRows.slice(0, keep - 1),
    "",
    ...footer,
    end,
  ].join("\n");
  const next =
    from >= 0 && to > from
      ? existing.slice(0, from) + section + existing.slice(to + end.length)
      : `${existing.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  console.log(`wrote ${file}`);
}
