// HTTP side of the local backend. Deployment port: the JSON API `ConvexHttpClient` uses
// (/api/query, /api/query_ts, /api/query_at_ts, /api/mutation, /api/action, /api/function),
// the version probe, and the local tools: the read-only data browser at `/` and `/_local/status`
// (for this machine only, by connection and Host header, and without CORS; dev/loopback.ts).
// Site port: HTTP actions from `convex/http.ts`.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";
import { refuseNonLoopback } from "../loopback";
import { AuthFailure, type TokenVerifier } from "./auth";
import { renderBrowser } from "./browser";
import { describeError, type Engine, type FunctionKind } from "./engine";
import type { Logger } from "./log";
import type { StatsReport } from "./stats";
import { encodeTs, newRequestId } from "./sync";

export const MAX_BODY_BYTES = 16 * 1024 * 1024;
// Convex's status for "the function ran and failed"; the client reads the JSON body.
const STATUS_UDF_FAILED = 560;
export const SERVER_VERSION = "convex-local 1.48.0";

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, "RequestTooLarge", `Request body exceeds ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, "RequestTooLarge", `Request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

function cors(res: ServerResponse): void {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, Convex-Client");
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export type ReloadStatus = {
  reloads: number;
  lastError: string | null;
  /** Function calls per path since start (HTTP, WebSocket, scheduled, cron). */
  calls: Record<string, number>;
  /** What the last start recovered from the commit log. */
  storage: { replayedCommits: number; droppedTail: string | null };
} & StatsReport;

export type ApiContext = {
  engine: Engine;
  verifier: () => TokenVerifier;
  log: Logger;
  /** Hot reload outcome, served at GET /_local/status for tools and tests. */
  status: () => ReloadStatus;
  /** Tests only (`ServerOptions.adminKey`): the key that may call internal functions. */
  adminKey?: string | null;
};

/** Who calls: a verified token's identity, nobody, or (tests only) the admin key's holder. */
type Caller = { identity: UserIdentity | null; admin: boolean };

/** Equal strings, compared without an early exit (hashes have one length). */
function sameKey(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function callerFromHeader(ctx: ApiContext, header: string | undefined): Promise<Caller> {
  const admin = /^Convex\s+(.+)$/.exec(header ?? "");
  if (admin && ctx.adminKey) {
    if (!sameKey(admin[1].trim(), ctx.adminKey)) {
      throw new HttpError(401, "BadAdminKey", "The admin key is wrong");
    }
    return { identity: null, admin: true };
  }
  return { identity: await identityFromHeader(ctx, header), admin: false };
}

async function identityFromHeader(
  ctx: ApiContext,
  header: string | undefined,
): Promise<UserIdentity | null> {
  if (!header) return null;
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m) {
    throw new HttpError(
      401,
      "InvalidAuthHeader",
      "Authorization header must be `Bearer <token>`; admin keys are not supported by the local backend (tests may start one with `adminKey`)",
    );
  }
  try {
    return await ctx.verifier().verify(m[1].trim());
  } catch (e) {
    const message = e instanceof AuthFailure ? e.message : String(e);
    throw new HttpError(401, "Unauthenticated", message);
  }
}

const FUNCTION_ENDPOINTS: Record<string, FunctionKind | "any"> = {
  "/api/query": "query",
  "/api/query_at_ts": "query",
  "/api/mutation": "mutation",
  "/api/action": "action",
  "/api/function": "any",
};

// Local tools rather than Convex's protocol: they show every document (and call counts, build
// errors) without auth, so unlike `/api/...` they get no CORS headers (another site's page must
// not read them) and answer only requests from and for this machine (DNS rebinding).
const LOCAL_TOOL_ROUTES = new Set(["/", "/browser", "/_local/status"]);

const BROWSER_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Content-Security-Policy":
    // The filter form submits to this page (GET); live refresh is a meta refresh, not a script.
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
};

