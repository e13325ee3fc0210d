// How a device (a session) is named for people: the device types a session records, what
// to call each type, and the "Firefox on Linux" wording used by the devices page, the
// admin console, order history and e-mails. Pure, shared by Convex and the app.

export const DEVICE_TYPES = ["desktop", "mobile", "tablet", "tv", "bot", "unknown"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** What to call a device type in text (screen readers, tables, e-mails). */
export const DEVICE_TYPE_NAMES: Record<DeviceType, string> = {
  desktop: "Computer",
  mobile: "Phone",
  tablet: "Tablet",
  tv: "TV",
  bot: "Automated client",
  unknown: "Unknown device",
};

/** "Firefox on Linux", "Safari", "iOS device" or "Unknown device". */
export function describeDevice(
  browser: string | null | undefined,
  os: string | null | undefined,
): string {
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  if (os) return `${os} device`;
  return "Unknown device";
}

/** The name the user gave the device, else its browser and OS. */
export function deviceName(device: {
  label: string | null | undefined;
  browser: string | null | undefined;
  os: string | null | undefined;
}): string {
  return device.label || describeDevice(device.browser, device.os);
}

/** A device name as stored: trimmed, inner runs of white space made one space. */
export function normalizeDeviceLabel(label: string | null | undefined): string {
  return label?.trim().replace(/\s+/g, " ") ?? "";
}
