// Card-number checks of the simulated payment, shared by the Convex checkout (the real
// check) and the checkout form's zod schema (early, friendly feedback). Pure functions:
// importable from both runtimes.

/** The test card number that the simulated payment always declines (digits only). */
export const DECLINED_CARD_DIGITS = "4000000000000002";

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
