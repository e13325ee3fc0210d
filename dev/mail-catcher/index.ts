// The Resend-compatible mail catcher: accepts `POST /emails` (and `/emails/batch`) exactly as the
// `resend` SDK sends them when `RESEND_BASE_URL` points here, keeps the messages (in memory, and
// in `storeDir` if given), and shows them on a web page and through a JSON API for tests.
// Loopback only, by bind address and for every request by connection and `Host` header (so a page
// using DNS rebinding cannot read the caught magic links; dev/loopback.ts). A production
// deployment never sets `RESEND_BASE_URL`, so it is never used there.
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { join } from "node:path";
import { closeServer, listen, readBody, urlHost } from "../http";
import { refuseNonLoopback } from "../loopback";
import {
  isAddressedTo,
  validateEmail,
  type CaughtMessage,
  type ResendError,
} from "./messages";
import {
  inboxPage,
  messageHtmlDocument,
  messagePage,
  notFoundPage,
} from "./pages";

export type { CaughtMessage } from "./messages";

export interface MailCatcherOptions {
  /** Port to bind; 0 picks a free one (tests). */
  port: number;
  /** Bind address; loopback by default. */
  host?: string;
  /** Also keep each message as `<id>.json` here (e.g. `.dev/mail`), reloaded on the next start. */
  storeDir?: string;
  /** Called once per caught message, e.g. to log "mail to x: subject". */
  onMessage?: (message: CaughtMessage) => void;
}

export interface MailCatcher {
  /** Base URL: the value for `RESEND_BASE_URL`, and the inbox page. */
  url: string;
  close(): Promise<void>;
}

const PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'",
  "X-Content-Type-Options": "nosniff",
};

// The caught HTML is untrusted: no scripts, no same-origin access, links may leave the frame.
const MESSAGE_HTML_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Content-Security-Policy":
    "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; img-src data: http: https:; style-src 'unsafe-inline'; font-src data: http: https:",
  "X-Content-Type-Options": "nosniff",
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
  });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: ResendError): void {
  sendJson(res, error.statusCode, error);
}

