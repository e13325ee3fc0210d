import { describe, expect, test } from "vitest";
import {
  currencyDigits,
  formatMoney,
  minorToDecimalString,
  parseMoney,
} from "./money";

// Intl puts non-breaking spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/\s/g, " ");

describe("formatMoney", () => {
  test("respects each currency's minor-unit digits", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("BHD")).toBe(3);
    expect(formatMoney(1800, "USD", "en-US")).toBe("$18.00");
    expect(formatMoney(1800, "JPY", "en-US")).toBe("¥1,800");
    expect(plain(formatMoney(1234, "BHD", "en-US"))).toBe("BHD 1.234");
    expect(formatMoney(0, "GBP", "en-GB")).toBe("£0.00");
  });

  test("follows the locale's conventions", () => {
    expect(plain(formatMoney(123456, "EUR", "de-DE"))).toBe("1.234,56 €");
    expect(formatMoney(123456, "EUR", "en-IE")).toBe("€1,234.56");
    expect(plain(formatMoney(1800, "JPY", "ja-JP"))).toMatch(/^[¥￥]1,800$/);
  });
});

describe("parseMoney and minorToDecimalString", () => {
  test("turn typed amounts into exact minor units and back", () => {
    expect(parseMoney("12", "EUR")).toBe(1200);
    expect(parseMoney(" 12.5 ", "EUR")).toBe(1250);
    expect(parseMoney("0.29", "EUR")).toBe(29);
    expect(parseMoney("12,99", "EUR")).toBe(1299);
    expect(parseMoney("12.", "EUR")).toBe(1200);
    expect(parseMoney("1800", "JPY")).toBe(1800);
    expect(minorToDecimalString(1250, "EUR")).toBe("12.50");
    expect(minorToDecimalString(5, "USD")).toBe("0.05");
    expect(minorToDecimalString(1800, "JPY")).toBe("1800");
  });

  test("refuse what is not a plain non-negative amount", () => {
    for (const text of ["", "-1", "1.234", "abc", "1e3", "12.5.0", "1 000"]) {
      expect(parseMoney(text, "EUR"), text).toBeNull();
    }
    expect(parseMoney("18.5", "JPY")).toBeNull();
  });
});
