// Read-only data browser served at the deployment URL's root, modelled on the Convex dashboard's
// Data page: tables with counts; a table as columns, filtered by a field's value, sorted by any
// field, paginated; one document as JSON with its references linked (`userId` → that user) and
// the documents that point at it; optional live refresh. Plain server-rendered HTML with no
// scripts (live refresh is a meta refresh), served only to this machine (http-api.ts).
// Credential columns are masked, and cannot be filtered or sorted on (that would be an oracle):
// the page is for looking at data, not for lifting sessions.
import { convexToJson, type Value } from "convex/values";
import type { Engine } from "./engine";

export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;
const LIVE_REFRESH_SECONDS = 2;
const CELL_CHARS = 80;

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

type Doc = Record<string, Value>;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Reads `a.b.c` from a document (undefined when absent). */
function fieldValue(doc: Doc, field: string): Value | undefined {
  let v: Value | undefined = doc;
  for (const part of field.split(".")) {
    if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof ArrayBuffer) {
      return undefined;
    }
    v = (v as Record<string, Value>)[part];
  }
  return v;
}

function isCredentialPath(field: string): boolean {
  return field.split(".").some((part) => CREDENTIAL_FIELD.test(part));
}

/** The text a value is filtered by: a string as itself, anything else as Convex JSON. */
function filterText(v: Value | undefined): string {
  if (v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(convexToJson(v));
}

// Convex's order of types: undefined < null < numbers < booleans < strings < bytes < arrays <
// objects; within a type, by value.
function typeRank(v: Value | undefined): number {
  if (v === undefined) return 0;
  if (v === null) return 1;
  if (typeof v === "bigint" || typeof v === "number") return 2;
  if (typeof v === "boolean") return 3;
  if (typeof v === "string") return 4;
  if (v instanceof ArrayBuffer) return 5;
  if (Array.isArray(v)) return 6;
  return 7;
}

export function compareValues(a: Value | undefined, b: Value | undefined): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 2) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  if (ra === 3) return Number(a) - Number(b);
  if (ra === 4) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (ra <= 1) return 0;
  const ja = JSON.stringify(convexToJson(a as Value));
  const jb = JSON.stringify(convexToJson(b as Value));
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/** The table a document id belongs to (ids here are `<counter><table>`), if it exists. */
class References {
  private ids = new Map<string, Set<string>>();
  constructor(private readonly engine: Pick<Engine, "tables" | "documents">) {}

  private tableIds(table: string): Set<string> {
    let ids = this.ids.get(table);
    if (!ids) {
      ids = new Set(this.engine.documents(table).map((d) => String(d._id)));
      this.ids.set(table, ids);
    }
    return ids;
  }

  tableOf(value: Value | undefined): string | null {
    if (typeof value !== "string") return null;
    const m = /^\d+([A-Za-z_][A-Za-z0-9_]*)$/.exec(value);
    if (!m) return null;
    return this.tableIds(m[1]).has(value) ? m[1] : null;
  }
}

/** The browser's URL state; links are built from it so filters and sort survive paging. */
type View = {
  table: string;
  field: string;
  value: string;
  sort: string;
  dir: "asc" | "desc";
  page: number;
  size: number;
  live: boolean;
};

function viewFrom(params: URLSearchParams, table: string): View {
  const size = Number(params.get("size"));
  const page = Number(params.get("page"));
  return {
    table,
    field: params.get("field")?.trim() ?? "",
    value: params.get("value") ?? "",
    sort: params.get("sort")?.trim() || "_creationTime",
    dir: params.get("dir") === "asc" ? "asc" : "desc",
    page: Number.isInteger(page) && page > 0 ? page : 1,
    size: Number.isInteger(size) && size > 0 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE,
    live: params.get("live") === "1",
  };
}

function href(view: View, change: Partial<View> = {}): string {
  const v = { ...view, ...change };
  const p = new URLSearchParams({ table: v.table });
  if (v.field) p.set("field", v.field);
  if (v.field) p.set("value", v.value);
  if (v.sort !== "_creationTime") p.set("sort", v.sort);
  if (v.dir !== "desc") p.set("dir", v.dir);
  if (v.page !== 1) p.set("page", String(v.page));
  if (v.size !== DEFAULT_PAGE_SIZE) p.set("size", String(v.size));
  if (v.live) p.set("live", "1");
  return attrUrl(p);
}

function docHref(table: string, id: string, live = false): string {
  return attrUrl(new URLSearchParams({ table, id, ...(live ? { live: "1" } : {}) }));
}

