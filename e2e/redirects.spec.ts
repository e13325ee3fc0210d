// Open redirects (issue 9, item 2): every redirect target the app or Auth.js hands the browser
// must be a path on this site. Hostile `callbackUrl` values go through /signin (signed in, so it
// redirects at once), through Auth.js's own routes, a whole demo sign-in and a magic link.
import { expect, latestMail, signInWithDemo, test, uniqueEmail } from "./fixtures";
import { E2E_APP_URL, E2E_PORTS } from "./ports";

/** Values that once came out as `//evil.example` or that name another host outright. */
const HOSTILE = [
  "/.//evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/%2F%2Fevil.example",
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "%2F%2Fevil.example",
  "\\/\\/evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
];

/**
 * A redirect target is safe when, resolved against the app, it stays on the app and its path
 * does not begin with `//` or `/\` (which a later relative redirect would turn into another host).
 */
function expectOnApp(target: string | undefined | null, what: string): URL {
  expect(target, `${what}: a target`).toBeTruthy();
  expect(target!, `${what}: not protocol-relative`).not.toMatch(/^\s*[/\\]{2}/);
  const url = new URL(target!, E2E_APP_URL);
  expect(url.origin, `${what}: same origin`).toBe(E2E_APP_URL);
  expect(url.pathname, `${what}: a plain path`).not.toMatch(/^\/[/\\]/);
  return url;
}

test("signed in, /signin sends hostile callbackUrls to the account page and keeps real ones", async ({ page }) => {
  await signInWithDemo(page, { email: uniqueEmail("redirect"), name: "Rita Redirect" });

  for (const payload of HOSTILE) {
    const response = await page.request.get(
      `/signin?${new URLSearchParams({ callbackUrl: payload })}`,
      { maxRedirects: 0 },
    );
    expect(response.status(), `status for ${JSON.stringify(payload)}`).toBeGreaterThanOrEqual(300);
    expect(response.status()).toBeLessThan(400);
    const target = expectOnApp(response.headers().location, JSON.stringify(payload));
    expect(target.pathname, JSON.stringify(payload)).toBe("/account");
  }

  const kept = await page.request.get(
    `/signin?${new URLSearchParams({ callbackUrl: "/account/devices?from=mail" })}`,
    { maxRedirects: 0 },
  );
  const target = expectOnApp(kept.headers().location, "a real path");
  expect(`${target.pathname}${target.search}`).toBe("/account/devices?from=mail");
});

test("Auth.js's own routes check callbackUrl the same way and end on the app", async ({ page }) => {
  await signInWithDemo(page, { email: uniqueEmail("authjs"), name: "Ada Authjs" });

  for (const payload of ["https://evil.example/", "//evil.example", "/.//evil.example", "/%2e//evil.example"]) {
    const response = await page.request.get(
      `/api/auth/signin?${new URLSearchParams({ callbackUrl: payload })}`,
      { maxRedirects: 0 },
    );
    // Auth.js sends /signin the callbackUrl it accepted: that must already be safe.
    const signin = expectOnApp(response.headers().location, JSON.stringify(payload));
    expect(signin.pathname).toBe("/signin");
    expectOnApp(signin.searchParams.get("callbackUrl"), `callbackUrl Auth.js kept for ${JSON.stringify(payload)}`);
  }

  // Followed all the way, the browser ends on the app.
  await page.goto(`/api/auth/signin?${new URLSearchParams({ callbackUrl: "https://evil.example/" })}`);
  expect(new URL(page.url()).origin).toBe(E2E_APP_URL);
  await expect(page).toHaveURL(/\/account$/);
});

test("a demo sign-in posted to Auth.js with a hostile callbackUrl comes back to a path on the app", async ({ page }) => {
  const locations: string[] = [];
  page.on("response", (response) => {
    const location = response.headers().location;
    if (location && response.url().startsWith(`${E2E_APP_URL}/`)) locations.push(location);
  });

  // Auth.js's own sign-in endpoint (not our server action): callbackUrl straight from the form.
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const started = await page.request.post("/api/auth/signin/demo", {
    form: { csrfToken, callbackUrl: "/.//evil.example" },
    maxRedirects: 0,
  });
  const toProvider = started.headers().location;
  expect(toProvider, "Auth.js sends the browser to the demo provider").toMatch(
    new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORTS.oidc}/`),
  );

  await page.goto(toProvider!);
  await page.getByLabel("Email").fill(uniqueEmail("flow"));
  await page.getByLabel("Display name").fill("Flo Flow");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.origin === E2E_APP_URL && !url.pathname.startsWith("/api/auth"));

  expectOnApp(page.url(), "where the sign-in ended");
  // The callback's own redirect, and any after it, stay on plain paths here.
  expect(locations.length, "Auth.js redirected back into the app").toBeGreaterThan(0);
  for (const location of locations) expectOnApp(location, `redirect to ${location}`);
});

test("a magic link whose callbackUrl was tampered with still signs in on the app", async ({ page }) => {
  const email = uniqueEmail("tamper");
  await page.goto("/signin");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await latestMail(email);
  const link = new URL(mail.links.find((href) => href.includes("/api/auth/callback/"))!);
  link.searchParams.set("callbackUrl", "/.//evil.example");

  const response = await page.request.get(link.toString(), { maxRedirects: 0 });
  expectOnApp(response.headers().location, "after the magic link");
});
