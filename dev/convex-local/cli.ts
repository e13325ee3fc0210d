// CLI of the local backend: `npm run convex:local -- --project <dir> --port <p> --site-port <q>
// [--host h] [--env-file f] [--data-dir d] [--reset] [--seed seed:init] [--no-watch] [--quiet]`.
// Prints its URLs, logs each call, and exits non-zero with one clear line when it cannot start.
// `--ready-json` (used by index.ts) prints one machine-readable line once it serves.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runServer, StartupError, type ServerOptions } from "./server";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const READY_PREFIX = "CONVEX_LOCAL_READY ";

function parseArgs(argv: string[]): ServerOptions & { readyJson: boolean } {
  const opts: ServerOptions & { readyJson: boolean } = {
    projectDir: REPO_ROOT,
    port: 3210,
    sitePort: 3211,
    readyJson: false,
    // index.ts passes the env file this way (see there); --env-file overrides it.
    envFile: process.env.CONVEX_LOCAL_ENV_FILE || undefined,
    // Tests only, and by environment so the key is not in the process list (index.ts).
    adminKey: process.env.CONVEX_LOCAL_ADMIN_KEY || undefined,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new StartupError(`${flag} needs a value`);
    return v;
  };
  const portValue = (i: number, flag: string): number => {
    const n = Number(value(i, flag));
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new StartupError(`${flag} must be a port number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case "--project":
        opts.projectDir = path.resolve(value(i++, a));
        break;
      case "--port":
        opts.port = portValue(i++, a);
        break;
      case "--site-port":
        opts.sitePort = portValue(i++, a);
        break;
      case "--host":
        opts.host = value(i++, a);
        break;
      case "--env-file":
        opts.envFile = path.resolve(value(i++, a));
        break;
      case "--data-dir":
        opts.dataDir = path.resolve(value(i++, a));
        break;
      case "--seed":
        opts.seed = value(i++, a);
        break;
      case "--reset":
        opts.reset = true;
        break;
      case "--no-watch":
        opts.watch = false;
        break;
      case "--quiet":
        opts.log = false;
        break;
      case "--ready-json":
        opts.readyJson = true;
        break;
      default:
        throw new StartupError(`unknown option ${a}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`convex-local: ${(e as Error).message}`);
    process.exit(2);
  }
  try {
    const server = await runServer(opts);
    if (opts.readyJson) {
      process.stdout.write(
        `${READY_PREFIX}${JSON.stringify({ url: server.url, siteUrl: server.siteUrl })}\n`,
      );
    }
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void server.close().then(() => process.exit(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    // The parent of a child backend closes stdin to stop it (works even if it dies abruptly).
    if (opts.readyJson) {
      process.stdin.on("end", stop);
      process.stdin.resume();
    }
  } catch (e) {
    const message =
      e instanceof StartupError ? e.message : e instanceof Error ? e.message : String(e);
    console.error(`convex-local: ${message}`);
    process.exit(1);
  }
}

void main();
