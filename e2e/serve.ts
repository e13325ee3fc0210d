// The server the end-to-end tests run against (started by playwright.config.ts `webServer`):
// the offline stack on the e2e ports with a fresh database and mailbox, and a production build
// of the app (`next build` + `next start`), which is faster and closer to production than
// `next dev`. The build goes to its own folder (`.next-e2e`) because NEXT_PUBLIC_ variables are
// inlined at build time, and is skipped when nothing it depends on changed since the last one.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startForwardingProxy } from "../dev/forwarding-proxy";
import { startServices } from "../dev/stack";
import { E2E_APP_URL, E2E_PORTS } from "./ports";

const root = resolve(import.meta.dirname, "..");
// `E2E_NEXT_DEV=1`: `next dev` instead of a production build, for benchmarks that compare
// the two (bench/revocation-latency.ts); the specs always run against the build.
const devMode = process.env.E2E_NEXT_DEV === "1";
const distDir = devMode ? ".next-e2e-dev" : ".next-e2e";
const buildInputs = [
  "app",
  "components",
  "lib",
  "server",
  "emails",
  "public",
  // What the app imports from convex/: generated references, error codes, shared rules.
  "convex/_generated",
  "convex/errors.ts",
  "convex/shared",
  "auth.ts",
  "middleware.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function hashInputs(env: Record<string, string>): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name === "node_modules" || name.endsWith(".test.ts") || name.endsWith(".test.tsx")) continue;
        visit(join(path, name));
      }
    } else {
      hash.update(path).update(readFileSync(path));
    }
  };
  for (const input of buildInputs) visit(join(root, input));
  for (const key of Object.keys(env).sort()) {
    if (key.startsWith("NEXT_PUBLIC_")) hash.update(`${key}=${env[key]}`);
  }
  return hash.digest("hex");
}

const log = (service: string, line: string) => console.log(`[${service}] ${line}`);

const services = await startServices({
  rootDir: root,
  ports: E2E_PORTS,
  appUrl: E2E_APP_URL,
  envDir: ".dev/e2e",
  reset: true,
  backendLog: false,
  log,
  // Every spec's sign-in links come from 127.0.0.1; the per-address limit stays as shipped.
  convexEnv: { MAGIC_LINKS_PER_IP: "1000" },
});

const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...services.nextEnv,
  // A production build and server; an inherited NODE_ENV=test (vitest, CI) would clash.
  NODE_ENV: devMode ? "development" : "production",
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
};

const stampFile = join(root, distDir, "e2e-build-inputs");
const inputsHash = hashInputs(services.nextEnv);
const upToDate =
  existsSync(join(root, distDir, "BUILD_ID")) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === inputsHash;

if (devMode) {
  log("next", "next dev (E2E_NEXT_DEV=1): no build");
} else if (upToDate) {
  log("next", `build in ${distDir} is up to date; skipping next build`);
} else {
  log("next", `building the app into ${distDir} (a few minutes on 2 cores)…`);
  const build = spawnSync("npx", ["next", "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) {
    await services.close();
    console.error("[next] next build failed");
    process.exit(1);
  }
  writeFileSync(stampFile, inputsHash);
}

// As in production, the app sits behind a proxy that appends the client's address to
// X-Forwarded-For (TRUSTED_PROXY_HOPS=1 in the generated env).
const next: ChildProcess = spawn(
  "npx",
  ["next", devMode ? "dev" : "start", "-p", String(E2E_PORTS.next), "-H", "127.0.0.1"],
  { cwd: root, env, stdio: "inherit" },
);
const proxy = await startForwardingProxy({
  host: "localhost",
  port: E2E_PORTS.app,
  target: { host: "127.0.0.1", port: E2E_PORTS.next },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await proxy.close().catch(() => undefined);
  await services.close().catch(() => undefined);
  process.exit(code);
}
next.on("exit", (code) => void stop(code ?? 1));
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
