// What to call a device in text: the user's name for it, else its browser and OS.
// Same wording as convex/settings.ts `describeSession`, so the list, the dialogs and
// the order history agree.
export function describeDevice(
  browser: string | null,
  os: string | null,
): string {
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  if (os) return `${os} device`;
  return "Unknown device";
}

export function deviceName(device: {
  label: string | null;
  browser: string | null;
  os: string | null;
}): string {
  return device.label ?? describeDevice(device.browser, device.os);
}
