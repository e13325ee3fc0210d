// Engine of the local backend: bundles a project's `convex/` folder with esbuild, runs its
// functions on convex-test (pinned 0.0.70), and exposes what the servers need on top of it:
// per-call identity, a commit hook (for reactivity and snapshots), snapshot export/import and
// hot swapping of modules. Everything that reaches into convex-test internals lives in
// `internals.ts` so a version change fails loudly in one place.
import { withJournal } from "./journal";
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Message } from "esbuild";
import { convexTest } from "convex-test";
import type { GenericSchema, SchemaDefinition, UserIdentity } from "convex/server";
import { ConvexError, convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import {
  captureInternals,
  type IdCounters,
  type ConvexTestInternals,
  type Doc,
  type SchemaLike,
} from "./internals";
import { recordReads, type DocumentWrite, type ReadSet } from "./readsets";
import {
  checkDocument,
  checkExecutionTime,
  checkFunctionValue,
  convexLimitMessage,
  LIMITS,
} from "./limits";
import { FULL_SCAN_WARNING_DOCUMENTS, stats } from "./stats";

export type FunctionKind = "query" | "mutation" | "action";

/** Longest stretch of queued function runs before the event loop gets a turn. */
const YIELD_MS = 10;

/** A loaded Convex module: its exports are registered functions or other values. */
type ModuleExports = Record<string, unknown>;

type RegisteredFunction = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
};

export class FunctionNotFoundError extends Error {}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly messages: Message[],
  ) {
    super(message);
  }
}

/** Snapshot file format, version 1. Documents are stored as Convex JSON. */
export type Snapshot = {
  version: 1;
  documents: JSONValue[];
  nextDocId: number;
  lastCreationTime: number;
  lastCommitTs: string;
};

type TestAccessor = ReturnType<typeof convexTest>;
type PathAccessor = {
  queryFromPath(p: { componentPath: string; udfPath: string }, args: unknown): Promise<unknown>;
  mutationFromPath(p: { componentPath: string; udfPath: string }, args: unknown): Promise<unknown>;
  actionFromPath(p: { componentPath: string; udfPath: string }, args: unknown): Promise<unknown>;
  fetch(pathAndQuery: string, init?: RequestInit): Promise<Response>;
};

const commitContext = new AsyncLocalStorage<{
  commitTs: bigint | null;
  udfPath: string;
}>();

/** `module/path:export` with `.js` stripped and `default` filled in, as the client does. */
export function canonicalUdfPath(udfPath: string): {
  modulePath: string;
  exportName: string;
} {
  const idx = udfPath.lastIndexOf(":");
  let modulePath = idx === -1 ? udfPath : udfPath.slice(0, idx);
  const exportName = idx === -1 ? "default" : udfPath.slice(idx + 1);
  if (modulePath.endsWith(".js")) modulePath = modulePath.slice(0, -3);
  return { modulePath, exportName };
}

function isEntryFile(rel: string): boolean {
  const base = path.basename(rel);
  if (rel.split(path.sep).includes("_generated")) return false;
  if (!/\.(ts|tsx|js|jsx|mjs)$/.test(base) || base.endsWith(".d.ts")) return false;
  // Like `npx convex dev`: tests and files with extra dots (other than *.config.ts) are not modules.
  const stem = base.replace(/\.(ts|tsx|js|jsx|mjs)$/, "");
  if (stem.includes(".") && stem !== "auth.config") return false;
  return true;
}

function listEntries(convexDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name === "_generated" || name === "node_modules" || name.startsWith(".")) continue;
        walk(full);
      } else if (isEntryFile(path.relative(convexDir, full))) {
        out.push(full);
      }
    }
  };
  walk(convexDir);
  return out.sort();
}