/** A link to this page: URLSearchParams percent-encodes everything but `&` and `=`. */
function attrUrl(params: URLSearchParams): string {
  return `/?${params.toString().replace(/&/g, "&amp;")}`;
}

function page(title: string, body: string, live: { on: boolean; toggle: string } | null): string {
  const refresh = live?.on ? `<meta http-equiv="refresh" content="${LIVE_REFRESH_SECONDS}">` : "";
  const toggle = live
    ? ` · <a href="${live.toggle}">${live.on ? "Stop live refresh" : "Live refresh"}</a>${
        live.on
          ? ` (every ${LIVE_REFRESH_SECONDS} s, updated ${new Date().toISOString().slice(11, 19)} UTC)`
          : ""
      }`
    : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh}<title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th a{color:inherit}pre{margin:0;white-space:pre-wrap;max-width:60rem}a{color:#0550ae}
form{margin:1rem 0}input,select,button{font:inherit}.muted{color:#666}</style></head>
<body><p><a href="/">Local Convex backend</a> · read-only data browser${toggle}</p>${body}</body></html>`;
}

/** A cell: compact JSON, cut to 80 characters; a reference to a document is a link to it. */
function cell(v: Value | undefined, refs: References, live: boolean): string {
  if (v === undefined) return `<span class="muted">unset</span>`;
  const target = refs.tableOf(v);
  if (target) return `<a href="${docHref(target, v as string, live)}">${esc(v as string)}</a>`;
  const text = typeof v === "string" ? v : JSON.stringify(convexToJson(v));
  return esc(text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS - 1)}…` : text);
}

/** Pretty JSON whose strings that are document ids link to those documents. */
function jsonWithLinks(v: Value, refs: References, indent = ""): string {
  const inner = `${indent}  `;
  if (typeof v === "string") {
    const target = refs.tableOf(v);
    const quoted = esc(JSON.stringify(v));
    return target ? `<a href="${docHref(target, v)}">${quoted}</a>` : quoted;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => inner + jsonWithLinks(x, refs, inner)).join(",\n")}\n${indent}]`;
  }
  if (v !== null && typeof v === "object" && !(v instanceof ArrayBuffer)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return "{}";
    return `{\n${entries
      .map(([k, x]) => `${inner}${esc(JSON.stringify(k))}: ${jsonWithLinks(x, refs, inner)}`)
      .join(",\n")}\n${indent}}`;
  }
  return esc(JSON.stringify(convexToJson(v)));
}

function renderTables(engine: Pick<Engine, "tables">): string {
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
    null,
  );
}

function renderDocument(
  engine: Pick<Engine, "tables" | "documents">,
  table: string,
  id: string,
  live: boolean,
): string {
  const refs = new References(engine);
  const found = engine.documents(table).find((d) => d._id === id);
  const toggle = docHref(table, id, !live);
  if (!found) {
    return page(
      "Not found",
      `<h1><a href="/?table=${encodeURIComponent(table)}">${esc(table)}</a></h1><p>No document ${esc(id)}.</p>`,
      { on: live, toggle },
    );
  }
  const doc = maskDocument(found);
  // Documents elsewhere whose top-level field holds this id (e.g. sessions.userId → this user).
  const backlinks: string[] = [];
  for (const t of engine.tables()) {
    const counts = new Map<string, number>();
    for (const other of engine.documents(t.name)) {
      for (const [field, value] of Object.entries(other)) {
        if (field !== "_id" && value === id) counts.set(field, (counts.get(field) ?? 0) + 1);
      }
    }
    for (const [field, n] of counts) {
      const view = viewFrom(new URLSearchParams(), t.name);
      backlinks.push(
        `<li><a href="${href(view, { field, value: id })}">${esc(t.name)} where ${esc(field)} = this</a> (${n})</li>`,
      );
    }
  }
  return page(
    `${table} ${id}`,
    `<h1><a href="/?table=${encodeURIComponent(table)}">${esc(table)}</a> / ${esc(id)}</h1>
