// Runs one local backend in this process: the deployment port (HTTP API, WebSocket sync, data
// browser) and the site port (HTTP actions), plus function env from the env file, snapshots,
// the optional seed and hot reload. `cli.ts` and the child process behind `index.ts` use it.
import {
  accessSync,
  constants,
  existsSync,
  readFileSync,
  statSync,
  watch,
  type FSWatcher,
} from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer } from "ws";
import { TokenVerifier, type AuthProviderConfig } from "./auth";
import { BuildError, Engine } from "./engine";
import { deploymentHandler, MAX_BODY_BYTES, siteHandler, type ApiContext } from "./http-api";
import { CronRunner } from "./crons";
import { createLogger } from "./log";
import { Persistence } from "./persistence";
import { Subscriptions } from "./readsets";
import { stats } from "./stats";
import { SyncConnection, type Subscription } from "./sync";
import { typecheckConvex } from "./typecheck";

export type ServerOptions = {
  projectDir: string;
  port: number;
  sitePort: number;
  host?: string;
  envFile?: string;
  dataDir?: string;
  reset?: boolean;
  seed?: string;
  watch?: boolean;
  log?: boolean;
  /**
   * Tests only: a request with `Authorization: Convex <adminKey>` (what `ConvexHttpClient`'s
   * `setAdminAuth` sends) may call internal functions over HTTP, as a deploy key can on Convex.
   * Unset (the default, and always in `npm run dev`), admin keys are refused.
   */
  adminKey?: string;
};

export type RunningServer = {
  url: string;
  siteUrl: string;
  close(): Promise<void>;
};

/** A startup problem worth one clear line (busy port, missing codegen, unreadable folder). */
export class StartupError extends Error {}

// Process variables functions keep seeing; everything else comes from the env file, as on Convex.
const KEPT_PROCESS_ENV = /^(PATH|HOME|TMPDIR|TMP|TEMP|LANG|LC_\w+|TZ|NODE_\w+|TSX_\w+|USER|SHELL)$/;

