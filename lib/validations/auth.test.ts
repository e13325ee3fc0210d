// The return-URL check is the guard against open redirects after sign-in.
import { describe, expect, it } from "vitest";
import { EMAIL_ERROR, emailSignInSchema, safeCallbackUrl } from "./auth";

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

  it("leaves encoded characters encoded, so they stay part of the path", () => {
    expect(safeCallbackUrl("/%0d%0aSet-Cookie:x")).toBe("/%0d%0aSet-Cookie:x");
  });

  it("uses the given fallback", () => {
    expect(safeCallbackUrl("https://evil.example", "/")).toBe("/");
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
