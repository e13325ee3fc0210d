// Read-only data browser served at the deployment URL's root: tables with counts, a table's
// documents newest first, and one document's fields. Plain server-rendered HTML, no scripts.
// Credential columns are masked: the page is for looking at data, not for lifting sessions.
import { convexToJson, type Value } from "convex/values";
import type { Engine } from "./engine";

const PAGE_SIZE = 100;

// Bearer credentials Auth.js keeps in Convex: `sessions.sessionToken` is the session cookie's
// value, `accounts.access_token` / `refresh_token` / `id_token` act as the user at the provider,
// `verificationTokens.token` (a hash of the e-mailed one) is no one's business either. Matched by
// field name in every table, so a new `…Token`, `…_token`, `…Secret` or `…Password` column is
// hidden without anyone remembering to list it here (`token_type` and ids are not).
const CREDENTIAL_FIELD = /(token|secret|password)$/i;
const SHOWN_SUFFIX = 4;

/** `••••` plus the last 4 characters of a long string (enough to match a cookie), else `••••`. */
export function maskCredential(value: Value): Value {
  if (value === null) return null;
  return typeof value === "string" && value.length >= 16
    ? `••••${value.slice(-SHOWN_SUFFIX)}`
    : "••••";
}

/** The document as the data browser may show it: credential fields masked. */
export function maskDocument(doc: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(doc).map(([k, v]) => [k, CREDENTIAL_FIELD.test(k) ? maskCredential(v) : v]),
  );
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function show(v: Value): string {
  return JSON.stringify(convexToJson(v), null, 2);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
pre{margin:0;white-space:pre-wrap;max-width:60rem}a{color:#0550ae}</style></head>
<body><p><a href="/">Local Convex backend</a> · read-only data browser</p>${body}</body></html>`;
}

export function renderBrowser(engine: Engine, params: URLSearchParams): string {
  const table = params.get("table");
  const id = params.get("id");
  if (table === null) {
    const rows = engine
      .tables()
      .map(
        (t) =>
          `<tr><td><a href="/?table=${encodeURIComponent(t.name)}">${esc(t.name)}</a></td><td>${t.count}</td></tr>`,
      )
      .join("");
    return page(
      "Tables",
      `<h1>Tables</h1>${rows ? `<table><tr><th>table</th><th>documents</th></tr>${rows}</table>` : "<p>The database is empty.</p>"}`,
    );
  }
  const docs = engine
    .documents(table)
    .map(maskDocument)
    .sort((a, b) => (b._creationTime as number) - (a._creationTime as number));
  if (id !== null) {
    const doc = docs.find((d) => d._id === id);
    if (!doc) return page("Not found", `<h1>${esc(table)}</h1><p>No document ${esc(id)}.</p>`);
    const fields = Object.entries(doc)
      .map(([k, v]) => `<tr><th>${esc(k)}</th><td><pre>${esc(show(v))}</pre></td></tr>`)
      .join("");
    return page(
      `${table} ${id}`,
      `<h1><a href="/?table=${encodeURIComponent(table)}">${esc(table)}</a> / ${esc(id)}</h1><table>${fields}</table>`,
    );
  }
  const rows = docs
    .slice(0, PAGE_SIZE)
    .map((d) => {
      const { _id, _creationTime, ...rest } = d;
      return `<tr><td><a href="/?table=${encodeURIComponent(table)}&amp;id=${encodeURIComponent(String(_id))}">${esc(String(_id))}</a></td><td>${esc(new Date(_creationTime as number).toISOString())}</td><td><pre>${esc(JSON.stringify(convexToJson(rest as Value)))}</pre></td></tr>`;
    })
    .join("");
  return page(
    table,
    `<h1>${esc(table)}</h1><p>${docs.length} documents, newest first${docs.length > PAGE_SIZE ? ` (first ${PAGE_SIZE} shown)` : ""}.</p><table><tr><th>_id</th><th>_creationTime</th><th>fields</th></tr>${rows}</table>`,
  );
}
