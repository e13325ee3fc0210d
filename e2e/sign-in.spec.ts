// Sign-in journeys of issue 3, through the real UI, the real Auth.js routes, the demo OpenID
// provider and the mail catcher: demo sign-in, magic link (fresh, reused, expired), the
// middleware's redirect and return, skipping the sign-in screen when signed in, sign-out.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { subjectForEmail } from "../dev/oidc/index";
import { allMail, expect, latestMail, signInWithDemo, test, uniqueEmail } from "./fixtures";
import { E2E_APP_URL, E2E_CONVEX_URL } from "./ports";

/** The e2e stack's generated Next.js env (e2e/serve.ts → dev/stack.ts writes it). */
function e2eNextEnv(): Record<string, string | undefined> {
  return parseEnv(readFileSync(".dev/e2e/.env.local", "utf8"));
}

/**
 * Make a real e-mailed link expire without waiting 15 minutes: through the adapter functions
 * (the same ones Auth.js calls), replace its stored token row with one whose expiry has passed.
 * Auth.js stores sha256(token + AUTH_SECRET), never the token itself.
 */
async function expireMagicLink(link: string): Promise<void> {
  const env = e2eNextEnv();
  const url = new URL(link);
  const identifier = url.searchParams.get("email")!;
  const hashed = createHash("sha256")
    .update(`${url.searchParams.get("token")}${env.AUTH_SECRET}`)
    .digest("hex");
  const secret = env.CONVEX_AUTH_ADAPTER_SECRET!;
  const client = new ConvexHttpClient(E2E_CONVEX_URL);
  const stored = await client.mutation(api.authAdapter.useVerificationToken, {
    secret,
    identifier,
    token: hashed,
  });
  expect(stored, "the e-mailed token is stored (hashed) in Convex").not.toBeNull();
  await client.mutation(api.authAdapter.createVerificationToken, {
    secret,
    identifier,
    token: hashed,
    expires: Date.now() - 60_000,
  });
}

async function requestMagicLink(page: import("@playwright/test").Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await latestMail(email);
  const link = mail.links.find((href) => href.includes("/api/auth/callback/"));
  expect(link, "the e-mail carries a sign-in link").toBeTruthy();
  return { mail, link: link! };
}

test("signing in through the demo OpenID provider lands in the account area", async ({ page }) => {
  const email = uniqueEmail("demo");
  await signInWithDemo(page, { email, name: "Dana Demo" });
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Hello, Dana Demo" })).toBeVisible();
});

test("a demo sign-in links the account but stores none of the provider's tokens", async ({ page }) => {
  const email = uniqueEmail("tokens");
  await signInWithDemo(page, { email, name: "Toby Tokens" });
  await expect(page).toHaveURL(/\/account$/);

  // Read the row as Auth.js would, through the adapter function and its secret.
  const client = new ConvexHttpClient(E2E_CONVEX_URL);
  const account = await client.query(api.authAdapter.getAccount, {
    secret: e2eNextEnv().CONVEX_AUTH_ADAPTER_SECRET!,
    provider: "demo",
    providerAccountId: subjectForEmail(email),
  });
  expect(account).toMatchObject({ provider: "demo", type: "oidc" });
  expect(account?.access_token).toBeUndefined();
  expect(account?.refresh_token).toBeUndefined();
  expect(account?.id_token).toBeUndefined();
  expect(Object.keys(account ?? {}).filter((key) => key.endsWith("_token"))).toEqual([]);
});

test("a magic link from the mail catcher signs in once; reused it is refused with a clear page", async ({ page, devices }) => {
  const email = uniqueEmail("magic");
  const { mail, link } = await requestMagicLink(page, email);
  expect(mail.subject).toMatch(/sign in/i);
  expect(mail.text ?? "").toMatch(/expires in 15 minutes/);

  await page.goto(link);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(email).first()).toBeVisible();

  // The same link on another device: already used.
  const other = await devices.open();
  await other.goto(link);
  await expect(
    other.getByRole("heading", { name: "This sign-in link has expired or was already used" }),
  ).toBeVisible();
  await expect(other.getByRole("link", { name: /try again|sign in/i }).first()).toBeVisible();
});

test("a fourth sign-in link for one address within minutes is refused, saying when to try again", async ({
  page,
}) => {
  const email = uniqueEmail("limited");
  for (let i = 0; i < 3; i++) {
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(page).toHaveURL(/\/signin\/check-email/);
  }
  await page.goto("/signin");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(
    page.getByText("Too many sign-in links were asked for. Try again in 5 minutes."),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
  await expect.poll(async () => (await allMail(email)).length).toBe(3);
  // Auth.js's own endpoint is held to the same limit: no fourth e-mail that way either.
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/signin/resend", {
    form: { email, csrfToken: csrf.csrfToken },
    maxRedirects: 0,
  });
  await page.waitForTimeout(500);
  expect(await allMail(email)).toHaveLength(3);
});

test("an expired magic link is refused with a clear page and signs nobody in", async ({ page }) => {
  const email = uniqueEmail("expired");
  const { link } = await requestMagicLink(page, email);
  await expireMagicLink(link);

  await page.goto(link);
  await expect(
    page.getByRole("heading", { name: "This sign-in link has expired or was already used" }),
  ).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("an invalid e-mail address gets an inline message and no e-mail", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail address").fill("not-an-address");
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByText(/valid e-mail address/i)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("a signed-out visitor is sent to sign in and comes back to the page they asked for", async ({ page }) => {
  await page.goto("/account/devices?from=test");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await page.getByRole("button", { name: "Demo sign-in" }).click();
  await page.getByLabel("Email").fill(uniqueEmail("return"));
  await page.getByLabel("Display name").fill("Ret Urner");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/account\/devices\?from=test$/);
});

test("a signed-in user pressing Sign in skips the sign-in screen; sign out returns home", async ({ page }) => {
  await signInWithDemo(page, { email: uniqueEmail("skip"), name: "Sam Skip" });
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/account$/);

  await page.getByLabel("Account menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${E2E_APP_URL}/`);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
});
