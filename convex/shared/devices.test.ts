// What a device is called wherever people see it (devices page, admin console, orders).
import { describe, expect, test } from "vitest";
import { describeDevice, deviceName, normalizeDeviceLabel } from "./devices";

describe("device names", () => {
  test("a name the user gave wins; else browser and OS", () => {
    expect(deviceName({ label: "Work laptop", browser: "Chrome 131", os: "macOS" })).toBe(
      "Work laptop",
    );
    expect(deviceName({ label: null, browser: "Chrome 131", os: "macOS" })).toBe(
      "Chrome 131 on macOS",
    );
    expect(deviceName({ label: null, browser: null, os: null })).toBe("Unknown device");
  });

  test("with only one of browser and OS known, says what is known", () => {
    expect(describeDevice("Safari 18", null)).toBe("Safari 18");
    expect(describeDevice(null, "iOS 18")).toBe("iOS 18 device");
  });

  test("a stored name has its white space tidied", () => {
    expect(normalizeDeviceLabel("  Work \n  laptop ")).toBe("Work laptop");
    expect(normalizeDeviceLabel(null)).toBe("");
  });
});
