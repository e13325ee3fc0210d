// Per-device settings of issue 4 (/account/settings): the theme is saved for this
// session in Convex, applied at once and painted from the first byte on the next load
// (no flash); the locale changes how dates are written; the device name shows on the
// devices page; another device of the same user keeps its own settings; a bad value
// gets a clear message.
import {
  USER_AGENTS,
  expect,
  signInWithDemo,
  test,
  uniqueEmail,
} from "./fixtures";

type Painted = Window & { __firstPaintDark?: boolean };

test("theme, date format and device name are saved for this device only", async ({
  devices,
}) => {
  const user = { email: uniqueEmail("settings"), name: "Set Tings" };
  const a = await devices.open(USER_AGENTS.macChrome);
  const b = await devices.open(USER_AGENTS.windowsFirefox);
  await signInWithDemo(a, user);
  await signInWithDemo(b, user);

  await a.goto("/account/settings");
  await expect(
    a.getByRole("heading", { name: "Settings", level: 1 }),
  ).toBeVisible();
  await expect(a.getByLabel("System (follow this device)")).toBeChecked();

  await a.getByLabel("Dark").check();
  await a.getByLabel("Number and date format").selectOption("de-DE");
  await a.getByLabel("Device name").fill("Büro-Mac");
  await a.getByRole("button", { name: "Save settings" }).click();
  await expect(
    a.getByRole("status").filter({ hasText: "Settings saved." }),
  ).toBeVisible();
  // Applied at once, without a reload.
  await expect(a.locator("html")).toHaveClass(/\bdark\b/);

  // The next load is dark before any app script runs: record the class at DOMContentLoaded.
  await a.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      (window as Painted).__firstPaintDark =
        document.documentElement.classList.contains("dark");
    });
  });
  await a.goto("/account/devices");
  expect(await a.evaluate(() => (window as Painted).__firstPaintDark)).toBe(
    true,
  );
  // Because the server already renders it: the cookie mirrors the saved theme.
  const html = await (await a.request.get("/account/devices")).text();
  expect(html).toMatch(/<html[^>]*class="dark"/);

  // The device name and the German date format show on the devices page.
  const mine = a
    .getByRole("list", { name: "Your devices" })
    .getByRole("listitem")
    .filter({ hasText: "This device" });
  await expect(mine.getByRole("heading")).toHaveText("Büro-Mac");
  await expect(mine).toContainText(/\d{1,2}\.\d{1,2}\.\d{4}/);

  // Device B keeps its own defaults, and sees A's new name.
  await b.goto("/account/settings");
  await expect(b.getByLabel("System (follow this device)")).toBeChecked();
  await expect(b.getByLabel("Number and date format")).toHaveValue("");
  await expect(b.locator("html")).not.toHaveClass(/\bdark\b/);
  await b.goto("/account/devices");
  await expect(b.getByRole("heading", { name: "Büro-Mac" })).toBeVisible();

  // A too long name is refused with a message at the field, and nothing is saved.
  await a.goto("/account/settings");
  await a.getByLabel("Device name").fill("y".repeat(41));
  await a.getByRole("button", { name: "Save settings" }).click();
  await expect(
    a.getByText("Keep the device name to 40 characters or fewer."),
  ).toBeVisible();
  await a.reload();
  await expect(a.getByLabel("Device name")).toHaveValue("Büro-Mac");
});
