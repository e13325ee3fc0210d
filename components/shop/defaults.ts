// Plain constants shared by server and client shop code (a "use client" module's
// exports would reach server components as client references, not values).

/** Locale for prices and dates when this device chose none in its settings. */
export const DEFAULT_LOCALE = "en-US";
