// Shared Playwright fixtures: a "device" is a browser context of its own (own cookies, own
// Auth.js session, so its own Convex session ID); page objects for signing in through the
// demo OpenID provider or a magic link read from the mail catcher.
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { E2E_APP_URL, E2E_MAIL_URL } from "./ports";

export type CaughtMail = {
  id: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  links: string[];
};

/** A fresh address per test, so tests never see each other's users or mail. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.test`;
}

/** The newest message caught for `to`, waiting for it to arrive (or for a newer one than `after`). */
export async function latestMail(to: string, after?: string): Promise<CaughtMail> {
  let last: CaughtMail | null = null;
  await expect
    .poll(
      async () => {
        const response = await fetch(
          `${E2E_MAIL_URL}/api/messages/latest?to=${encodeURIComponent(to)}`,
        );
        if (!response.ok) return null;
        last = (await response.json()) as CaughtMail;
        return last.id === after ? null : last.id;
      },
      { message: `an e-mail to ${to}`, timeout: 15_000 },
    )
    .not.toBeNull();
  return last as unknown as CaughtMail;
}

/** Every message caught for `to`, newest first. */
export async function allMail(to: string): Promise<CaughtMail[]> {
  const response = await fetch(`${E2E_MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`);
  expect(response.ok).toBe(true);
  const body = (await response.json()) as CaughtMail[] | { messages: CaughtMail[] };
  return Array.isArray(body) ? body : body.messages;
}

/**
 * Sign in through the demo OpenID provider's real code flow. Starts at `from` (default the
 * sign-in page) and returns once the browser is back on the app.
 */
export async function signInWithDemo(
  page: Page,
  user: { email: string; name: string },
  from = "/signin",
): Promise<void> {
  await page.goto(from);
  await page.getByRole("button", { name: "Demo sign-in" }).click();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Display name").fill(user.name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.origin === E2E_APP_URL && !url.pathname.startsWith("/api/auth"));
}

/** A new browser context standing for another device of the same or another person. */
export async function newDevice(browser: Browser, userAgent?: string): Promise<BrowserContext> {
  return browser.newContext(userAgent ? { userAgent } : {});
}

export const USER_AGENTS = {
  macChrome:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  iphoneSafari:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  windowsFirefox:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
} as const;

type Fixtures = {
  /** Opens extra devices; all are closed after the test. */
  devices: { open(userAgent?: string): Promise<Page> };
};

export const test = base.extend<Fixtures>({
  devices: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use({
      async open(userAgent?: string) {
        const context = await newDevice(browser, userAgent);
        contexts.push(context);
        return context.newPage();
      },
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