export function deploymentHandler(ctx: ApiContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://local");
    const localTool = LOCAL_TOOL_ROUTES.has(url.pathname);
    if (localTool && refuseNonLoopback(req, res)) return;
    if (!localTool) cors(res);
    try {
      if (req.method === "OPTIONS") {
        res.writeHead(204);
        res.end();
        return;
      }
      if (url.pathname === "/version") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.end(SERVER_VERSION);
        return;
      }
      if (url.pathname === "/_local/status" && req.method === "GET") {
        sendJson(res, 200, ctx.status());
        return;
      }
      if (url.pathname === "/api/query_ts" && req.method === "POST") {
        await readBody(req);
        sendJson(res, 200, { ts: encodeTs(ctx.engine.commitTs) });
        return;
      }
      const kind = FUNCTION_ENDPOINTS[url.pathname];
      if (kind !== undefined) {
        if (req.method !== "POST") throw new HttpError(405, "MethodNotAllowed", "Use POST");
        await callFunction(ctx, req, res, kind);
        return;
      }
      if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/browser")) {
        res.writeHead(200, BROWSER_HEADERS);
        res.end(renderBrowser(ctx.engine, url.searchParams));
        return;
      }
      throw new HttpError(404, "NotFound", `No route for ${req.method ?? "GET"} ${url.pathname}`);
    } catch (e) {
      if (e instanceof HttpError) {
        sendJson(res, e.status, { code: e.code, message: e.message });
      } else {
        ctx.log.error(
          `internal error on ${url.pathname}: ${e instanceof Error ? e.stack : String(e)}`,
        );
        sendJson(res, 500, { code: "InternalServerError", message: String(e) });
      }
    }
  };
}

async function callFunction(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  kind: FunctionKind | "any",
): Promise<void> {
  const body = await readBody(req);
  let parsed: { path?: unknown; args?: unknown; format?: unknown };
  try {
    parsed = JSON.parse(body.toString("utf8")) as typeof parsed;
  } catch {
    throw new HttpError(400, "BadJsonBody", "Request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || typeof parsed.path !== "string") {
    throw new HttpError(400, "BadJsonBody", "Request body must be an object with a string `path`");
  }
  const rawArgs = Array.isArray(parsed.args) ? parsed.args[0] : parsed.args;
  const args = (rawArgs ?? {}) as JSONValue;
  // Verify the token before touching the function queue (auth discovery may call our own
  // HTTP actions).
  const { identity, admin } = await callerFromHeader(ctx, req.headers.authorization);
  const requestId = newRequestId();
  const started = performance.now();
  let resolvedKind: FunctionKind = kind === "any" ? "query" : kind;
  try {
    // Only the admin key (tests) reaches internal functions, as a deploy key does on Convex.
    const resolved = await ctx.engine.resolve(parsed.path, kind, !admin);
    resolvedKind = resolved.kind;
    const { value } = await ctx.engine.run(resolved.kind, resolved.udfPath, args, identity);
    ctx.log.call(resolved.kind, resolved.udfPath, true, performance.now() - started);
    sendJson(res, 200, { status: "success", value, logLines: [] });
  } catch (e) {
    const { message, data } = describeError(e, requestId);
    ctx.log.call(
      resolvedKind,
      parsed.path,
      false,
      performance.now() - started,
      message.split("\n")[1],
    );
    sendJson(res, STATUS_UDF_FAILED, {
      status: "error",
      errorMessage: message,
      ...(data !== undefined ? { errorData: data } : {}),
      logLines: [],
    });
  }
}

/** Site port: every request goes to the router in `convex/http.ts`. */
export function siteHandler(ctx: ApiContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const pathAndQuery = req.url ?? "/";
    try {
      if (!ctx.engine.hasModule("http")) {
        res.writeHead(404, { "Content-Type": "text/plain" });
        res.end("This project has no convex/http.ts");
        return;
      }
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      }
      // HTTP actions see the caller's identity when the token is valid; a bad token is not an
      // error here (the action decides), matching Convex.
      let identity: UserIdentity | null = null;
      try {
        identity = await identityFromHeader(ctx, req.headers.authorization);
      } catch {
        identity = null;
      }
      const response = await ctx.engine.fetchHttpAction(
        pathAndQuery,
        { method: req.method, headers, body: body ? new Uint8Array(body) : undefined },
        identity,
      );
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        out[k] = v;
      });
      const buf = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, out);
      res.end(buf);
      ctx.log.call(
        "http",
        `${req.method ?? "GET"} ${pathAndQuery}`,
        response.status < 500,
        performance.now() - started,
      );
    } catch (e) {
      if (e instanceof HttpError) {
        sendJson(res, e.status, { code: e.code, message: e.message });
        return;
      }
      const { message } = describeError(e, newRequestId());
      ctx.log.call(
        "http",
        `${req.method ?? "GET"} ${pathAndQuery}`,
        false,
        performance.now() - started,
        message.split("\n")[1],
      );
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(message);
    }
  };
}