<pre>${jsonWithLinks(doc, refs)}</pre>
${backlinks.length ? `<h2>Referenced by</h2><ul>${backlinks.join("")}</ul>` : ""}`,
    { on: live, toggle },
  );
}

function renderTable(engine: Pick<Engine, "tables" | "documents">, asked: View): string {
  const refs = new References(engine);
  const refusal =
    (asked.field && isCredentialPath(asked.field)) || isCredentialPath(asked.sort)
      ? "Credential fields cannot be filtered or sorted on: that would reveal them one guess at a time."
      : null;
  // A refused request is not echoed back either (links, the form): show the plain table.
  const view: View = refusal
    ? { ...asked, field: "", value: "", sort: "_creationTime", dir: "desc", page: 1 }
    : asked;
  const all = engine.documents(view.table);
  let docs = all;
  if (view.field) {
    docs = docs.filter((d) => filterText(fieldValue(d, view.field)) === view.value);
  }
  const sort = view.sort;
  const sign = view.dir === "asc" ? 1 : -1;
  docs = [...docs].sort(
    (a, b) =>
      sign * compareValues(fieldValue(a, sort), fieldValue(b, sort)) ||
      sign * compareValues(a._creationTime, b._creationTime),
  );
  const pages = Math.max(1, Math.ceil(docs.length / view.size));
  const current = Math.min(view.page, pages);
  const shown = docs.slice((current - 1) * view.size, current * view.size).map(maskDocument);

  const columns = ["_id"];
  for (const d of shown) {
    for (const k of Object.keys(d))
      if (!columns.includes(k) && k !== "_creationTime") columns.push(k);
  }
  columns.push("_creationTime");
  const header = columns
    .map((c) => {
      const sorted = c === sort;
      const arrow = sorted ? (view.dir === "asc" ? " ▲" : " ▼") : "";
      const nextDir = sorted && view.dir === "asc" ? "desc" : "asc";
      if (CREDENTIAL_FIELD.test(c)) return `<th>${esc(c)}</th>`;
      return `<th><a href="${href(view, { sort: c, dir: nextDir, page: 1 })}">${esc(c)}${arrow}</a></th>`;
    })
    .join("");
  const rows = shown
    .map((d) => {
      const cells = columns.map((c) => {
        if (c === "_id") {
          return `<td><a href="${docHref(view.table, String(d._id), view.live)}">${esc(String(d._id))}</a></td>`;
        }
        if (c === "_creationTime") {
          return `<td>${esc(new Date(d._creationTime as number).toISOString())}</td>`;
        }
        return `<td>${cell(d[c], refs, view.live)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("");

  const fieldOptions = [...new Set(all.flatMap((d) => Object.keys(d)))]
    .filter((f) => !CREDENTIAL_FIELD.test(f))
    .sort()
    .map((f) => `<option${f === view.field ? " selected" : ""}>${esc(f)}</option>`)
    .join("");
  const form = `<form method="get" action="/"><input type="hidden" name="table" value="${esc(view.table)}">
<label>Filter: <select name="field"><option value="">(no filter)</option>${fieldOptions}</select></label>
<label> = <input name="value" value="${esc(view.value)}" placeholder="value"></label>
<input type="hidden" name="sort" value="${esc(sort)}"><input type="hidden" name="dir" value="${view.dir}">
${view.live ? `<input type="hidden" name="live" value="1">` : ""}<button type="submit">Apply</button>
${view.field ? ` <a href="${href(view, { field: "", value: "", page: 1 })}">Clear filter</a>` : ""}</form>`;

  const first = docs.length === 0 ? 0 : (current - 1) * view.size + 1;
  const last = Math.min(current * view.size, docs.length);
  const filtered =
    view.field && !refusal ? ` where ${esc(view.field)} = ${esc(JSON.stringify(view.value))}` : "";
  const nav = [
    current > 1
      ? `<a href="${href(view, { page: current - 1 })}" rel="prev">Previous page</a>`
      : "",
    current < pages
      ? `<a href="${href(view, { page: current + 1 })}" rel="next">Next page</a>`
      : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const summary = `<p>${docs.length} of ${all.length} documents${filtered}, sorted by ${esc(sort)} ${view.dir === "asc" ? "ascending" : "descending"}; showing ${first}–${last} (page ${current} of ${pages}).${nav ? ` ${nav}` : ""}</p>`;
  return page(
    view.table,
    `<h1>${esc(view.table)}</h1>${refusal ? `<p role="alert">${esc(refusal)}</p>` : ""}${form}${summary}
<table><tr>${header}</tr>${rows}</table>`,
    { on: view.live, toggle: href(view, { live: !view.live }) },
  );
}

export function renderBrowser(
  engine: Pick<Engine, "tables" | "documents">,
  params: URLSearchParams,
): string {
  const table = params.get("table");
  const id = params.get("id");
  if (table === null) return renderTables(engine);
  if (id !== null) return renderDocument(engine, table, id, params.get("live") === "1");
  return renderTable(engine, viewFrom(params, table));
}
