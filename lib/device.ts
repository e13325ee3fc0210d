// What a session's device looks like to a person: browser, OS and device type parsed
// from the user agent with `bowser`, plus the client IP from trusted proxy headers. Stored on
// the session when it is created, shown on the devices page and in the dashboard.
import Bowser from "bowser";
import { DEVICE_TYPES, type DeviceType } from "@/convex/shared/devices";

export type DeviceDescription = {
  /** e.g. "Chrome 131", "Safari 18", "curl 8.5"; null when unknown. */
  browser: string | null;
  /** e.g. "macOS 15", "Windows 11", "iOS 18.1", "Android 14"; null when unknown. */
  os: string | null;
  deviceType: DeviceType;
  /** One line for lists and e-mails, e.g. "Safari 18 on iPhone". */
  deviceLabel: string;
};

/**
 * Optional User-Agent Client Hints (`Sec-CH-UA-Platform-Version`), which tell what
 * the frozen user agent cannot: Windows 11 vs 10, the real macOS version. Chromium
 * sends them only after the app asks with an `Accept-CH` response header.
 */
export type PlatformHints = { platformVersion?: string | null };

const KNOWN_TYPES: ReadonlySet<string> = new Set<string>(DEVICE_TYPES);

/** "131.0.6778.33" → "131"; "8.5.0" → "8.5" (minor kept when major alone says little). */
function shortVersion(
  version: string | undefined,
  keepMinor = false,
): string | null {
  if (!version) return null;
  const parts = version.split(".").filter((p) => /^\d+$/.test(p));
  if (parts.length === 0) return null;
  if (keepMinor && parts.length > 1 && parts[1] !== "0")
    return `${parts[0]}.${parts[1]}`;
  return parts[0];
}

function describeOs(
  name: string | undefined,
  version: string | undefined,
  versionName: string | undefined,
  hints: PlatformHints,
): string | null {
  if (!name) return null;
  const hinted = hints.platformVersion?.replace(/"/g, "").trim();
  const hintedMajor = hinted ? Number.parseInt(hinted, 10) : Number.NaN;
  if (name === "Windows") {
    // Every Windows 10 and 11 browser says "NT 10.0"; the hint's major >= 13 means 11.
    // Without the hint, naming either would be a guess.
    if (version === "NT 10.0") {
      if (Number.isNaN(hintedMajor)) return "Windows";
      return hintedMajor >= 13 ? "Windows 11" : "Windows 10";
    }
    return versionName ? `Windows ${versionName}` : "Windows";
  }
  if (name === "macOS") {
    if (!Number.isNaN(hintedMajor) && hintedMajor > 10)
      return `macOS ${hintedMajor}`;
    // Browsers froze the macOS version at 10.15 years ago: showing it would mislead.
    if (!version || version.startsWith("10.15")) return "macOS";
    return `macOS ${shortVersion(version, true)}`;
  }
  if (name === "iOS" || name === "iPadOS" || name === "Android") {
    const short = shortVersion(version, true);
    return short ? `${name} ${short}` : name;
  }
  return name;
}

/** Non-browser clients (curl, scripts) name themselves as `product/version`. */
function plainClient(userAgent: string): string | null {
  const match = /^([A-Za-z][\w-]*)\/(\d[\w.]*)/.exec(userAgent);
  if (!match || match[1] === "Mozilla") return null;
  const version = shortVersion(match[2], true);
  return version ? `${match[1]} ${version}` : match[1];
}

export function describeDevice(
  userAgent: string | null | undefined,
  hints: PlatformHints = {},
): DeviceDescription {
  const ua = userAgent?.trim() ?? "";
  // bowser throws on an empty string.
  if (ua === "") {
    return {
      browser: null,
      os: null,
      deviceType: "unknown",
      deviceLabel: "Unknown device",
    };
  }
  const result = Bowser.getParser(ua).getResult();
  const browser = result.browser.name
    ? [result.browser.name, shortVersion(result.browser.version)]
        .filter(Boolean)
        .join(" ")
    : plainClient(ua);
  const os = describeOs(
    result.os.name,
    result.os.version,
    result.os.versionName,
    hints,
  );
  const platformType = result.platform.type ?? "";
  const deviceType = (
    KNOWN_TYPES.has(platformType) ? platformType : "unknown"
  ) as DeviceType;
  const where = result.platform.model ?? os;
  const deviceLabel =
    browser && where
      ? `${browser} on ${where}`
      : (browser ?? where ?? "Unknown device");
  return { browser, os, deviceType, deviceLabel };
}

type HeaderReader = { get(name: string): string | null };

/** An IPv4/IPv6 literal, with a port or IPv6 brackets removed; null if it is not one. */
function normalizeIp(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (v4WithPort) value = v4WithPort[1];
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(value)) {
    return value.split(".").every((octet) => Number(octet) <= 255)
      ? value
      : null;
  }
  if (value.includes(":") && /^[0-9a-fA-F:.]{2,45}$/.test(value))
    return value.toLowerCase();
  return null;
}

/**
 * Which request headers may say who the client is (`TRUSTED_PROXY_HOPS` or
 * `CLIENT_IP_HEADER`, lib/env.ts). The client can put anything in X-Forwarded-For;
 * only entries appended by proxies we run count.
 */
export type ClientIpTrust = { hops: number } | { header: string };

/**
 * The client's IP, or null when no trusted source says. With `hops` proxies in front,
 * each appending the address it was reached from, the entry `hops` places from the
 * right of X-Forwarded-For was written by the outermost one; everything left of it
 * came from the client. With a platform `header` (set and overwritten by the
 * platform, e.g. x-real-ip), its value. Shown to people, never used for access checks.
 */
export function clientIp(headers: HeaderReader, trust: ClientIpTrust): string | null {
  if ("header" in trust) {
    return normalizeIp(headers.get(trust.header)?.split(",")[0] ?? "");
  }
  if (trust.hops < 1) return null;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const entry = entries[entries.length - trust.hops];
  return entry === undefined ? null : normalizeIp(entry);
}

/** The platform hint from request headers, for `describeDevice`'s second argument. */
export function platformHints(headers: HeaderReader): PlatformHints {
  return { platformVersion: headers.get("sec-ch-ua-platform-version") };
}
