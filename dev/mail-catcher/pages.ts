// The mail catcher's web pages: the inbox (newest first) and one message with its links, the
// rendered HTML (in a sandboxed iframe) and the plain text. Server-rendered, no JavaScript.
import { escapeHtml, htmlPage } from "../html";
import type { CaughtMessage } from "./messages";

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #d4d4d8; vertical-align: top; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 32rem; border: 1px solid #d4d4d8; border-radius: 6px; background: #fff; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; padding: 1rem; border: 1px solid #d4d4d8; border-radius: 6px; }
  .links li { margin: 0.25rem 0; overflow-wrap: anywhere; }
  .bar { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
  button { font-size: 0.95rem; padding: 0.35rem 0.8rem; cursor: pointer; }
  a:focus-visible, button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  .muted { opacity: 0.75; }
`;

function page(title: string, body: string): string {
  return htmlPage(title, STYLE, body);
}

function when(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

export function inboxPage(messages: CaughtMessage[]): string {
  const rows = messages
    .map(
      (m) => `<tr>
  <td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td>
  <td>${escapeHtml(m.to.join(", "))}</td>
  <td>${escapeHtml(m.from)}</td>
  <td class="muted"><time datetime="${m.createdAt}">${when(m.createdAt)}</time></td>
</tr>`,
    )
    .join("\n");
  const list =
    messages.length === 0
      ? `<p>No messages yet. Anything the app sends through Resend while <code>RESEND_BASE_URL</code> points here shows up on this page (reload to refresh).</p>`
      : `<table>
<caption class="muted">${messages.length} message${messages.length === 1 ? "" : "s"}, newest first</caption>
<thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">From</th><th scope="col">Received</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return page(
    "Mail catcher",
    `<header class="bar">
<h1>Mail catcher</h1>
<form method="post" action="/clear"><button type="submit">Delete all</button></form>
</header>
<main>
${list}
</main>`,
  );
}

function linkify(text: string): string {
  return escapeHtml(text).replace(
    /https?:\/\/[^\s<>"')\]]+/g,
    (url) => `<a href="${url}" rel="noreferrer">${url}</a>`,
  );
}

export function messagePage(m: CaughtMessage): string {
  const links =
    m.links.length === 0
      ? ""
      : `<h2 id="links-heading">Links</h2>
<ul class="links" aria-labelledby="links-heading">
${m.links.map((l) => `<li><a href="${escapeHtml(l)}" rel="noreferrer">${escapeHtml(l)}</a></li>`).join("\n")}
</ul>`;
  const html = m.html
    ? `<h2>Rendered</h2>
<iframe title="Rendered message: ${escapeHtml(m.subject)}" src="/messages/${m.id}/html"
  sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"></iframe>`
    : "";
  const text = m.text
    ? `<h2>Plain text</h2>\n<pre>${linkify(m.text)}</pre>`
    : "";
  const optional = (label: string, values: string[]) =>
    values.length
      ? `<dt>${label}</dt><dd>${escapeHtml(values.join(", "))}</dd>`
      : "";
  return page(
    m.subject,
    `<p><a href="/">← All messages</a></p>
<main>
<h1>${escapeHtml(m.subject)}</h1>
<dl>
<dt>From</dt><dd>${escapeHtml(m.from)}</dd>
<dt>To</dt><dd>${escapeHtml(m.to.join(", "))}</dd>
${optional("Cc", m.cc)}${optional("Bcc", m.bcc)}${optional("Reply-To", m.replyTo)}
<dt>Received</dt><dd><time datetime="${m.createdAt}">${when(m.createdAt)}</time></dd>
<dt>Id</dt><dd><code>${m.id}</code></dd>
</dl>
${links}
${html}
${text}
</main>`,
  );
}

/**
 * The message HTML for the iframe. Links open at the top level (a magic link must set the app's
 * cookie in the real browsing context, not inside the sandbox).
 */
export function messageHtmlDocument(m: CaughtMessage): string {
  const html = m.html ?? "";
  const base = `<base target="_top">`;
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`)
    : `${base}${html}`;
}

export function notFoundPage(): string {
  return page(
    "Not found",
    `<main><h1>Not found</h1><p><a href="/">Back to all messages</a></p></main>`,
  );
}
