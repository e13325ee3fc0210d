import { describe, expect, test } from "vitest";
import { clientIp, describeDevice, platformHints } from "./device";

const UA = {
  macChrome:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  windowsEdge:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  iPhoneSafari:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  iPad: "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  androidFirefox:
    "Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0",
  oldMacFirefox:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.14; rv:115.0) Gecko/20100101 Firefox/115.0",
  googlebot:
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  curl: "curl/8.5.0",
};

const headers = (values: Record<string, string>) => new Headers(values);

describe("describeDevice", () => {
  test("desktop Chrome on a Mac: no made-up macOS version from the frozen UA", () => {
    expect(describeDevice(UA.macChrome)).toEqual({
      browser: "Chrome 131",
      os: "macOS",
      deviceType: "desktop",
      deviceLabel: "Chrome 131 on macOS",
    });
    expect(
      describeDevice(UA.macChrome, { platformVersion: '"15.1.0"' }).os,
    ).toBe("macOS 15");
    expect(describeDevice(UA.oldMacFirefox).os).toBe("macOS 10.14");
  });

  test("Edge on Windows: 10 or 11 only when the client hint says so", () => {
    expect(describeDevice(UA.windowsEdge)).toMatchObject({
      browser: "Microsoft Edge 131",
      os: "Windows",
      deviceType: "desktop",
    });
    expect(
      describeDevice(UA.windowsEdge, { platformVersion: '"15.0.0"' }).os,
    ).toBe("Windows 11");
    expect(
      describeDevice(UA.windowsEdge, { platformVersion: '"10.0.0"' }).os,
    ).toBe("Windows 10");
  });

  test("iPhone Safari", () => {
    expect(describeDevice(UA.iPhoneSafari)).toEqual({
      browser: "Safari 18",
      os: "iOS 18.1",
      deviceType: "mobile",
      deviceLabel: "Safari 18 on iPhone",
    });
  });

  test("iPad is a tablet", () => {
    expect(describeDevice(UA.iPad)).toEqual({
      browser: "Safari 17",
      os: "iOS 17.5",
      deviceType: "tablet",
      deviceLabel: "Safari 17 on iPad",
    });
  });

  test("Android Firefox", () => {
    expect(describeDevice(UA.androidFirefox)).toEqual({
      browser: "Firefox 132",
      os: "Android 14",
      deviceType: "mobile",
      deviceLabel: "Firefox 132 on Android 14",
    });
  });

  test("a crawler is a bot", () => {
    expect(describeDevice(UA.googlebot)).toMatchObject({
      browser: "Googlebot 2",
      deviceType: "bot",
    });
  });

  test("curl names itself; device type unknown", () => {
    expect(describeDevice(UA.curl)).toEqual({
      browser: "curl 8.5",
      os: null,
      deviceType: "unknown",
      deviceLabel: "curl 8.5",
    });
  });

  test.each([[""], ["   "], [null], [undefined]])(
    "no user agent (%j)",
    (ua) => {
      expect(describeDevice(ua)).toEqual({
        browser: null,
        os: null,
        deviceType: "unknown",
        deviceLabel: "Unknown device",
      });
    },
  );

  test("reads the platform hint from request headers", () => {
    expect(
      platformHints(headers({ "sec-ch-ua-platform-version": '"15.0.0"' })),
    ).toEqual({
      platformVersion: '"15.0.0"',
    });
    expect(platformHints(headers({}))).toEqual({ platformVersion: null });
  });
});

describe("clientIp", () => {
  const one = { hops: 1 };

  test("trusts nothing by default: a client-supplied address is never taken", () => {
    const spoofed = headers({ "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.77" });
    expect(clientIp(spoofed, { hops: 0 })).toBeNull();
  });

  test("behind one proxy, takes the entry that proxy appended, not what the client sent", () => {
    // The client sent "203.0.113.66"; our proxy appended the address it saw.
    const spoofed = headers({ "x-forwarded-for": "203.0.113.66, 198.51.100.4" });
    expect(clientIp(spoofed, one)).toBe("198.51.100.4");
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.4" }), one)).toBe("198.51.100.4");
  });

  test("behind two proxies, the outer one's entry", () => {
    const chain = headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.1" });
    expect(clientIp(chain, { hops: 2 })).toBe("203.0.113.7");
    // Fewer entries than proxies: the request did not come through them all.
    expect(clientIp(headers({ "x-forwarded-for": "10.0.0.1" }), { hops: 2 })).toBeNull();
  });

  test("a platform header is read as the platform set it; x-forwarded-for is ignored", () => {
    const request = headers({ "x-real-ip": "198.51.100.4", "x-forwarded-for": "6.6.6.6" });
    expect(clientIp(request, { header: "x-real-ip" })).toBe("198.51.100.4");
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6" }), { header: "x-real-ip" })).toBeNull();
  });

  test("strips ports and IPv6 brackets, lower-cases IPv6", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.7:51234" }), one)).toBe("203.0.113.7");
    expect(clientIp(headers({ "x-forwarded-for": "[2001:DB8::1]:443" }), one)).toBe("2001:db8::1");
    expect(clientIp(headers({ "x-forwarded-for": "2001:db8::2" }), one)).toBe("2001:db8::2");
  });

  test("returns null when nothing usable is there", () => {
    expect(clientIp(headers({}), one)).toBeNull();
    expect(clientIp(headers({ "x-forwarded-for": "unknown" }), one)).toBeNull();
    expect(clientIp(headers({ "x-real-ip": "300.1.1.1" }), { header: "x-real-ip" })).toBeNull();
    expect(clientIp(headers({ "x-real-ip": "<script>" }), { header: "x-real-ip" })).toBeNull();
  });
});

describe("describeDevice, older systems", () => {
  test("older Windows versions are named from the user agent", () => {
    expect(
      describeDevice(
        "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36",
      ).os,
    ).toBe("Windows 7");
  });
});
