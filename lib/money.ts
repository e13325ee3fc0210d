// Money on the Next.js side. Prices are integer minor units of the store's currency
// (cents for EUR/USD, yen for JPY, which has no minor unit). The number of minor-unit
// digits comes from Intl, so JPY shows "¥1,800" for 1800 and EUR "€18.00" for 1800.

/** Locale for prices and dates when this device chose none in its settings. */
export const DEFAULT_LOCALE = "en-US";

/** How many digits the currency's minor unit has (2 for EUR, 0 for JPY, 3 for BHD). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", {
      style: "currency",
      currency,
    }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** "€18.00", "18,00 €", "¥1,800", … for an amount in minor units. */
export function formatMoney(
  minor: number,
  currency: string,
  locale?: string,
): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    minor / 10 ** digits,
  );
}

/**
 * A decimal string typed by a person ("12", "12.5", "12,50") → integer minor units,
 * or null when it is not a plain non-negative amount with at most the currency's
 * digits. Done on the digits, not with floats, so "0.29" is exactly 29.
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const value = text.trim().replace(",", ".");
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(value);
  if (match === null) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  return (
    Number(match[1]) * 10 ** digits +
    Number(fraction.padEnd(digits, "0") || "0")
  );
}

/** Minor units → the plain decimal string a form field shows ("18.00", "1800" for JPY). */
export function minorToDecimalString(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const whole = Math.floor(minor / 10 ** digits);
  const fraction = String(minor % 10 ** digits).padStart(digits, "0");
  return `${whole}.${fraction}`;
}
