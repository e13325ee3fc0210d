// The demo OpenID provider's own pages: the sign-in form (any email, a display name) and the error
// page. Plain server-rendered HTML so they work without JavaScript and in any test browser.
import { escapeHtml, htmlPage } from "../html";

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f4f5; color: #18181b; }
  @media (prefers-color-scheme: dark) { body { background: #18181b; color: #f4f4f5; } main { background: #27272a !important; } input { background: #18181b; color: inherit; } }
  main { background: #fff; padding: 2rem; border-radius: 12px; width: min(24rem, 90vw); box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
  h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
  p { margin: 0 0 1rem; line-height: 1.4; }
  .note { font-size: 0.875rem; opacity: 0.8; }
  label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
  input { width: 100%; box-sizing: border-box; padding: 0.5rem 0.625rem; font-size: 1rem; border: 1px solid #a1a1aa; border-radius: 6px; }
  input:focus-visible, button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  .hint { font-size: 0.8125rem; opacity: 0.8; margin-top: 0.25rem; }
  .error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; padding: 0.5rem 0.75rem; border-radius: 6px; }
  .actions { display: flex; gap: 0.5rem; margin-top: 1.5rem; }
  button { padding: 0.5rem 1rem; font-size: 1rem; border-radius: 6px; border: 1px solid transparent; cursor: pointer; }
  button.primary { background: #2563eb; color: #fff; }
  button.secondary { background: transparent; color: inherit; border-color: #a1a1aa; }
`;

function page(title: string, body: string): string {
  return htmlPage(title, STYLE, `<main>\n${body}\n</main>`);
}

export interface LoginPageInput {
  uid: string;
  clientId: string;
  email?: string;
  name?: string;
  error?: string;
}

/** The sign-in form. Errors are announced (role="alert") and tied to the email field. */
export function loginPage(input: LoginPageInput): string {
  const action = `/interaction/${encodeURIComponent(input.uid)}`;
  const error = input.error
    ? `<p class="error" role="alert" id="form-error">${escapeHtml(input.error)}</p>`
    : "";
  const describedBy = input.error
    ? ` aria-describedby="form-error" aria-invalid="true"`
    : "";
  return page(
    "Demo sign-in",
    `<h1>Demo sign-in</h1>
<p class="note">Local test identity provider for <strong>${escapeHtml(input.clientId)}</strong>.
No password: any email address works, and nothing leaves this machine.</p>
${error}
<form method="post" action="${action}/login">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required autofocus
    value="${escapeHtml(input.email ?? "")}"${describedBy}>
  <label for="name">Display name</label>
  <input id="name" name="name" type="text" autocomplete="name" maxlength="80"
    value="${escapeHtml(input.name ?? "")}" aria-describedby="name-hint">
  <p class="hint" id="name-hint">Optional. Defaults to the part of the email before the @.</p>
  <div class="actions">
    <button class="primary" type="submit">Sign in</button>
    <button class="secondary" type="submit" formaction="${action}/abort" formnovalidate>Cancel</button>
  </div>
</form>`,
  );
}

/** The page shown for errors that cannot be sent back to the client (e.g. a bad redirect_uri). */
export function errorPage(
  error: string,
  description: string | undefined,
): string {
  return page(
    "Sign-in error",
    `<h1>Sign-in error</h1>
<p class="error" role="alert"><strong>${escapeHtml(error)}</strong>${
      description ? `: ${escapeHtml(description)}` : ""
    }</p>
<p class="note">This is the local demo identity provider. Go back to the app and try again.</p>`,
  );
}
