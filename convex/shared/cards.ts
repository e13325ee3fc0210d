// The simulated payment's card rules, shared by the Convex checkout (the real check) and
// the checkout form's zod schema (early, friendly feedback). Pure functions.

/** A test card number the simulated payment accepts, as people type it. */
export const ACCEPTED_TEST_CARD = "4242 4242 4242 4242";
/** The test card number the simulated payment always declines, as people type it. */
export const DECLINED_TEST_CARD = "4000 0000 0000 0002";

/** The digits of a typed card number (spaces and dashes dropped). */
export function cardDigits(typed: string): string {
  return typed.replace(/[\s-]/g, "");
}

/** Whether these digits always get declined. */
export function isDeclinedTestCard(digits: string): boolean {
  return digits === cardDigits(DECLINED_TEST_CARD);
}

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 12 to 19 digits that pass the Luhn check. */
export function isCardNumber(digits: string): boolean {
  return /^\d{12,19}$/.test(digits) && luhnValid(digits);
}

/** "MM/YY" or "MM/YYYY" → the first ms after the card's last valid month, or null. */
export function expiryEnd(expiry: string): number | null {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (m === null) return null;
  const month = Number(m[1]);
  const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return null;
  // A card is valid through the end of its expiry month.
  return Date.UTC(year, month, 1);
}
