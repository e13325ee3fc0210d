// What the mail catcher stores: validation of a Resend `POST /emails` body (with Resend's error
// shapes), the caught message record, recipient matching and link extraction.

/** A caught e-mail, as the JSON API returns it. */
export interface CaughtMessage {
  id: string;
  createdAt: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  attachments: { filename: string | null; contentType: string | null }[];
  /** Every http(s) link in the message (HTML hrefs first, then bare URLs in the text). */
  links: string[];
}

/** Resend's error body: `{ statusCode, name, message }`. */
export interface ResendError {
  statusCode: number;
  name: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; message: Omit<CaughtMessage, "id" | "createdAt"> }
  | { ok: false; error: ResendError };

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const NAMED_ADDRESS = /^[^<>]*<\s*([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)\s*>$/;
const MAX_RECIPIENTS = 50;

/** The bare address of `a@b.c` or `Name <a@b.c>`, lowercased; undefined if neither. */
export function bareAddress(value: string): string | undefined {
  const trimmed = value.trim();
  if (ADDRESS.test(trimmed)) return trimmed.toLowerCase();
  const named = NAMED_ADDRESS.exec(trimmed);
  return named ? named[1].toLowerCase() : undefined;
}

function fail(name: string, message: string): ValidationResult {
  return { ok: false, error: { statusCode: 422, name, message } };
}

function addressList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string"))
    return value as string[];
  return undefined;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** Links a reader could click: hrefs in the HTML, then URLs written out in the text. */
export function extractLinks(
  html: string | null,
  text: string | null,
): string[] {
  const links: string[] = [];
  for (const match of (html ?? "").matchAll(/href\s*=\s*["']([^"']+)["']/gi)) {
    links.push(decodeEntities(match[1]));
  }
  for (const match of (text ?? "").matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
    links.push(match[0]);
  }
  return [...new Set(links.filter((l) => /^https?:\/\//i.test(l)))];
}

/** Checks a `POST /emails` body the way Resend does, with its error names and messages. */
export function validateEmail(body: unknown): ValidationResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return fail("validation_error", "The request body must be a JSON object.");
  }
  const input = body as Record<string, unknown>;

  if (input.from === undefined || input.from === "") {
    return fail("missing_required_field", "Missing `from` field.");
  }
  if (typeof input.from !== "string" || bareAddress(input.from) === undefined) {
    return fail(
      "validation_error",
      "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
    );
  }
  if (
    input.to === undefined ||
    input.to === "" ||
    (Array.isArray(input.to) && input.to.length === 0)
  ) {
    return fail("missing_required_field", "Missing `to` field.");
  }

  const lists: Record<"to" | "cc" | "bcc" | "reply_to", string[]> = {
    to: [],
    cc: [],
    bcc: [],
    reply_to: [],
  };
  for (const field of ["to", "cc", "bcc", "reply_to"] as const) {
    const list = addressList(input[field]);
    if (list === undefined) {
      return fail(
        "validation_error",
        `Invalid \`${field}\` field. Expected a string or an array of strings.`,
      );
    }
    const bad = list.find((address) => bareAddress(address) === undefined);
    if (bad !== undefined) {
      return fail(
        "validation_error",
        `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format (got ${JSON.stringify(bad)}).`,
      );
    }
    lists[field] = list;
  }
  if (lists.to.length > MAX_RECIPIENTS) {
    return fail(
      "validation_error",
      `Too many recipients in \`to\`: at most ${MAX_RECIPIENTS}.`,
    );
  }

  if (typeof input.subject !== "string" || input.subject === "") {
    return fail("missing_required_field", "Missing `subject` field.");
  }
  const html = input.html ?? null;
  const text = input.text ?? null;
  if (
    (html !== null && typeof html !== "string") ||
    (text !== null && typeof text !== "string")
  ) {
    return fail(
      "validation_error",
      "Invalid `html` or `text` field. Expected a string.",
    );
  }
  if (!html && !text) {
    return fail("missing_required_field", "Missing `html` or `text` field.");
  }

  const headers: Record<string, string> = {};
  if (input.headers !== undefined && input.headers !== null) {
    if (typeof input.headers !== "object" || Array.isArray(input.headers)) {
      return fail(
        "validation_error",
        "Invalid `headers` field. Expected an object of strings.",
      );
    }
    for (const [key, value] of Object.entries(input.headers))
      headers[key] = String(value);
  }
  const tags = Array.isArray(input.tags)
    ? input.tags.map((t: { name?: unknown; value?: unknown }) => ({
        name: String(t?.name ?? ""),
        value: String(t?.value ?? ""),
      }))
    : [];
  const attachments = Array.isArray(input.attachments)
    ? input.attachments.map(
        (a: { filename?: unknown; content_type?: unknown }) => ({
          filename: typeof a?.filename === "string" ? a.filename : null,
          contentType:
            typeof a?.content_type === "string" ? a.content_type : null,
        }),
      )
    : [];

  return {
    ok: true,
    message: {
      from: input.from,
      to: lists.to,
      cc: lists.cc,
      bcc: lists.bcc,
      replyTo: lists.reply_to,
      subject: input.subject,
      html: html as string | null,
      text: text as string | null,
      headers,
      tags,
      attachments,
      links: extractLinks(html as string | null, text as string | null),
    },
  };
}

/** Whether `address` is among the message's recipients (to, cc or bcc), ignoring case and names. */
export function isAddressedTo(
  message: CaughtMessage,
  address: string,
): boolean {
  const wanted = bareAddress(address) ?? address.trim().toLowerCase();
  return [...message.to, ...message.cc, ...message.bcc].some(
    (r) => bareAddress(r) === wanted,
  );
}