/** Formats esbuild messages as `file:line:col: text` lines. */
export function formatBuildMessages(messages: Message[]): string {
  return messages
    .map((m) =>
      m.location
        ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ${m.text}`
        : m.text,
    )
    .join("\n");
}

export type EngineOptions = {
  projectDir: string;
  buildDir: string;
  /** Public URL of HTTP actions, used as their `request.url` origin. */
  siteUrl?: string;
  /** Each committed transaction with what it wrote (commit log, invalidation). */
  onCommit?: (commitTs: bigint, writes: DocumentWrite[]) => void;
  /**
   * Resolves once every commit so far is on disk. No function result (mutation response, query
   * result, action result) leaves `run` before it: a caller never sees a write that a crash
   * could take back.
   */
  untilDurable?: () => Promise<void>;
  /** Warnings about the project's functions (e.g. full-table scans of large tables). */
  warn?: (line: string) => void;
};

export class Engine {
  readonly convexDir: string;
  private generation = 0;
  private modules = new Map<string, () => Promise<ModuleExports>>();
  private t!: TestAccessor;
  private internals!: ConvexTestInternals;
  private lastCommitTs = 0n;
  private queueTail: Promise<void> = Promise.resolve();
  private lastYield = 0;

  constructor(private readonly options: EngineOptions) {
    this.convexDir = path.join(options.projectDir, "convex");
  }

  /** Latest committed timestamp in nanoseconds (0 before any commit). */
  get commitTs(): bigint {
    return this.lastCommitTs;
  }

  /** Bundles and loads the modules; throws BuildError on syntax errors. */
  async start(): Promise<void> {
    this.removeStaleBuilds();
    await this.rebuild();
    const schema = await this.loadSchema();
    const generatedKey = "/convex/_generated/api.js";
    // Convex's per-transaction limits (documents/bytes read and written, index ranges, scheduled
    // calls) are counted by convex-test; limits.ts adds the others and Convex's wording.
    this.t = convexTest({
      schema: schema as SchemaDefinition<GenericSchema, boolean> | undefined,
      modules: { [generatedKey]: async () => ({}) },
      transactionLimits: {
        documentsRead: LIMITS.documentsRead,
        bytesRead: LIMITS.bytesRead,
        documentsWritten: LIMITS.documentsWritten,
        bytesWritten: LIMITS.bytesWritten,
        databaseQueries: LIMITS.indexRanges,
        functionsScheduled: LIMITS.functionsScheduled,
        scheduledFunctionArgsBytes: LIMITS.scheduledArgsBytes,
      },
    });
    this.internals = await captureInternals(this.t, {
      write: (doc) => {
        // System tables (scheduled functions, storage) have Convex's larger system limits.
        if (!/^\d+_/.test(doc._id)) checkDocument(doc);
      },
      end: checkExecutionTime,
      limitMs: LIMITS.executionMs,
    });
    this.internals.setModules((p) => this.loadModule(p));
    this.internals.onCommit((commitTs, writes) => {
      this.lastCommitTs = commitTs;
      const store = commitContext.getStore();
      if (store) store.commitTs = commitTs;
      stats.recordCommit();
      this.options.onCommit?.(commitTs, writes);
    });
    this.internals.onFullTableScan((table, documents) => {
      const fn = commitContext.getStore()?.udfPath ?? "(scheduled function)";
      if (stats.recordFullTableScan(fn, table, documents)) {
        this.options.warn?.(
          `⚠ ${fn} read all ${documents} documents of "${table}" (more than ${FULL_SCAN_WARNING_DOCUMENTS}): use an index (withIndex) so it reads only what it needs`,
        );
      }
    });
  }

  /** Re-bundles the project; on success swaps the modules and schema in place (data kept). */
  async reload(): Promise<void> {
    await this.rebuild();
    this.internals.setModules((p) => this.loadModule(p));
    const schema = await this.loadSchema();
    this.internals.setSchema(schema);
  }

  private async rebuild(): Promise<void> {
    if (!existsSync(path.join(this.convexDir, "_generated"))) {
      throw new Error(
        `${path.join(this.convexDir, "_generated")} is missing: run \`npx convex codegen --system-udfs --typecheck disable\` in ${this.options.projectDir}`,
      );
    }
    const entries = listEntries(this.convexDir);
    const gen = this.generation + 1;
    const outdir = path.join(this.options.buildDir, `gen-${process.pid}-${gen}`);
    mkdirSync(outdir, { recursive: true });
    let result;
    try {
      result = await build({
        entryPoints: entries,
        outdir,
        outbase: this.convexDir,
        // Error locations read `convex/<file>:line:col`.
        absWorkingDir: this.options.projectDir,
        bundle: true,
        splitting: true,
        format: "esm",
        platform: "node",
        target: "node20",
        packages: "external",
        sourcemap: "inline",
        logLevel: "silent",
        write: true,
        outExtension: { ".js": ".mjs" },
      });
    } catch (e) {
      rmSync(outdir, { recursive: true, force: true });
      const errors = (e as { errors?: Message[] }).errors ?? [];
      throw new BuildError(errors.length ? formatBuildMessages(errors) : String(e), errors);
    }
    void result;
    const modules = new Map<string, () => Promise<ModuleExports>>();
    for (const entry of entries) {
      const rel = path
        .relative(this.convexDir, entry)
        .replace(/\.(ts|tsx|js|jsx|mjs)$/, "")
        .split(path.sep)
        .join("/");
      const file = path.join(outdir, `${rel}.mjs`);
      const url = pathToFileURL(file).href;
      // Imported once: every `import()`, even of a loaded module, is a round trip to tsx's
      // loader thread (13% of a busy backend's time when it ran on every call).
      let loaded: Promise<ModuleExports> | null = null;
      modules.set(rel, () => (loaded ??= import(url) as Promise<ModuleExports>));
    }
    const previous = this.generation;
    this.generation = gen;
    this.modules = modules;
    // Old bundles are no longer imported; keep only the current generation on disk.
    if (previous > 0) {
      rmSync(path.join(this.options.buildDir, `gen-${process.pid}-${previous}`), {
        recursive: true,
        force: true,
      });
    }
  }

  /** Bundles left behind by backends that died without cleaning up (SIGKILL, crash). */
  private removeStaleBuilds(): void {
    if (!existsSync(this.options.buildDir)) return;
    for (const name of readdirSync(this.options.buildDir)) {
      const pid = Number(/^gen-(\d+)-/.exec(name)?.[1]);
      if (!pid || pid === process.pid) continue;
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (!alive)
        rmSync(path.join(this.options.buildDir, name), {
          recursive: true,
          force: true,
        });
    }
  }

  /** Removes this process's bundle directory (on shutdown). */
  dispose(): void {
    if (this.generation > 0) {
      rmSync(path.join(this.options.buildDir, `gen-${process.pid}-${this.generation}`), {
        recursive: true,
        force: true,
      });
    }
  }

  private async loadModule(modulePath: string): Promise<ModuleExports> {
    const loader = this.modules.get(modulePath);
    if (!loader) throw new FunctionNotFoundError(`Could not find module for: "${modulePath}"`);
    const mod = await loader();
    return modulePath === "http" ? this.withSiteUrls(mod) : mod;
  }

  /**
   * convex-test hands HTTP actions a Request on a placeholder host; give them the real site URL
   * instead, so `new URL(request.url)` works as on Convex.
   */
  private withSiteUrls(mod: ModuleExports): ModuleExports {
    const router = mod.default as
      | {
          lookup?: (path: string, method: string) => [unknown, string, string] | null;
        }
      | undefined;
    const siteUrl = this.options.siteUrl;
    if (!siteUrl || !router || typeof router.lookup !== "function") return mod;
    const lookup = router.lookup.bind(router);
    const wrapped = new Proxy(router, {
      get(target, prop, receiver) {
        if (prop !== "lookup") return Reflect.get(target, prop, receiver) as unknown;
        return (path: string, method: string) => {
          const found = lookup(path, method);
          if (!found) return found;
          const [fn, ...rest] = found;
          const inner = (
            "_handler" in (fn as object) ? (fn as { _handler: unknown })._handler : fn
          ) as (ctx: unknown, req: Request) => Promise<Response>;
          const handler = async (ctx: unknown, req: Request) => {
            const original = new URL(req.url);
            const url = new URL(`${original.pathname}${original.search}`, siteUrl);
            const body =
              req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
            return await inner(
              ctx,
              new Request(url, {
                method: req.method,
                headers: req.headers,
                body,
              }),
            );
          };
          return [{ ...(fn as object), _handler: handler }, ...rest];
        };
      },
    });
    return { ...mod, default: wrapped };
  }

  /** Module names that exist (e.g. "sessions", "lib/functions"). */
  moduleNames(): string[] {
    return [...this.modules.keys()];
  }

  hasModule(name: string): boolean {
    return this.modules.has(name);
  }

  async importModule(name: string): Promise<ModuleExports | null> {
    return this.modules.has(name) ? await this.loadModule(name) : null;
  }

  private async loadSchema(): Promise<SchemaLike | undefined> {
    const mod = await this.importModule("schema");
    return (mod?.default as SchemaLike | undefined) ?? undefined;
  }

  /**
   * Finds a function by client path and checks it may be called: `publicOnly` refuses internal
   * functions exactly like unknown ones, as Convex does (no hint that it exists).
   */
  async resolve(
    udfPath: string,
    kind: FunctionKind | "any",
    publicOnly: boolean,
  ): Promise<{ udfPath: string; kind: FunctionKind }> {
    const { modulePath, exportName } = canonicalUdfPath(udfPath);
    const canonical = `${modulePath}:${exportName}`;
    const notFound = () =>
      new FunctionNotFoundError(
        `Could not find public function for '${canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
      );
    if (!this.modules.has(modulePath)) throw notFound();
    const mod = await this.loadModule(modulePath);
    const fn = mod[exportName] as RegisteredFunction | undefined;
    if (!fn || (typeof fn !== "function" && typeof fn !== "object")) throw notFound();
    const actual: FunctionKind | null = fn.isQuery
      ? "query"
      : fn.isMutation
        ? "mutation"
        : fn.isAction
          ? "action"
          : null;
    if (actual === null) throw notFound();
    if (publicOnly && !fn.isPublic) throw notFound();
    if (kind !== "any" && actual !== kind) {
      throw new FunctionNotFoundError(
        `Trying to execute ${canonical} as ${kind[0].toUpperCase()}${kind.slice(1)}, but it is defined as ${actual[0].toUpperCase()}${actual.slice(1)}.`,
      );
    }
    return { udfPath: canonical, kind: actual };
  }

  private accessor(identity: UserIdentity | null): PathAccessor {
    const base = identity ? this.t.withIdentity(identity) : this.t;
    return base as unknown as PathAccessor;
  }

  /**
   * Runs a resolved function with an identity. Arguments and result are Convex JSON.
   * Returns the commit timestamp for mutations. Resolves only once everything the function
   * saw or wrote is on disk.
   */
  async run(
    kind: FunctionKind,
    udfPath: string,
    jsonArgs: JSONValue,
    identity: UserIdentity | null,
  ): Promise<{ value: JSONValue; commitTs: bigint | null }> {
    const { outcome, durable } = await this.execute(kind, udfPath, jsonArgs, identity);
    await durable;
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /**
   * Runs a function like `run`, but resolves as soon as it has run (its commit applied in
   * memory), with `durable`, which resolves once that commit (and everything before it) is on
   * disk. The outcome must not reach a caller before `durable`; a client's next mutation may
   * start before it (the log is sequential, so it cannot become durable before this one).
   */
  async execute(
    kind: FunctionKind,
    udfPath: string,
    jsonArgs: JSONValue,
    identity: UserIdentity | null,
  ): Promise<{
    outcome:
      | { ok: true; result: { value: JSONValue; commitTs: bigint | null } }
      | { ok: false; error: unknown };
    durable: Promise<void>;
  }> {
    const store = { commitTs: null as bigint | null, udfPath };
    let value: unknown;
    try {
      const args = jsonToConvex(jsonArgs);
      checkFunctionValue(args, "arguments");
      const fnPath = { componentPath: "", udfPath };
      const acc = this.accessor(identity);
      value = await commitContext.run(store, async () => {
        if (kind === "query") {
          return await this.oneAtATime(async () => {
            // Timed from its turn in the queue, not from its arrival.
            const started = performance.now();
            try {
              return await acc.queryFromPath(fnPath, args);
            } finally {
              stats.recordQuery(udfPath, performance.now() - started);
            }
          });
        }
        if (kind === "mutation") {
          return await this.oneAtATime(() => acc.mutationFromPath(fnPath, args));
        }
        return await acc.actionFromPath(fnPath, args);
      });
      checkFunctionValue(value as Value, "return value");
    } catch (error) {
      // Even an error may describe data read from a commit that is not on disk yet.
      return { outcome: { ok: false, error }, durable: this.durable() };
    }
    return {
      outcome: {
        ok: true,
        result: { value: convexToJson(value as Value), commitTs: store.commitTs },
      },
      durable: this.durable(),
    };
  }

  private durable(): Promise<void> {
    return this.options.untilDurable?.() ?? Promise.resolve();
  }

  /**
   * Runs a public query for a subscription, recording what it read and the commit timestamp of
   * the snapshot it saw, so the caller can tell which later commits make the result stale.
   */
  async runTrackedQuery(
    udfPath: string,
    jsonArgs: JSONValue,
    identity: UserIdentity | null,
    /** The subscription's query journal: the end cursor its first run's page reached. */
    journal: string | null = null,
  ): Promise<{
    outcome: { ok: true; value: JSONValue } | { ok: false; error: unknown };
    reads: ReadSet;
    snapshotTs: bigint | null;
    journal: string | null;
  }> {
    let pinned: string | null = journal;
    const { outcome, reads, snapshotTs } = await recordReads(async () => {
      const run = await withJournal(journal, () => this.run("query", udfPath, jsonArgs, identity));
      pinned = run.journal;
      return run.value.value;
    });
    return { outcome, reads, snapshotTs, journal: pinned };
  }

  /**
   * Queues top-level queries and mutations in arrival order before they reach convex-test's
   * transaction lock, which wakes every waiter on each release (with 1 000 calls waiting, each
   * commit cost 1 000 wake-ups). Actions are not queued: their nested calls take the lock.
   */
  private async oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.queueTail;
    let release!: () => void;
    this.queueTail = new Promise<void>((r) => (release = r));
    await previous;
    // convex-test runs a function without any I/O, so one client's queued mutations would run
    // back to back in microtasks, keeping sockets and disk writes waiting (the throughput bench
    // saw 30 mutations of one device run in 20 ms, then nothing answered for over a second).
    // Let the event loop turn every YIELD_MS of work so other clients' requests join the queue
    // in arrival order and durable commits are answered as they land. Not after every call:
    // subscriptions waiting in the queue then re-run after every commit instead of once for
    // several (throughput bench: ~940 re-runs for 1 500 writes at 2 ms, ~100 with no yield).
    if (performance.now() - this.lastYield > YIELD_MS) {
      await new Promise<void>((r) => setImmediate(r));
      this.lastYield = performance.now();
    }
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Serves an HTTP action from `convex/http.ts`. */
  async fetchHttpAction(
    pathAndQuery: string,
    init: RequestInit,
    identity: UserIdentity | null,
  ): Promise<Response> {
    const response = await this.accessor(identity).fetch(pathAndQuery, init);
    await this.options.untilDurable?.();
    return response;
  }

  /** The id counter and creation-time clock as of the latest commit (for the commit log). */
  idCounters(): IdCounters {
    return this.internals.idCounters();
  }

  /** Whether the database holds any document (system tables included). */
  isEmpty(): boolean {
    return this.internals.documentCount() === 0;
  }

  tables(): { name: string; count: number }[] {
    return this.internals.tables();
  }

  documents(table: string): Record<string, Value>[] {
    return this.internals.documents(table);
  }

  /**
   * After a restart, re-arms scheduled functions that were still pending in the snapshot
   * (convex-test's own timers died with the previous process).
   */
  resumeScheduledFunctions(onError: (line: string) => void): number {
    const pending = this.internals
      .documents("_scheduled_functions")
      .filter(
        (d) =>
          (d.state as { kind?: string } | undefined)?.kind === "pending" ||
          (d.state as { kind?: string } | undefined)?.kind === "inProgress",
      );
    for (const job of pending) {
      const id = job._id;
      const delay = Math.max(0, (job.scheduledTime as number) - Date.now());
      const timer = setTimeout(() => {
        void (async () => {
          const current = this.internals
            .documents("_scheduled_functions")
            .find((d) => d._id === id);
          const kind = (current?.state as { kind?: string } | undefined)?.kind;
          if (kind !== "pending" && kind !== "inProgress") return;
          // Each state change is a committed transaction of its own, as convex-test's scheduler
          // does it, so the commit log, the ordered indexes and invalidation all see it.
          await this.internals.patchSystemDocument(id, {
            state: { kind: "inProgress" },
          });
          try {
            const { udfPath, kind: fnKind } = await this.resolve(job.name as string, "any", false);
            const args = ((job.args as Value[] | undefined)?.[0] ?? {}) as Value;
            await this.run(fnKind, udfPath, convexToJson(args), null);
            await this.internals.patchSystemDocument(id, {
              state: { kind: "success" },
              completedTime: Date.now(),
            });
          } catch (e) {
            onError(
              `scheduled function ${String(job.name)} failed: ${e instanceof Error ? e.message : String(e)}`,
            );
            await this.internals.patchSystemDocument(id, {
              state: { kind: "failed" },
              completedTime: Date.now(),
            });
          }
        })().catch((e: unknown) => onError(`scheduled function ${String(job.name)}: ${String(e)}`));
      }, delay);
      timer.unref();
    }
    return pending.length;
  }

  exportSnapshot(): Snapshot {
    const state = this.internals.exportState();
    return {
      version: 1,
      documents: state.documents.map((d) => convexToJson(d as Value)),
      nextDocId: state.nextDocId,
      lastCreationTime: state.lastCreationTime,
      lastCommitTs: state.lastCommitTs.toString(),
    };
  }

  importSnapshot(snapshot: Snapshot): void {
    if (snapshot.version !== 1)
      throw new Error(`Unknown snapshot version ${String(snapshot.version)}`);
    const lastCommitTs = BigInt(snapshot.lastCommitTs);
    this.internals.importState({
      documents: snapshot.documents.map((d) => jsonToConvex(d) as Doc),
      nextDocId: snapshot.nextDocId,
      lastCreationTime: snapshot.lastCreationTime,
      lastCommitTs,
    });
    this.lastCommitTs = lastCommitTs;
  }
}

/** Error text and data as Convex sends them to clients. */
export function describeError(
  e: unknown,
  requestId: string,
): { message: string; data?: JSONValue } {
  if (e instanceof ConvexError || (e instanceof Error && e.name === "ConvexError" && "data" in e)) {
    const data = (e as ConvexError<Value>).data;
    return {
      message: `[Request ID: ${requestId}] Server Error\nUncaught ConvexError: ${e.message}`,
      data: convexToJson(data),
    };
  }
  if (e instanceof FunctionNotFoundError) {
    return { message: `[Request ID: ${requestId}] Server Error\n${e.message}` };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  err.message = convexLimitMessage(err.message);
  // Argument checks happen in convex-test's validateFunctionArgs; schema checks on writes use the
  // same validator but are ordinary function errors, as on Convex.
  const validation = err.stack?.includes("validateFunctionArgs") === true;
  return {
    message: validation
      ? `[Request ID: ${requestId}] Server Error\nArgumentValidationError: ${err.message}`
      : `[Request ID: ${requestId}] Server Error\nUncaught ${err.name}: ${err.message}`,
  };
}