/** Parses a dotenv-style file: KEY=value, optional quotes, `#` comments, `\n` in double quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\n/g, "\n").replace(/\\"/g, '"');
    } else if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
      value = value.slice(1, -1);
    } else {
      value = value.replace(/\s+#.*$/, "");
    }
    out[m[1]] = value;
  }
  return out;
}

function listen(server: Server, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(
        e.code === "EADDRINUSE"
          ? new StartupError(`${what} port ${port} on ${host} is already in use`)
          : new StartupError(`cannot listen on ${host}:${port} (${what}): ${e.message}`),
      );
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function runServer(options: ServerOptions): Promise<RunningServer> {
  const log = createLogger(options.log ?? true);
  const host = options.host ?? "127.0.0.1";
  const projectDir = path.resolve(options.projectDir);
  const convexDir = path.join(projectDir, "convex");
  try {
    accessSync(convexDir, constants.R_OK | constants.X_OK);
    if (!statSync(convexDir).isDirectory()) throw new Error("not a directory");
  } catch {
    throw new StartupError(`cannot read the convex/ folder at ${convexDir}`);
  }
  if (!existsSync(path.join(convexDir, "_generated"))) {
    throw new StartupError(
      `${path.join(convexDir, "_generated")} is missing; run \`npx convex codegen --system-udfs --typecheck disable\` in ${projectDir}`,
    );
  }
  const envFile = path.resolve(options.envFile ?? path.join(projectDir, ".env.convex.local"));
  const dataDir = path.resolve(options.dataDir ?? path.join(projectDir, ".convex-local", "data"));

  // Listen first so port 0 resolves and functions can see their own URLs at import time.
  let ready!: () => void;
  const readyPromise = new Promise<void>((r) => (ready = r));
  type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  let deploymentRequest: Handler | null = null;
  let siteRequest: Handler | null = null;
  const deployment = createServer((req, res) => {
    void readyPromise.then(() => deploymentRequest?.(req, res));
  });
  const site = createServer((req, res) => {
    void readyPromise.then(() => siteRequest?.(req, res));
  });
  const port = await listen(deployment, options.port, host, "deployment");
  let sitePort: number;
  try {
    sitePort = await listen(site, options.sitePort, host, "site");
  } catch (e) {
    await closeServer(deployment);
    throw e;
  }
  const urlHost =
    host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  const siteUrl = `http://${urlHost}:${sitePort}`;

  const applyEnv = () => {
    for (const key of Object.keys(process.env)) {
      if (!KEPT_PROCESS_ENV.test(key)) delete process.env[key];
    }
    const vars = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, "utf8")) : {};
    Object.assign(process.env, vars, {
      CONVEX_SITE_URL: siteUrl,
      CONVEX_CLOUD_URL: url,
    });
    return Object.keys(vars).length;
  };
  const envCount = applyEnv();

  const connections = new Set<SyncConnection>();
  const subscriptions = new Subscriptions<Subscription>();
  let persistence: Persistence | null = null;
  const storage = { replayedCommits: 0, droppedTail: null as string | null };
  const engine = new Engine({
    projectDir,
    buildDir: path.join(projectDir, ".convex-local", "build"),
    siteUrl,
    onCommit: (commitTs, writes) => {
      // Logged first; results computed from this commit wait for the fsync (Engine.run).
      persistence?.record(commitTs, writes, engine.idCounters());
      // Only the subscriptions whose read set this commit touched are re-run.
      for (const { conn, queryId } of subscriptions.touched(commitTs, writes)) {
        conn.invalidate(queryId, commitTs);
      }
    },
    untilDurable: () => persistence?.untilDurable() ?? Promise.resolve(),
    warn: (line) => log.error(line),
  });
  let verifier = new TokenVerifier([]);
  const loadAuthConfig = async () => {
    const mod = await engine.importModule("auth.config");
    const config = mod?.default as { providers?: AuthProviderConfig[] } | undefined;
    verifier = new TokenVerifier((config?.providers ?? []).filter((p) => p));
  };

  const crons = new CronRunner(engine, log);
  const fail = async (e: unknown): Promise<never> => {
    await Promise.all([closeServer(deployment), closeServer(site)]);
    engine.dispose();
    if (e instanceof BuildError) throw new StartupError(`convex/ does not build:\n${e.message}`);
    throw e;
  };
  try {
    await engine.start();
    await loadAuthConfig();
    persistence = new Persistence(dataDir, engine, log);
    if (options.reset) {
      persistence.reset();
      log.info("starting with an empty database (--reset)");
    } else {
      const recovered = persistence.recover();
      storage.replayedCommits = recovered.replayed;
      storage.droppedTail = recovered.droppedTail;
      if (recovered.loadedSnapshot || recovered.replayed > 0) {
        log.info(
          `loaded data from ${dataDir} (${recovered.replayed} commit(s) replayed from the log)`,
        );
        const resumed = engine.resumeScheduledFunctions((line) => log.error(line));
        if (resumed > 0) log.info(`re-armed ${resumed} pending scheduled function(s)`);
      }
    }
    if (options.seed && engine.isEmpty()) {
      const { udfPath, kind } = await engine.resolve(options.seed, "mutation", false);
      await engine.run(kind, udfPath, {}, null);
      log.info(`seeded with ${udfPath}`);
    }
    await persistence.compact();
    const cronCount = await crons.load();
    if (cronCount > 0) log.info(`running ${cronCount} cron job(s) from convex/crons.ts`);
  } catch (e) {
    return await fail(e);
  }

  const reloadStatus = { reloads: 0, lastError: null as string | null };
  const ctx: ApiContext = {
    engine,
    verifier: () => verifier,
    log,
    status: () => ({
      ...reloadStatus,
      calls: log.callCounts(),
      ...stats.report(),
      storage,
    }),
    adminKey: options.adminKey || null,
  };
  deploymentRequest = deploymentHandler(ctx);
  siteRequest = siteHandler(ctx);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_BODY_BYTES,
  });
  deployment.on("upgrade", (req, socket, head) => {
    const pathname = new URL(req.url ?? "/", "http://local").pathname;
    if (!/^\/api\/[^/]+\/sync$/.test(pathname)) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new SyncConnection(
        ws,
        engine,
        () => verifier,
        log,
        (c) => connections.delete(c),
        subscriptions,
      );
      connections.add(conn);
    });
  });
  ready();

  const watchers: FSWatcher[] = [];
  if (options.watch ?? true) {
    let reloadTimer: NodeJS.Timeout | null = null;
    let reloading: Promise<void> = Promise.resolve();
    const reload = () => {
      reloading = reloading.then(async () => {
        const started = performance.now();
        try {
          const typeErrors = await typecheckConvex(projectDir);
          if (typeErrors !== null) {
            reloadStatus.lastError = typeErrors;
            log.error(
              `✖ convex/ has type errors; still serving the previous version:\n${typeErrors}`,
            );
            return;
          }
          await engine.reload();
          reloadStatus.lastError = null;
          await loadAuthConfig();
          await crons.load();
          log.info(`✔ reloaded convex/ functions in ${(performance.now() - started).toFixed(0)}ms`);
          for (const c of connections) c.notifyCommit();
        } catch (e) {
          const detail =
            e instanceof BuildError ? e.message : e instanceof Error ? e.message : String(e);
          reloadStatus.lastError = detail;
          log.error(`✖ convex/ failed to build; still serving the previous version:\n${detail}`);
        } finally {
          reloadStatus.reloads += 1;
        }
      });
    };
    watchers.push(
      watch(convexDir, { recursive: true }, (_event, file) => {
        if (file && /(^|\/)\.|~$/.test(String(file))) return;
        if (reloadTimer) clearTimeout(reloadTimer);
        reloadTimer = setTimeout(reload, 150);
      }),
    );
    if (existsSync(envFile)) {
      watchers.push(
        watch(envFile, () => {
          const n = applyEnv();
          log.info(`reloaded ${n} variables from ${envFile}`);
          for (const c of connections) c.notifyCommit();
        }),
      );
    }
  }

  log.info(`local Convex backend for ${projectDir}`);
  log.info(`  deployment URL (NEXT_PUBLIC_CONVEX_URL): ${url}`);
  log.info(`  site URL (CONVEX_SITE_URL, HTTP actions): ${siteUrl}`);
  log.info(`  data browser: ${url}/`);
  log.info(
    `  env: ${envCount} variables from ${envFile}${existsSync(envFile) ? "" : " (file not found)"}`,
  );
  log.info(`  data: ${dataDir}; auth providers: ${verifier.providerCount}`);

  let closing: Promise<void> | null = null;
  return {
    url,
    siteUrl,
    close() {
      closing ??= (async () => {
        for (const w of watchers) w.close();
        crons.stop();
        for (const c of connections) c.close();
        wss.close();
        await Promise.all([closeServer(deployment), closeServer(site)]);
        await persistence?.close();
        engine.dispose();
      })();
      return closing;
    },
  };
}
