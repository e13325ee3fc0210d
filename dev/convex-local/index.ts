// Programmatic API of the local backend (see docs/contracts.md):
// `startLocalBackend({ projectDir, port, sitePort, host?, envFile?, dataDir?, reset?, seed?,
// watch?, log? }) -> { url, siteUrl, close() }`.
// Each backend runs in its own child process (the CLI with --ready-json): function code reads
// `process.env` and convex-test uses process-wide globals, so isolating them lets tests and the
// dev stack run several backends side by side.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RunningServer, ServerOptions } from "./server";

// Same options and handle as the in-process server (only types: its modules load in the
// child process, not here).
export type LocalBackendOptions = ServerOptions;
export type LocalBackend = RunningServer & {
  /** Ends the backend's process with SIGKILL, as a crash would (tests of durability). */
  kill(): Promise<void>;
};

const HERE = path.dirname(fileURLToPath(import.meta.url));
const READY_PREFIX = "CONVEX_LOCAL_READY ";
const STARTUP_TIMEOUT_MS = 60_000;

export async function startLocalBackend(options: LocalBackendOptions): Promise<LocalBackend> {
  const require = createRequire(import.meta.url);
  const tsxLoader = pathToFileURL(require.resolve("tsx/esm")).href;
  const args = [
    "--import",
    tsxLoader,
    path.join(HERE, "cli.ts"),
    "--project",
    path.resolve(options.projectDir),
    "--port",
    String(options.port),
    "--site-port",
    String(options.sitePort),
    "--ready-json",
  ];
  if (options.host) args.push("--host", options.host);
  // Passed by environment: Node itself treats any `--env-file` in argv as its own flag and
  // exits when that file does not exist.
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.envFile) env.CONVEX_LOCAL_ENV_FILE = path.resolve(options.envFile);
  else delete env.CONVEX_LOCAL_ENV_FILE;
  if (options.adminKey) env.CONVEX_LOCAL_ADMIN_KEY = options.adminKey;
  else delete env.CONVEX_LOCAL_ADMIN_KEY;
  if (options.dataDir) args.push("--data-dir", path.resolve(options.dataDir));
  if (options.reset) args.push("--reset");
  if (options.seed) args.push("--seed", options.seed);
  if (options.watch === false) args.push("--no-watch");
  const log = options.log ?? true;
  if (!log) args.push("--quiet");

  const child = spawn(process.execPath, args, {
    cwd: path.resolve(HERE, "../.."),
    stdio: ["pipe", "pipe", "pipe"],
    env,
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
    if (log) process.stderr.write(c);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  const info = await new Promise<{ url: string; siteUrl: string }>((resolve, reject) => {
    let buffer = "";
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill("SIGKILL");
      reject(new Error(`local backend did not start within ${STARTUP_TIMEOUT_MS} ms\n${stderr}`));
    }, STARTUP_TIMEOUT_MS);
    child.stdout.on("data", (c: Buffer) => {
      const text = c.toString();
      if (settled) {
        if (log) process.stdout.write(text);
        return;
      }
      buffer += text;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith(READY_PREFIX)) {
          settled = true;
          clearTimeout(timer);
          resolve(JSON.parse(line.slice(READY_PREFIX.length)) as { url: string; siteUrl: string });
        } else if (log) {
          process.stdout.write(`${line}\n`);
        }
      }
    });
    void exited.then((code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(stderr.trim() || `local backend exited with code ${String(code)}`));
    });
  });

  let closing: Promise<void> | null = null;
  return {
    ...info,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    close() {
      closing ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // Closing stdin asks the child to stop gracefully (flushing its snapshot).
        child.stdin.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
