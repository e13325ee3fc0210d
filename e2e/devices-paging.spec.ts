// The devices page a page at a time: an account signed in on more devices than one page
// holds shows ten, and "Load more devices" (by keyboard) shows the rest.
import { USER_AGENTS, expect, signInWithDemo, test, uniqueEmail } from "./fixtures";

test("the devices page shows ten devices, and Load more devices shows the rest", async ({
  devices,
}) => {
  test.setTimeout(240_000);
  const user = { email: uniqueEmail("many-devices"), name: "Many Devices" };
  // Eleven real sign-ins from one browser, its cookies dropped after each, so each one
  // leaves a session behind as another device would.
  const spare = await devices.open(USER_AGENTS.windowsFirefox);
  for (let i = 0; i < 11; i++) {
    await signInWithDemo(spare, user);
    await spare.context().clearCookies();
  }
  const page = await devices.open(USER_AGENTS.macChrome);
  await signInWithDemo(page, user);
  await page.goto("/account/devices");

  const list = page.getByRole("list", { name: "Your devices" });
  const rows = list.getByRole("listitem");
  await expect(rows).toHaveCount(10);
  // This device first.
  await expect(rows.first()).toContainText("This device");

  const more = page.getByRole("button", { name: "Load more devices" });
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(rows).toHaveCount(12);
  await expect(page.getByRole("button", { name: /Load more/ })).toHaveCount(0);

  // The count for "sign out all other devices" covers every device, not just a page.
  await page.getByRole("button", { name: "Sign out all other devices" }).click();
  await expect(
    page.getByRole("dialog", { name: "Sign out all other devices?" }),
  ).toContainText("11 other devices");
});
