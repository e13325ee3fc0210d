// The "new sign-in" e-mail of issue 5: not sent for the very first sign-in of an
// account, sent for the next one with the device's browser, OS and IP and a link to
// the devices page where it can be revoked.
import {
  USER_AGENTS,
  allMail,
  expect,
  latestMail,
  signInWithDemo,
  test,
  uniqueEmail,
} from "./fixtures";

const NEW_SIGN_IN = /new sign-in/i;

test("a second sign-in of the same e-mail sends a new sign-in e-mail; the first does not", async ({
  devices,
}) => {
  const user = { email: uniqueEmail("newdevice"), name: "Nu Device" };
  const first = await devices.open(USER_AGENTS.macChrome);
  await signInWithDemo(first, user);
  await expect(first).toHaveURL(/\/account$/);

  const second = await devices.open(USER_AGENTS.iphoneSafari);
  await signInWithDemo(second, user);
  const mail = await latestMail(user.email);
  expect(mail.subject).toMatch(NEW_SIGN_IN);
  const text = mail.text ?? "";
  expect(text).toContain("Safari");
  expect(text).toContain("iOS");
  expect(text).toMatch(/IP address/);
  const devicesLink = mail.links.find((href) =>
    href.endsWith("/account/devices"),
  );
  expect(devicesLink, "the e-mail links to the devices page").toBeTruthy();

  // Exactly one: the first sign-in (which created the account) sent none.
  const newSignIns = (await allMail(user.email)).filter((m) =>
    NEW_SIGN_IN.test(m.subject),
  );
  expect(newSignIns).toHaveLength(1);

  // The link opens the devices page, where the new device can be revoked.
  await first.goto(devicesLink!);
  await expect(
    first.getByRole("list", { name: "Your devices" }).getByRole("listitem"),
  ).toHaveCount(2);
});
