// Spans of time in words for people: "15 minutes", "1 hour", "a few seconds". Used for
// how long a sign-in link lasts and when a rate-limited caller may try again. Pure.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** A span, rounded up to the unit that reads best ("4 minutes", not "3.2 minutes"). */
export function durationInWords(ms: number): string {
  if (ms < 10 * SECOND) return "a few seconds";
  if (ms < MINUTE) return count(Math.ceil(ms / SECOND), "second");
  if (ms < HOUR) return count(Math.ceil(ms / MINUTE), "minute");
  return count(Math.ceil(ms / HOUR), "hour");
}

/** "Try again in 4 minutes." for a caller who may retry at `retryAt` (ms). */
export function tryAgainIn(retryAt: number, now = Date.now()): string {
  return `Try again in ${durationInWords(Math.max(0, retryAt - now))}.`;
}
