// The return-URL check is the guard against open redirects after sign-in.
import { describe, expect, it } from "vitest";
import {
  CALLBACK_URL_MAX,
  EMAIL_ERROR,
  emailSignInSchema,
  safeAuthRedirect,
  safeCallbackUrl,
  sameOriginPath,
} from "./auth";

/**
 * The classic open-redirect payloads: each either names another host outright or becomes
 * `//x` (another host) once a browser or URL parser has normalised it.
 */
const HOSTILE = [
  "//x",
  "///x",
  "/\\x",
  "\\/\\/x",
  "/.//x",
  "/./\\x",
  "/a/..//x",
  "/a/../\\x",
  "/%2e//x",
  "/%2E%2E//x",
  "/%2e%2e/%2e%2e//x",
  "%2F%2Fx",
  "/%2F%2Fx",
  "/%2f/x",
  "/%5Cx",
  "/a/%2e%2e%2f%2fx",
  "https://x",
  "http:x",
  "http:/x",
  "HTTPS://x",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "java\rscript:alert(1)",
  "htt\tps://x",
  "/\t/x",
  "/\n/x",
  "/\r/x",
  "/\r\n/x",
  "/\u0000/x",
  "/x\u007f",
  " //x",
  "\t/x",
  "data:text/html,<script>alert(1)</script>",
];

describe("safeCallbackUrl", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeCallbackUrl("/account/devices")).toBe("/account/devices");
    expect(safeCallbackUrl("/s/demo/checkout?step=2")).toBe("/s/demo/checkout?step=2");
    expect(safeCallbackUrl(["/account", "/admin"])).toBe("/account");
  });

  it.each([
    undefined,
    null,
    "",
    "account",
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "/a\\b",
    "/a\nb",
    "javascript:alert(1)",
    "/signin",
    "/signin/error?error=Verification",
  ])("falls back for %s", (value) => {
    expect(safeCallbackUrl(value)).toBe("/account");
  });

  it.each(HOSTILE)("falls back for the payload %j", (payload) => {
    expect(safeCallbackUrl(payload)).toBe("/account");
    expect(sameOriginPath(payload)).toBeNull();
  });

  it("keeps query and hash of a real path, and normalises harmless dot segments", () => {
    expect(safeCallbackUrl("/s/alpine/p/abc?size=m&color=red#reviews")).toBe(
      "/s/alpine/p/abc?size=m&color=red#reviews",
    );
    expect(safeCallbackUrl("/s/alpine?q=a%2Fb&next=//x")).toBe("/s/alpine?q=a%2Fb&next=//x");
    expect(safeCallbackUrl("/account/./devices/../orders")).toBe("/account/orders");
    expect(safeCallbackUrl("/a b")).toBe("/a%20b");
  });

  it("refuses over-long values, before and after encoding", () => {
    const longest = `/${"a".repeat(CALLBACK_URL_MAX - 1)}`;
    expect(safeCallbackUrl(longest)).toBe(longest);
    expect(safeCallbackUrl(`${longest}a`)).toBe("/account");
    // 1 001 characters in, 6 001 once percent-encoded.
    expect(safeCallbackUrl(`/${"é".repeat(1000)}`)).toBe("/account");
  });

  it("only ever returns a single-slash path that reads back as itself", () => {
    for (const value of [...HOSTILE, "/account", "/./a//b", "/a/..", "/%2e", "/?//x", "/#//x"]) {
      const out = safeCallbackUrl(value);
      expect(out).toMatch(/^\/(?![/\\])/);
      expect(out).not.toMatch(/[\u0000-\u001f\u007f\\]/);
      const reread = new URL(out, "https://shop.example");
      expect(reread.origin).toBe("https://shop.example");
      expect(`${reread.pathname}${reread.search}${reread.hash}`).toBe(out);
    }
  });

  it("leaves encoded characters encoded, so they stay part of the path", () => {
    expect(safeCallbackUrl("/%0d%0aSet-Cookie:x")).toBe("/%0d%0aSet-Cookie:x");
  });

  it("uses the given fallback", () => {
    expect(safeCallbackUrl("https://evil.example", "/")).toBe("/");
  });
});

describe("safeAuthRedirect (Auth.js callbacks.redirect)", () => {
  const baseUrl = "http://localhost:3000";
  const redirect = (url: string) => safeAuthRedirect({ url, baseUrl });

  it("puts same-origin paths on the app's origin", () => {
    expect(redirect("/account/devices?from=mail#top")).toBe(
      "http://localhost:3000/account/devices?from=mail#top",
    );
    expect(redirect("/")).toBe("http://localhost:3000/");
  });

  it("keeps absolute URLs on the app's own origin", () => {
    expect(redirect("http://localhost:3000/s/alpine?x=1")).toBe("http://localhost:3000/s/alpine?x=1");
    expect(redirect("http://localhost:3000")).toBe("http://localhost:3000/");
    expect(safeAuthRedirect({ url: "https://shop.example/account", baseUrl: "https://shop.example" })).toBe(
      "https://shop.example/account",
    );
  });

  it.each([
    ...HOSTILE,
    "https://evil.example/account",
    "http://localhost:3001/account",
    "https://localhost:3000/account",
    "http://localhost:3000.evil.example/",
    "http://localhost:3000@evil.example/",
    "http://evil.example\\@localhost:3000/",
    "http://localhost:3000/.//x",
    "http://localhost:3000/%2e//x",
    "http://localhost:3000//x",
    "http://local\thost:3000/x",
    `http://localhost:3000/${"a".repeat(CALLBACK_URL_MAX)}`,
    "",
  ])("sends %j to the app's origin instead", (url) => {
    expect(redirect(url)).toBe("http://localhost:3000");
  });
});

describe("emailSignInSchema", () => {
  it("trims and accepts a valid address", () => {
    const parsed = emailSignInSchema.safeParse({ email: "  ada@example.com " });
    expect(parsed.success && parsed.data.email).toBe("ada@example.com");
  });

  it.each(["", "   ", "ada", "ada@", "@example.com", "a b@example.com"])(
    "rejects %j with the friendly message",
    (email) => {
      const parsed = emailSignInSchema.safeParse({ email });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(parsed.error.issues[0]?.message).toBe(EMAIL_ERROR);
    },
  );
});
