import { describe, expect, test } from "vitest";
import { formatRelative, relativeParts } from "./dates";

const now = Date.UTC(2026, 10, 28, 12, 0, 0);
const minute = 60_000;

describe("last active as relative time", () => {
  test("uses the largest readable unit", () => {
    expect(relativeParts(now - 20_000, now)).toEqual({ value: 0, unit: "second" });
    expect(relativeParts(now - 5 * minute, now)).toEqual({ value: -5, unit: "minute" });
    expect(relativeParts(now - 190 * minute, now)).toEqual({ value: -3, unit: "hour" });
    expect(relativeParts(now - 3 * 24 * 60 * minute, now)).toEqual({ value: -3, unit: "day" });
    expect(relativeParts(now - 400 * 24 * 60 * minute, now)).toEqual({ value: -1, unit: "year" });
  });

  test("reads as a person would, in the chosen locale", () => {
    expect(formatRelative(now - 10_000, now, "en-US")).toBe("now");
    expect(formatRelative(now - 5 * minute, now, "en-US")).toBe("5 minutes ago");
    expect(formatRelative(now - 24 * 60 * minute, now, "en-US")).toBe("yesterday");
    expect(formatRelative(now - 5 * minute, now, "de-DE")).toBe("vor 5 Minuten");
  });
});
