// Text that hides characters is refused; ordinary text in any script is not.
import { describe, expect, test } from "vitest";
import { hasHiddenCharacters } from "./text";

describe("hidden characters", () => {
  test.each([
    ["right-to-left override", "Work\u202Elaptop"],
    ["left-to-right isolate", "a\u2066b"],
    ["zero-width space", "Work\u200Blaptop"],
    ["word joiner", "a\u2060b"],
    ["byte-order mark", "\uFEFFname"],
    ["NUL", "a\u0000b"],
    ["escape", "a\u001B[31mred"],
    ["C1 control", "a\u0085b"],
    ["line break in a one-line field", "line\nbreak"],
  ])("refuses a %s", (_what, text) => {
    expect(hasHiddenCharacters(text)).toBe(true);
  });

  test.each([
    "Work laptop",
    "Küchen-Tablet",
    "東京の店",
    "مرحبا بالعالم",
    "שלום",
    "family 👨‍👩‍👧",
    "می‌خواهم",
    "<script>alert(1)</script>",
  ])("accepts %j", (text) => {
    expect(hasHiddenCharacters(text)).toBe(false);
  });

  test("several lines are fine where a field allows them, controls still are not", () => {
    expect(hasHiddenCharacters("first\nsecond\r\n\tthird", { multiline: true })).toBe(false);
    expect(hasHiddenCharacters("first\u202Esecond", { multiline: true })).toBe(true);
  });
});
