// Device management journeys of issue 5, with one browser context per device: device B
// revokes device A and A's open page leaves on its own (no reload) with a notice, and
// A's old cookie no longer opens the account; "sign out all other devices" keeps only
// the current one; a rename shows live on both devices; an admin revokes a user's
// session with a reason that lands in the audit log, and non-admins get a 404.
import type { Page } from "@playwright/test";
import { E2E_APP_URL } from "./ports";
import {
  USER_AGENTS,
  expect,
  signInWithDemo,
  test,
  uniqueEmail,
} from "./fixtures";

type Marked = Window & { __noReloadMarker?: string };

/** Leaves a value in the page's JS heap: it survives soft navigation, not a reload. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as Marked).__noReloadMarker = "still here";
  });
}

async function pageMarker(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as Marked).__noReloadMarker);
}

function deviceList(page: Page) {
  return page.getByRole("list", { name: "Your devices" });
}

/** The row of the device whose text matches (e.g. its browser). */
function deviceRow(page: Page, text: string | RegExp) {
  return deviceList(page).getByRole("listitem").filter({ hasText: text });
}

async function openDevices(page: Page): Promise<void> {
  await page.goto("/account/devices");
  await expect(
    page.getByRole("heading", { name: "Devices", level: 1 }),
  ).toBeVisible();
  await expect(deviceList(page)).toBeVisible();
}

