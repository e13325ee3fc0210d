// The CLI's startup failures: each exits non-zero with one clear line.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_PROJECT } from "./testing";

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), "cli.ts");
const dir = mkdtempSync(path.join(tmpdir(), "convex-local-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: path.resolve(TEST_PROJECT, "../../.."),
    encoding: "utf8",
    timeout: 30_000,
    input: "",
  });
  return { code: r.status, stderr: r.stderr.trim() };
}

describe("convex-local CLI", () => {
  it("exits with one line on a busy port", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = runCli([
        "--project",
        TEST_PROJECT,
        "--port",
        String(port),
        "--site-port",
        "0",
        "--no-watch",
        "--data-dir",
        path.join(dir, "d1"),
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`convex-local: deployment port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("exits with one line when convex/_generated is missing", () => {
    const project = path.join(dir, "nogen");
    mkdirSync(path.join(project, "convex"), { recursive: true });
    const r = runCli(["--project", project, "--port", "0", "--site-port", "0", "--no-watch"]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/convex\/_generated is missing; run `npx convex codegen/);
  });

  it("exits with one line when convex/ cannot be read", () => {
    const missing = runCli([
      "--project",
      path.join(dir, "nothing-here"),
      "--port",
      "0",
      "--site-port",
      "0",
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^convex-local: cannot read the convex\/ folder at /);
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, "locked");
      mkdirSync(path.join(locked, "convex"), { recursive: true });
      chmodSync(path.join(locked, "convex"), 0o000);
      const r = runCli(["--project", locked, "--port", "0", "--site-port", "0"]);
      chmodSync(path.join(locked, "convex"), 0o755);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot read the convex\/ folder/);
    }
  });

  it("rejects unknown options", () => {
    const r = runCli(["--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("convex-local: unknown option --bogus");
  });
});
