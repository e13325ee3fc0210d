// Sign-in journeys of issue 3, through the real UI, the real Auth.js routes, the demo OpenID
// provider and the mail catcher: demo sign-in, magic link (fresh, reused, expired), the
// middleware's redirect and return, skipping the sign-in screen when signed in, sign-out.
import { expect, latestMail, signInWithDemo, test, uniqueEmail } from "./fixtures";

test("signing in through the demo OpenID provider lands in the account area", async ({ page }) => {
  const email = uniqueEmail("demo");
  await signInWithDemo(page, { email, name: "Dana Demo" });
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Hello, Dana Demo" })).toBeVisible();
});

test("a magic link from the mail catcher signs in once; reused it is refused with a clear page", async ({ page, devices }) => {
  const email = uniqueEmail("magic");
  await page.goto("/signin");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const mail = await latestMail(email);
  expect(mail.subject).toMatch(/sign in/i);
  expect(mail.text ?? "").toMatch(/24 hours/);
  const link = mail.links.find((href) => href.includes("/api/auth/callback/"));
  expect(link, "the e-mail carries a sign-in link").toBeTruthy();

  await page.goto(link!);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(email).first()).toBeVisible();

  // The same link on another device: already used.
  const other = await devices.open();
  await other.goto(link!);
  await expect(
    other.getByRole("heading", { name: "This sign-in link has expired or was already used" }),
  ).toBeVisible();
  await expect(other.getByRole("link", { name: /try again|sign in/i }).first()).toBeVisible();
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
  await expect(page).toHaveURL(/localhost:3100\/$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
});