test("device B revokes device A: A's open page leaves on its own and A is signed out for good", async ({
  devices,
}) => {
  const user = { email: uniqueEmail("revoke"), name: "Rae Voke" };
  const a = await devices.open(USER_AGENTS.windowsFirefox);
  const b = await devices.open(USER_AGENTS.macChrome);

  await signInWithDemo(a, user);
  await openDevices(a);
  const thisDevice = deviceRow(a, "This device");
  await expect(thisDevice).toContainText("Firefox");
  await expect(thisDevice).toContainText("Windows");
  await expect(thisDevice).toContainText("IP address");

  await signInWithDemo(b, user);
  await openDevices(b);
  // A's open list picks up the new sign-in live.
  await expect(deviceList(a).getByRole("listitem")).toHaveCount(2);
  await expect(deviceRow(a, "Chrome")).toContainText(/Last active\s*now/i);
  await expect(deviceList(b).getByRole("listitem").first()).toContainText(
    "This device",
  );

  const cookies = await a.context().cookies();
  const sessionCookie = cookies.find((cookie) =>
    cookie.name.includes("authjs.session-token"),
  );
  expect(sessionCookie, "device A has a session cookie").toBeTruthy();

  await markPage(a);
  // What A sends once the push has come: one sign-out request (the server action that
  // clears the cookie and brings /signin), not Auth.js's csrf + signout + session burst.
  const sentByA: string[] = [];
  a.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (request.method() !== "GET" || pathname.startsWith("/api/auth") || pathname.startsWith("/signin")) {
      sentByA.push(`${request.method()} ${pathname}`);
    }
  });
  await deviceRow(b, "Firefox")
    .getByRole("button", { name: /^Revoke/ })
    .click();
  const dialog = b.getByRole("dialog", {
    name: /Sign out Firefox .* on Windows/,
  });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Sign out device" }).click();

  // A leaves the signed-in area by itself: same JS heap (no reload), notice shown.
  await expect(a).toHaveURL(/\/signin\?.*notice=revoked/);
  await expect(
    a.getByText("This device was signed out from another device."),
  ).toBeVisible();
  expect(await pageMarker(a)).toBe("still here");
  // One sign-out request: the server action (posted to the page it was on). Navigation
  // itself may fetch /signin's payload; Auth.js's client csrf/signout calls never happen.
  expect(sentByA.filter((r) => r.startsWith("POST")), "sign-out requests").toEqual([
    "POST /account/devices",
  ]);
  expect(sentByA.filter((r) => /\/api\/auth\/(csrf|signout)/.test(r))).toEqual([]);
  // The header follows: the client session is dropped too.
  await expect(a.getByRole("banner")).not.toContainText(user.name);
  await expect(
    a.getByRole("banner").getByRole("button", { name: "Sign in" }),
  ).toBeVisible();

  // B sees the outcome and only itself.
  await expect(
    b.getByRole("status").filter({ hasText: "Signed out Firefox" }),
  ).toBeVisible();
  await expect(deviceList(b).getByRole("listitem")).toHaveCount(1);

  // A's next navigation is signed out.
  await a.goto("/account");
  await expect(a).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);

  // Even A's old cookie, replayed as is, opens nothing: the server finds no session.
  const replay = await devices.open(USER_AGENTS.windowsFirefox);
  await replay.context().addCookies([
    {
      ...sessionCookie!,
      url: E2E_APP_URL,
      domain: undefined,
      path: undefined,
    },
  ]);
  await replay.goto("/account");
  await expect(replay).toHaveURL(/\/signin/);
  await expect(replay.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("sign out all other devices keeps only the current one", async ({
  devices,
}) => {
  const user = { email: uniqueEmail("others"), name: "Otto Thers" };
  const a = await devices.open(USER_AGENTS.macChrome);
  const b = await devices.open(USER_AGENTS.iphoneSafari);
  const c = await devices.open(USER_AGENTS.windowsFirefox);
  for (const page of [a, b, c]) await signInWithDemo(page, user);
  for (const page of [b, c]) await openDevices(page);
  await openDevices(a);
  await expect(deviceList(a).getByRole("listitem")).toHaveCount(3);
  await expect(deviceRow(a, "Safari")).toContainText("Phone");

  await a.getByRole("button", { name: "Sign out all other devices" }).click();
  const dialog = a.getByRole("dialog", { name: "Sign out all other devices?" });
  await expect(dialog).toContainText("2 other devices");
  await dialog.getByRole("button", { name: "Sign out other devices" }).click();

  await expect(a.getByText("Signed out 2 other devices.")).toBeVisible();
  await expect(deviceList(a).getByRole("listitem")).toHaveCount(1);
  await expect(deviceList(a).getByRole("listitem")).toContainText(
    "This device",
  );
  await expect(
    a.getByRole("button", { name: "Sign out all other devices" }),
  ).toBeDisabled();
  for (const page of [b, c]) {
    await expect(page).toHaveURL(/\/signin\?.*notice=revoked/);
  }
  // A is still signed in after a full reload.
  await a.reload();
  await expect(deviceList(a).getByRole("listitem")).toHaveCount(1);
});

test("a rename shows live on both devices", async ({ devices }) => {
  const user = { email: uniqueEmail("rename"), name: "Ren Ame" };
  const a = await devices.open(USER_AGENTS.windowsFirefox);
  const b = await devices.open(USER_AGENTS.macChrome);
  await signInWithDemo(a, user);
  await signInWithDemo(b, user);
  await openDevices(a);
  await openDevices(b);

  // B names A.
  await deviceRow(b, "Firefox")
    .getByRole("button", { name: /^Rename/ })
    .click();
  let dialog = b.getByRole("dialog", { name: /Rename Firefox/ });
  await dialog.getByLabel("Device name").fill("Kitchen laptop");
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(dialog).toBeHidden();
  await expect(deviceRow(b, "Kitchen laptop").getByRole("heading")).toHaveText(
    "Kitchen laptop",
  );
  await expect(deviceRow(a, "This device").getByRole("heading")).toHaveText(
    "Kitchen laptop",
  );

  // B names itself; A sees it too.
  await deviceRow(b, "This device")
    .getByRole("button", { name: /^Rename/ })
    .click();
  dialog = b.getByRole("dialog", { name: "Rename this device" });
  await dialog.getByLabel("Device name").fill("Work Mac");
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(deviceRow(a, "Work Mac")).toContainText("Chrome");

  // A too long name is refused in the dialog with a clear message.
  await deviceRow(a, "This device")
    .getByRole("button", { name: /^Rename/ })
    .click();
  dialog = a.getByRole("dialog", { name: "Rename this device" });
  await dialog.getByLabel("Device name").fill("x".repeat(41));
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(
    dialog.getByText("Keep the device name to 40 characters or fewer."),
  ).toBeVisible();
});

test("sign out everywhere ends every device and returns home", async ({
  devices,
}) => {
  const user = { email: uniqueEmail("everywhere"), name: "Eve Rywhere" };
  const a = await devices.open(USER_AGENTS.macChrome);
  const b = await devices.open(USER_AGENTS.iphoneSafari);
  await signInWithDemo(a, user);
  await signInWithDemo(b, user);
  await openDevices(b);
  await openDevices(a);

  await a.getByRole("button", { name: "Sign out everywhere" }).click();
  await a
    .getByRole("dialog", { name: "Sign out everywhere?" })
    .getByRole("button", { name: "Sign out everywhere" })
    .click();
  await expect(a).toHaveURL(`${E2E_APP_URL}/`);
  await expect(b).toHaveURL(/\/signin\?.*notice=revoked/);
  await a.goto("/account");
  await expect(a).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
});

test("an admin revokes a user's session with a reason; it is in the audit log; others get 404", async ({
  devices,
}) => {
  const user = { email: uniqueEmail("victim"), name: "Vic Tim" };
  const userPage = await devices.open(USER_AGENTS.iphoneSafari);
  await signInWithDemo(userPage, user);
  await openDevices(userPage);

  // Not an admin: the console does not exist for them.
  const notFound = await userPage.request.get("/admin");
  expect(notFound.status()).toBe(404);

  const admin = await devices.open(USER_AGENTS.macChrome);
  await signInWithDemo(admin, { email: "admin@example.com", name: "Ada Admin" });
  await admin.goto("/admin");
  await expect(
    admin.getByRole("heading", { name: "Admin", level: 1 }),
  ).toBeVisible();
  await admin.getByLabel("Search by e-mail").fill(user.email);
  const sessions = admin.getByRole("table", { name: /Sessions of all users/ });
  const row = sessions.getByRole("row").filter({ hasText: user.email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Safari");

  await row.getByRole("button", { name: /^Revoke/ }).click();
  const dialog = admin.getByRole("dialog", { name: "Revoke this session?" });
  await dialog.getByLabel(/Reason/).fill("Lost phone reported by the user");
  await dialog.getByRole("button", { name: "Revoke session" }).click();

  await expect(userPage).toHaveURL(/\/signin\?.*notice=revoked/);
  await expect(row).toHaveCount(0);
  const audit = admin.getByRole("table", { name: /Audit log/ });
  const entry = audit.getByRole("row").filter({ hasText: user.email });
  await expect(entry).toContainText("Lost phone reported by the user");
  await expect(entry).toContainText("admin@example.com");
});

test("a revoked device browsing a shop leaves too, and comes back to the shop after signing in", async ({
  devices,
}) => {
  const user = { email: uniqueEmail("shopper"), name: "Sho Pper" };
  const a = await devices.open(USER_AGENTS.iphoneSafari);
  const b = await devices.open(USER_AGENTS.macChrome);
  await signInWithDemo(a, user);
  await signInWithDemo(b, user);
  await a.goto("/s/alpine");
  await expect(a.getByRole("banner")).toContainText(user.name);
  await markPage(a);

  await openDevices(b);
  await deviceRow(b, "Safari")
    .getByRole("button", { name: /^Revoke/ })
    .click();
  await b
    .getByRole("dialog")
    .getByRole("button", { name: "Sign out device" })
    .click();

  await expect(a).toHaveURL(
    /\/signin\?.*notice=revoked.*callbackUrl=%2Fs%2Falpine/,
  );
  await expect(
    a.getByText("This device was signed out from another device."),
  ).toBeVisible();
  expect(await pageMarker(a)).toBe("still here");

  // Signing in again returns to the shop it was on.
  await a.getByRole("button", { name: "Demo sign-in" }).click();
  await a.getByLabel("Email").fill(user.email);
  await a.getByLabel("Display name").fill(user.name);
  await a.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(a).toHaveURL(/\/s\/alpine$/);
});
