// Dates as people read them: "5 minutes ago" with Intl.RelativeTimeFormat and a full
// date/time for titles, both in the locale this device chose in its settings (or the
// browser's when it chose none). Pure functions, so they are easy to test and reuse.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The largest unit that keeps the number readable ("3 hours ago", not "190 minutes ago"). */
export function relativeParts(
  at: number,
  now: number,
): { value: number; unit: Intl.RelativeTimeFormatUnit } {
  const diff = at - now;
  const abs = Math.abs(diff);
  // Under a minute is "now": a ticking seconds count would only distract.
  if (abs < MINUTE) return { value: 0, unit: "second" };
  if (abs < HOUR) return { value: Math.round(diff / MINUTE), unit: "minute" };
  if (abs < DAY) return { value: Math.round(diff / HOUR), unit: "hour" };
  if (abs < 30 * DAY) return { value: Math.round(diff / DAY), unit: "day" };
  if (abs < 365 * DAY) return { value: Math.round(diff / (30 * DAY)), unit: "month" };
  return { value: Math.round(diff / (365 * DAY)), unit: "year" };
}

/** "now", "5 minutes ago", "yesterday", "in 3 days". */
export function formatRelative(at: number, now: number, locale?: string): string {
  const { value, unit } = relativeParts(at, now);
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(value, unit);
}

/** "28 Nov 2026, 14:05" in the chosen locale's conventions. */
export function formatDateTime(at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(at);
}

/** "28 Nov 2026". */
export function formatDate(at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(at);
}
