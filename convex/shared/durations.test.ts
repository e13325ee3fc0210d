import { describe, expect, test } from "vitest";
import { durationInWords, tryAgainIn } from "./durations";

describe("durations in words", () => {
  test.each([
    [0, "a few seconds"],
    [9_000, "a few seconds"],
    [45_000, "45 seconds"],
    [60_000, "1 minute"],
    [61_000, "2 minutes"],
    [15 * 60_000, "15 minutes"],
    [60 * 60_000, "1 hour"],
    [24 * 60 * 60_000, "24 hours"],
  ])("%i ms reads %j", (ms, words) => {
    expect(durationInWords(ms)).toBe(words);
  });

  test("a retry time in the past is now", () => {
    expect(tryAgainIn(1_000, 5_000)).toBe("Try again in a few seconds.");
    expect(tryAgainIn(4 * 60_000 + 5_000, 5_000)).toBe("Try again in 4 minutes.");
  });
});
