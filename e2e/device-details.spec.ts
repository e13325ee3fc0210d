// Browsers freeze the OS version in the user agent, so the app asks for the platform-version
// client hint on every page; Chromium then sends it on later requests, including the sign-in
// callback that records the device. (How lib/device.ts reads the hint, e.g. Windows 11 vs 10,
// is unit-tested there: this Chromium runs on Linux and cannot send a Windows version.)
import { expect, test } from "./fixtures";

test("pages ask for the platform-version client hint and Chromium sends it back", async ({
  page,
}) => {
  const first = await page.goto("/");
  expect(first?.headers()["accept-ch"]).toContain("Sec-CH-UA-Platform-Version");

  const next = page.waitForRequest((request) => request.url().endsWith("/signin"));
  await page.goto("/signin");
  const headers = await (await next).allHeaders();
  // A high-entropy hint: sent only because the app asked. (Linux Chromium sends "" as its
  // value; on Windows and macOS it is the real version.)
  expect(headers).toHaveProperty("sec-ch-ua-platform-version");
});
