// The WebSocket sync protocol (`/api/<version>/sync`) as the convex 1.48 clients speak it:
// query sets, identity, mutations/actions and Transitions with exact versions. Each connection
// processes its work one item at a time so versions advance in order. A commit marks dirty only
// the subscriptions whose read set it touched (readsets.ts); the connection re-runs those and
// pushes the results that changed, all valid at the one timestamp its Transition carries.
import type { WebSocket } from "ws";
import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";
import { AuthFailure, secondsUntilExpiry, type TokenVerifier } from "./auth";
import { describeError, type Engine } from "./engine";
import type { Logger } from "./log";
import type { Subscriptions } from "./readsets";
import { recordRerun } from "./stats";

/** Encodes a u64 nanosecond timestamp as the client expects: base64 of 8 little-endian bytes. */
export function encodeTs(ts: bigint): string {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64LE(ts);
  return buf.toString("base64");
}

type QueryState = {
  udfPath: string;
  args: JSONValue;
  lastResult: string | null;
  /** Query journal (journal.ts): where a paginated query's page ended on its first run. */
  journal: string | null;
  sub: Subscription;
  /** Snapshot timestamp of the latest run (its result is valid from there)... */
  snapshotTs: bigint;
  /**
   * ...until this commit, the first after that snapshot to touch its read set (null: still
   * valid). 0n: must run again before any Transition (new functions or env).
   */
  staleAt: bigint | null;
};

/** One live query of one connection, as registered in the shared `Subscriptions`. */
export type Subscription = { conn: SyncConnection; queryId: number };

type Modification =
  | {
      type: "QueryUpdated";
      queryId: number;
      value: JSONValue;
      logLines: string[];
      journal: string | null;
    }
  | {
      type: "QueryFailed";
      queryId: number;
      errorMessage: string;
      errorData?: JSONValue;
      logLines: string[];
      journal: null;
    }
  | { type: "QueryRemoved"; queryId: number };

type ClientMessage = { type?: unknown; [k: string]: unknown };

const PING_INTERVAL_MS = 15_000;
let requestCounter = 0;
export function newRequestId(): string {
  requestCounter += 1;
  return `local-${requestCounter.toString(16).padStart(8, "0")}`;
}

