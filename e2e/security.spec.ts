// The app as something put on the internet: every page runs under a nonce-based
// Content-Security-Policy with no violation, an injected script does not run, the
// security headers are on every kind of response, e-mailed links ignore a forged host,
// and a forged X-Forwarded-For does not choose the IP a session records.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, latestMail, signInWithDemo, test, uniqueEmail } from "./fixtures";
import { ShopPage } from "./shop.page";
import { E2E_APP_URL } from "./ports";

type Violation = { directive: string; blocked: string; page: string };

/** Record every CSP violation a page of this context reports, as it happens. */
async function watchViolations(context: BrowserContext): Promise<() => Promise<Violation[]>> {
  const found: Violation[] = [];
  await context.exposeBinding("__reportCsp", ({ page }, v: Omit<Violation, "page">) => {
    found.push({ ...v, page: page.url() });
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCsp: (v: object) => void }).__reportCsp({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
      });
    });
  });
  return async () => {
    // Reports are delivered asynchronously; let pending ones arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return found;
  };
}

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

test("every page, dialog and drawer runs without a CSP violation, signed out and in", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const violations = await watchViolations(context);
  const page = await context.newPage();
  const shop = new ShopPage(page, "alpine");

  // Signed out.
  for (const path of ["/", "/signin", "/signin/error?error=Verification", "/s/alpine", "/nope"]) {
    await visit(page, path);
  }
  await visit(page, "/signin");
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();

  // Signed in as the demo admin (also a shopper with a cart).
  await signInWithDemo(page, { email: "admin@example.com", name: "Ada Admin" });
  await shop.open();
  await page.getByRole("button", { name: /^Add to cart: / }).first().click();
  await shop.openCart();
  await shop.closeCart();
  await visit(page, "/s/alpine/checkout");
  await visit(page, "/account");
  await visit(page, "/account/orders");
  await visit(page, "/account/settings");
  await page.getByRole("radio", { name: "Dark" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await visit(page, "/account/devices");
  await page.getByRole("button", { name: /^Rename/ }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await visit(page, "/account/security");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("dialog", { name: "Add a passkey" })).toBeVisible();
  await page.keyboard.press("Escape");
  await visit(page, "/admin");
  await page.getByRole("button", { name: /^Revoke/ }).first().click();
  await expect(page.getByRole("dialog", { name: "Revoke this session?" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByLabel("Account menu").click();

  expect(await violations()).toEqual([]);
  await context.close();
});

test("markup injected into a page cannot run script", async ({ page, context }) => {
  const violations = await watchViolations(context);
  // Stand-in for a stored XSS that got past escaping: the server's own HTML for the page,
  // with the response's real CSP header, plus an inline script and an event handler.
  await page.route("**/s/alpine", async (route) => {
    const original = await route.fetch();
    const html = (await original.text()).replace(
      "<body",
      `<script>window.__pwned = "inline script";</script><body`,
    );
    await route.fulfill({ response: original, body: html });
  });
  await visit(page, "/s/alpine");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img src="/nope.png" onerror="window.__pwned = 'event handler'">`,
    );
  });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBe(
    undefined,
  );
  const directives = (await violations()).map((v) => v.directive);
  expect(directives).toContain("script-src-elem");
  expect(directives).toContain("script-src-attr");
  // The page itself still works: its own scripts carry the nonce and run.
  await page.getByRole("button", { name: "Sign in" }).first().click();
  await expect(page).toHaveURL(/\/signin/);
});

test("security headers are on pages, redirects, 404s, route handlers and files", async ({
  request,
}) => {
  for (const path of ["/", "/account/devices", "/nope", "/api/health", "/stores/alpine/logo.svg"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).toContain("base-uri 'none'");
    expect(csp, path).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["permissions-policy"], path).toContain("camera=()");
  }
  // A fresh nonce every time.
  const nonces = await Promise.all(
    [1, 2].map(async () => {
      const csp = (await request.get("/")).headers()["content-security-policy"] ?? "";
      return /'nonce-([^']+)'/.exec(csp)?.[1];
    }),
  );
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("another site cannot frame the app", async ({ page }) => {
  await page.goto("about:blank");
  await page.setContent(`<iframe src="${E2E_APP_URL}/signin" title="victim"></iframe>`);
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
});

test("a magic link is sent for the app's own origin whatever Host the request claims", async ({
  page,
  request,
}) => {
  const email = uniqueEmail("forged-host");
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await request.post("/api/auth/signin/resend", {
    form: { email, csrfToken, callbackUrl: "/account" },
    headers: {
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      origin: "https://evil.example",
    },
    maxRedirects: 0,
  });
  const mail = await latestMail(email);
  const signInLink = mail.links.find((link) => link.includes("/api/auth/callback/"));
  expect(signInLink, "the sign-in link").toBeDefined();
  expect(new URL(signInLink!).origin).toBe(E2E_APP_URL);
  expect(mail.html ?? "").not.toContain("evil.example");
  // And the link works.
  await page.goto(signInLink!);
  await expect(page).toHaveURL(`${E2E_APP_URL}/account`);
});

test("a forged X-Forwarded-For does not choose the IP the devices page shows", async ({
  browser,
}) => {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.77" },
  });
  const page = await context.newPage();
  await signInWithDemo(page, { email: uniqueEmail("spoof"), name: "Sam Spoof" });
  await page.goto("/account/devices");
  const row = page.getByRole("listitem").filter({ hasText: "This device" });
  // The proxy in front of the app (as in production) appended the real address.
  await expect(row.getByText("127.0.0.1", { exact: true })).toBeVisible();
  await expect(row).not.toContainText("203.0.113");
  await context.close();
});
