import { describe, expect, test } from "vitest";
import { deviceName } from "./names";

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
});