async function loadStored(dir: string): Promise<CaughtMessage[]> {
  await mkdir(dir, { recursive: true });
  const messages: CaughtMessage[] = [];
  for (const file of await readdir(dir)) {
    if (!file.endsWith(".json")) continue;
    try {
      messages.push(
        JSON.parse(await readFile(join(dir, file), "utf8")) as CaughtMessage,
      );
    } catch {
      // A half-written file from a crash: skip it rather than refuse to start.
    }
  }
  return messages.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function startMailCatcher(
  options: MailCatcherOptions,
): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  // Oldest first; pages and API reverse it.
  const messages: CaughtMessage[] = options.storeDir
    ? await loadStored(options.storeDir)
    : [];
  const idempotency = new Map<string, string[]>();

  async function keep(
    input: Omit<CaughtMessage, "id" | "createdAt">,
  ): Promise<CaughtMessage> {
    const message: CaughtMessage = {
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      ...input,
    };
    messages.push(message);
    if (options.storeDir) {
      await writeFile(
        join(options.storeDir, `${message.id}.json`),
        JSON.stringify(message, null, 2),
      );
    }
    options.onMessage?.(message);
    return message;
  }

  function newestFirst(to: string | null): CaughtMessage[] {
    const list = to ? messages.filter((m) => isAddressedTo(m, to)) : messages;
    return [...list].reverse();
  }

  async function clear(): Promise<void> {
    messages.length = 0;
    idempotency.clear();
    if (options.storeDir) {
      await rm(options.storeDir, { recursive: true, force: true });
      await mkdir(options.storeDir, { recursive: true });
    }
  }

  /** Resend's API surface: bearer key required, JSON bodies, Resend-shaped errors. */
  async function handleResendApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ) {
    const auth = req.headers.authorization ?? "";
    if (!/^Bearer\s+\S+/.test(auth)) {
      sendError(res, {
        statusCode: 401,
        name: "missing_api_key",
        message:
          "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY",
      });
      return;
    }

    if (req.method === "GET" && path.startsWith("/emails/")) {
      const message = messages.find(
        (m) => m.id === path.slice("/emails/".length),
      );
      if (!message) {
        sendError(res, {
          statusCode: 404,
          name: "not_found",
          message: "Email not found",
        });
        return;
      }
      sendJson(res, 200, {
        object: "email",
        id: message.id,
        created_at: message.createdAt,
        from: message.from,
        to: message.to,
        cc: message.cc.length ? message.cc : null,
        bcc: message.bcc.length ? message.bcc : null,
        reply_to: message.replyTo.length ? message.replyTo : null,
        subject: message.subject,
        html: message.html,
        text: message.text,
        last_event: "delivered",
      });
      return;
    }
    if (
      req.method !== "POST" ||
      (path !== "/emails" && path !== "/emails/batch")
    ) {
      sendError(res, {
        statusCode: 405,
        name: "method_not_allowed",
        message: "Method not allowed",
      });
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      sendError(res, {
        statusCode: 422,
        name: "validation_error",
        message: "The request body is not valid JSON.",
      });
      return;
    }

    const key = req.headers["idempotency-key"];
    const idempotencyKey =
      typeof key === "string" && key ? `${path}:${key}` : undefined;
    const earlier = idempotencyKey
      ? idempotency.get(idempotencyKey)
      : undefined;
    const batch = path === "/emails/batch";
    if (earlier) {
      sendJson(
        res,
        200,
        batch ? { data: earlier.map((id) => ({ id })) } : { id: earlier[0] },
      );
      return;
    }

    const items = batch ? body : [body];
    if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
      sendError(res, {
        statusCode: 422,
        name: "validation_error",
        message: "A batch must be a JSON array of 1 to 100 emails.",
      });
      return;
    }
    // Validate every e-mail before keeping any, as Resend's strict batch mode does.
    const valid: Omit<CaughtMessage, "id" | "createdAt">[] = [];
    for (const [index, item] of items.entries()) {
      const result = validateEmail(item);
      if (!result.ok) {
        const prefix = batch ? `emails[${index}]: ` : "";
        sendError(res, {
          ...result.error,
          message: prefix + result.error.message,
        });
        return;
      }
      valid.push(result.message);
    }
    const ids: string[] = [];
    for (const message of valid) ids.push((await keep(message)).id);
    if (idempotencyKey) idempotency.set(idempotencyKey, ids);
    sendJson(
      res,
      200,
      batch ? { data: ids.map((id) => ({ id })) } : { id: ids[0] },
    );
  }

  /** The JSON API for tests: `/api/messages[?to=]`, `/api/messages/latest?to=`, DELETE. */
  async function handleTestApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ) {
    const to = url.searchParams.get("to");
    if (url.pathname === "/api/messages" && req.method === "GET") {
      sendJson(res, 200, newestFirst(to));
    } else if (url.pathname === "/api/messages" && req.method === "DELETE") {
      await clear();
      res.writeHead(204).end();
    } else if (
      url.pathname === "/api/messages/latest" &&
      req.method === "GET"
    ) {
      const latest = newestFirst(to)[0];
      if (latest) sendJson(res, 200, latest);
      else
        sendJson(res, 404, {
          error: to ? `No message to ${to}.` : "No messages.",
        });
    } else if (
      url.pathname.startsWith("/api/messages/") &&
      req.method === "GET"
    ) {
      const message = messages.find(
        (m) => m.id === url.pathname.slice("/api/messages/".length),
      );
      if (message) sendJson(res, 200, message);
      else sendJson(res, 404, { error: "No such message." });
    } else {
      sendJson(res, 404, { error: "Not found." });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // Every route: the pages and test API show magic links, and `POST /emails` must not take
    // mail from a rebinding page either.
    if (refuseNonLoopback(req, res)) return;
    const url = new URL(req.url ?? "/", "http://local");
    const path = url.pathname;
    if (path === "/emails" || path.startsWith("/emails/"))
      return handleResendApi(req, res, path);
    if (path.startsWith("/api/")) return handleTestApi(req, res, url);

    if (path === "/" && req.method === "GET") {
      res.writeHead(200, PAGE_HEADERS).end(inboxPage(newestFirst(null)));
      return;
    }
    if (path === "/clear" && req.method === "POST") {
      await readBody(req);
      await clear();
      res.writeHead(303, { Location: "/" }).end();
      return;
    }
    const match = /^\/messages\/([0-9a-f-]+)(\/html)?$/.exec(path);
    const message = match ? messages.find((m) => m.id === match[1]) : undefined;
    if (message && req.method === "GET") {
      if (match?.[2])
        res
          .writeHead(200, MESSAGE_HTML_HEADERS)
          .end(messageHtmlDocument(message));
      else res.writeHead(200, PAGE_HEADERS).end(messagePage(message));
      return;
    }
    res.writeHead(404, PAGE_HEADERS).end(notFoundPage());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendError(res, {
          statusCode: 500,
          name: "application_error",
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  });
  const port = await listen(server, "mail catcher", options.port, host);
  return {
    url: `http://${urlHost(host)}:${port}`,
    close: () => closeServer(server),
  };
}