export class SyncConnection {
  private querySetVersion = 0;
  private identityVersion = 0;
  private ts = 0n;
  private identity: UserIdentity | null = null;
  private queries = new Map<number, QueryState>();
  private dirty = new Set<number>();
  /** Dirty because a commit touched their read set: their next run is a re-run (stats.ts). */
  private touched = new Set<number>();
  private chain: Promise<void> = Promise.resolve();
  private mutationChain: Promise<void> = Promise.resolve();
  private refreshQueued = false;
  /** Bumped when functions or env change: a run that started before is stale whatever it read. */
  private epoch = 0;
  private closed = false;
  private pingTimer: NodeJS.Timeout;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly engine: Engine,
    private readonly verifier: () => TokenVerifier,
    private readonly log: Logger,
    private readonly onClose: (c: SyncConnection) => void,
    private readonly subscriptions: Subscriptions<Subscription>,
  ) {
    ws.on("message", (data, isBinary) => this.onMessage(data.toString(), isBinary));
    ws.on("close", () => this.shutdown());
    ws.on("error", () => this.shutdown());
    // The client reconnects when the server is silent for too long.
    this.pingTimer = setInterval(() => this.send({ type: "Ping" }), PING_INTERVAL_MS);
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pingTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    for (const q of this.queries.values()) this.subscriptions.delete(q.sub);
    this.onClose(this);
  }

  close(): void {
    this.ws.terminate();
    this.shutdown();
  }

  private send(msg: unknown): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(msg));
  }

  private fatal(error: string): void {
    this.send({ type: "FatalError", error });
    this.ws.close(1008, error.slice(0, 120));
    this.shutdown();
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((e: unknown) => {
      this.log.error(`sync connection error: ${e instanceof Error ? e.stack : String(e)}`);
    });
  }

  /** Functions or env changed: every query of this connection is stale. */
  notifyCommit(): void {
    this.epoch += 1;
    for (const [id, q] of this.queries) {
      q.staleAt = 0n;
      this.dirty.add(id);
    }
    this.queueRefresh();
  }

  /** Commit `commitTs` touched what this query read: re-run it (coalesced with other work). */
  invalidate(queryId: number, commitTs: bigint): void {
    const q = this.queries.get(queryId);
    if (q && q.staleAt === null) q.staleAt = commitTs;
    this.dirty.add(queryId);
    this.touched.add(queryId);
    this.queueRefresh();
  }

  private queueRefresh(): void {
    if (this.refreshQueued || this.closed) return;
    this.refreshQueued = true;
    this.enqueue(async () => {
      this.refreshQueued = false;
      await this.transition({}, []);
    });
  }

  private onMessage(raw: string, isBinary: boolean): void {
    if (isBinary) return this.fatal("Binary messages are not supported");
    let msg: ClientMessage;
    try {
      msg = JSON.parse(raw) as ClientMessage;
    } catch {
      return this.fatal("Malformed message: invalid JSON");
    }
    if (typeof msg !== "object" || msg === null) return this.fatal("Malformed message");
    switch (msg.type) {
      case "Connect":
      case "Event":
        return;
      case "ModifyQuerySet":
        return this.enqueue(() => this.modifyQuerySet(msg));
      case "Authenticate":
        return this.enqueue(() => this.authenticate(msg));
      case "Mutation": {
        // A client's mutations run in the order it sent them (as on Convex), independently of
        // the connection's query work.
        const run = () => this.runRequest("Mutation", msg);
        this.mutationChain = this.mutationChain.then(run, run);
        return;
      }
      case "Action":
        // Actions run concurrently, as on Convex.
        void this.runRequest("Action", msg);
        return;
      default:
        return this.fatal(`Unknown message type: ${JSON.stringify(msg.type)}`);
    }
  }

  private async modifyQuerySet(msg: ClientMessage): Promise<void> {
    const base = msg.baseVersion;
    const next = msg.newVersion;
    const mods = msg.modifications;
    if (typeof base !== "number" || typeof next !== "number" || !Array.isArray(mods)) {
      return this.fatal("Malformed ModifyQuerySet message");
    }
    if (base !== this.querySetVersion) {
      return this.fatal(
        `ModifyQuerySet baseVersion ${base} does not match server version ${this.querySetVersion}`,
      );
    }
    const removed: Modification[] = [];
    const added: number[] = [];
    for (const m of mods as ClientMessage[]) {
      if (m.type === "Add" && typeof m.queryId === "number" && typeof m.udfPath === "string") {
        const args = Array.isArray(m.args) ? ((m.args[0] ?? {}) as JSONValue) : {};
        const previous = this.queries.get(m.queryId);
        if (previous) this.subscriptions.delete(previous.sub);
        const sub = { conn: this, queryId: m.queryId };
        this.queries.set(m.queryId, {
          udfPath: m.udfPath,
          args,
          lastResult: null,
          journal: typeof m.journal === "string" ? m.journal : null,
          sub,
          snapshotTs: 0n,
          staleAt: null,
        });
        added.push(m.queryId);
      } else if (m.type === "Remove" && typeof m.queryId === "number") {
        const previous = this.queries.get(m.queryId);
        if (previous) this.subscriptions.delete(previous.sub);
        this.queries.delete(m.queryId);
        this.dirty.delete(m.queryId);
        this.touched.delete(m.queryId);
        removed.push({ type: "QueryRemoved", queryId: m.queryId });
      } else {
        return this.fatal("Malformed query set modification");
      }
    }
    await this.transition({ querySet: next }, added, removed);
  }

  private async authenticate(msg: ClientMessage): Promise<void> {
    const baseVersion = msg.baseVersion;
    if (typeof baseVersion !== "number") return this.fatal("Malformed Authenticate message");
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    if (msg.tokenType === "None") {
      this.identity = null;
    } else if (msg.tokenType === "User" && typeof msg.value === "string") {
      const token = msg.value;
      try {
        this.identity = await this.verifier().verify(token);
      } catch (e) {
        const error = e instanceof AuthFailure ? e.message : `Auth check failed: ${String(e)}`;
        this.log.info(`auth refused on WebSocket: ${error}`);
        this.send({
          type: "AuthError",
          error,
          baseVersion: this.identityVersion,
          authUpdateAttempted: true,
        });
        return;
      }
      // Like Convex, a token that expires while connected is reported so the client refetches.
      const left = secondsUntilExpiry(token);
      if (left !== null) {
        this.expiryTimer = setTimeout(
          () => this.enqueue(() => this.tokenExpired()),
          Math.max(0, left * 1000),
        );
      }
    } else {
      this.send({
        type: "AuthError",
        error: `Unsupported token type ${JSON.stringify(msg.tokenType)}`,
        baseVersion: this.identityVersion,
        authUpdateAttempted: true,
      });
      return;
    }
    await this.transition({ identity: this.identityVersion + 1 }, [...this.queries.keys()]);
  }

  private async tokenExpired(): Promise<void> {
    this.send({
      type: "AuthError",
      error: "Token expired",
      baseVersion: this.identityVersion,
      authUpdateAttempted: false,
    });
  }

  /**
   * Runs `rerun` and the dirty queries, and sends one Transition from the current version to
   * the new one, containing only changed results (plus `extra`). Every result the client holds
   * after it is valid at the Transition's timestamp, which is either the latest commit (no query
   * left dirty) or, when commits keep touching this connection's queries while it runs them,
   * the instant just before the earliest such commit: Convex's own rule (a Transition carries a
   * timestamp at which every result is consistent), and what keeps a device that writes
   * continuously from waiting for its writes to stop before it sees any of them (all 1 500
   * mutations of the throughput bench resolved at the very end before). Always sent: the
   * client resolves a mutation only once it has seen a Transition at or after its commit.
   */
  private async transition(
    change: { querySet?: number; identity?: number },
    rerun: number[],
    extra: Modification[] = [],
  ): Promise<void> {
    if (this.closed) return;
    for (const id of rerun) {
      const q = this.queries.get(id);
      if (q) q.staleAt = 0n;
      this.dirty.add(id);
    }
    const results = new Map<number, Modification>();
    // Newest snapshot behind a result sent in this Transition.
    let newest = this.ts;
    let ts: bigint | null = null;
    for (let round = 0; !this.closed; round++) {
      if (this.dirty.size === 0) {
        // Commits are reported synchronously, so with no query dirty every result is valid at
        // the latest commit timestamp, read in the same tick as the Transition is sent.
        ts = this.engine.commitTs > this.ts ? this.engine.commitTs : this.ts;
        break;
      }
      if (round > 0) {
        ts = this.consistentTs(newest);
        if (ts !== null) break;
      }
      const batch = [...this.dirty];
      this.dirty.clear();
      for (const queryId of batch) {
        const becauseOfCommit = this.touched.delete(queryId);
        const q = this.queries.get(queryId);
        if (!q) continue;
        if (becauseOfCommit) recordRerun();
        const mod = await this.runQuery(queryId, q);
        if (mod) results.set(queryId, mod);
        if (q.snapshotTs > newest) newest = q.snapshotTs;
      }
    }
    if (this.closed || ts === null) return;
    // Queries still dirty are run by the next Transition.
    if (this.dirty.size > 0) this.queueRefresh();
    const modifications: Modification[] = [...extra, ...results.values()];
    const startVersion = {
      querySet: this.querySetVersion,
      identity: this.identityVersion,
      ts: encodeTs(this.ts),
    };
    this.querySetVersion = change.querySet ?? this.querySetVersion;
    this.identityVersion = change.identity ?? this.identityVersion;
    this.ts = ts;
    const endVersion = {
      querySet: this.querySetVersion,
      identity: this.identityVersion,
      ts: encodeTs(this.ts),
    };
    this.send({ type: "Transition", startVersion, endVersion, modifications });
  }

  /**
   * A timestamp at which every result this connection's client will hold is valid, given that
   * some queries are dirty again: just before the earliest commit that made one stale, if that
   * is no earlier than the newest snapshot among the results (and the last Transition). Null
   * when there is none (a query that has to run first, or results too far apart).
   */
  private consistentTs(newest: bigint): bigint | null {
    let earliest: bigint | null = null;
    for (const id of this.dirty) {
      const staleAt = this.queries.get(id)?.staleAt ?? 0n;
      if (earliest === null || staleAt < earliest) earliest = staleAt;
    }
    if (earliest === null) return null;
    const ts = earliest - 1n;
    return ts >= newest && ts >= this.ts ? ts : null;
  }

  private async runQuery(queryId: number, q: QueryState): Promise<Modification | null> {
    const started = performance.now();
    let mod: Modification;
    let key: string;
    const epoch = this.epoch;
    try {
      const { udfPath } = await this.engine.resolve(q.udfPath, "query", true);
      const { outcome, reads, snapshotTs, journal } = await this.engine.runTrackedQuery(
        udfPath,
        q.args,
        this.identity,
        q.journal,
      );
      // Removed or replaced while it ran: its result and reads belong to nobody.
      if (this.queries.get(queryId) !== q || this.closed) return null;
      if (outcome.ok) q.journal = journal;
      q.snapshotTs = snapshotTs ?? this.engine.commitTs;
      q.staleAt = this.subscriptions.set(q.sub, reads, snapshotTs);
      if (epoch !== this.epoch) q.staleAt = 0n;
      if (q.staleAt !== null) {
        // A commit after its snapshot touched what it read: run it again.
        this.dirty.add(queryId);
        this.touched.add(queryId);
      } else {
        // Marked dirty by commits this run already saw (it waited for its turn after them).
        this.dirty.delete(queryId);
        this.touched.delete(queryId);
      }
      if (!outcome.ok) throw outcome.error;
      const value = outcome.value;
      key = `ok:${JSON.stringify(value)}`;
      mod = {
        type: "QueryUpdated",
        queryId,
        value,
        logLines: [],
        journal: q.journal,
      };
    } catch (e) {
      const { message, data } = describeError(e, newRequestId());
      key = `err:${message.replace(/^\[Request ID: [^\]]*\] /, "")}:${JSON.stringify(data)}`;
      mod = {
        type: "QueryFailed",
        queryId,
        errorMessage: message,
        ...(data !== undefined ? { errorData: data } : {}),
        logLines: [],
        journal: null,
      };
    }
    if (key === q.lastResult) return null;
    const first = q.lastResult === null;
    q.lastResult = key;
    // Subscription re-runs are not logged when they succeed: one line per subscriber per commit
    // would drown the log.
    if (first || mod.type === "QueryFailed") {
      this.log.call("query", q.udfPath, mod.type === "QueryUpdated", performance.now() - started);
    }
    return mod;
  }

  /**
   * Runs a mutation or action and answers it once what it did is on disk. For a mutation the
   * returned promise settles as soon as it has run, before that answer: the client's next
   * mutation may run meanwhile (still in order), and the commit log, being sequential, makes
   * this one durable no later than the next, so answers still arrive in order. Waiting for the
   * disk between one client's mutations left the backend idle a third of the time under load.
   */
  private async runRequest(type: "Mutation" | "Action", msg: ClientMessage): Promise<void> {
    const requestId = msg.requestId;
    const responseType = type === "Mutation" ? "MutationResponse" : "ActionResponse";
    if (typeof requestId !== "number" || typeof msg.udfPath !== "string") {
      return this.fatal(`Malformed ${type} message`);
    }
    const udfPathAsSent = msg.udfPath;
    const kind = type === "Mutation" ? "mutation" : "action";
    const args = Array.isArray(msg.args) ? ((msg.args[0] ?? {}) as JSONValue) : {};
    // Identity as of the moment the request arrived, as Convex binds it.
    const identity = this.identity;
    const started = performance.now();
    const fail = (e: unknown) => {
      const { message, data } = describeError(e, newRequestId());
      this.log.call(kind, udfPathAsSent, false, performance.now() - started, message.split("\n")[1]);
      this.send({
        type: responseType,
        requestId,
        success: false,
        result: message,
        ...(data !== undefined ? { errorData: data } : {}),
        logLines: [],
      });
    };
    let udfPath: string;
    try {
      ({ udfPath } = await this.engine.resolve(udfPathAsSent, kind, true));
    } catch (e) {
      return fail(e);
    }
    const { outcome, durable } = await this.engine.execute(kind, udfPath, args, identity);
    const answer = async () => {
      try {
        await durable;
      } catch (e) {
        return fail(e);
      }
      if (!outcome.ok) return fail(outcome.error);
      const { value, commitTs } = outcome.result;
      this.log.call(kind, udfPath, true, performance.now() - started);
      if (type === "Mutation") {
        this.send({
          type: responseType,
          requestId,
          success: true,
          result: value,
          ts: encodeTs(commitTs ?? this.engine.commitTs),
          logLines: [],
        });
        // The client resolves the mutation only on a Transition at or after its ts that arrives
        // after this response; the refresh queued by the commit may already have been sent.
        this.queueRefresh();
      } else {
        this.send({
          type: responseType,
          requestId,
          success: true,
          result: value,
          logLines: [],
        });
      }
    };
    if (type === "Mutation") void answer();
    else await answer();
  }
}
