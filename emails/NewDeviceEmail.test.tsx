// The new-device e-mail must let a person recognise the device and reach the page
// where they can sign it out.
import { describe, expect, it } from "vitest";
import { NewDeviceEmail, formatSignInTime } from "./NewDeviceEmail";
import { renderEmail } from "./render";

const props = {
  device: "Mobile",
  browser: "Safari 17.4",
  os: "iOS 17.4",
  ip: "203.0.113.7",
  signedInAt: new Date("2026-03-04T05:06:00Z"),
  devicesUrl: "https://shop.example/account/devices",
};

describe("NewDeviceEmail", () => {
  it("lists the device facts and links to the devices page (HTML)", async () => {
    const { html } = await renderEmail(<NewDeviceEmail {...props} />);
    for (const fact of ["Mobile", "Safari 17.4", "iOS 17.4", "203.0.113.7"]) {
      expect(html).toContain(fact);
    }
    expect(html).toContain(formatSignInTime(props.signedInAt));
    expect(html).toContain(`href="${props.devicesUrl}"`);
  });

  it("has the same facts in plain text", async () => {
    const { text } = await renderEmail(<NewDeviceEmail {...props} />);
    expect(text).toContain("Device: Mobile");
    expect(text).toContain("Browser: Safari 17.4");
    expect(text).toContain("Operating system: iOS 17.4");
    expect(text).toContain("IP address: 203.0.113.7");
    expect(text).toContain("Time: 4 March 2026 at 05:06 UTC");
    expect(text).toContain(props.devicesUrl);
  });

  it("formats the time in a given zone", () => {
    expect(formatSignInTime(props.signedInAt, "Europe/Paris")).toBe("4 March 2026 at 06:06 CET");
  });
});
