import { describe, expect, test, vi } from "vitest";

// `server-only` throws outside React Server Components; the parsing is plain code.
vi.mock("server-only", () => ({}));

const { EnvError, parseServerEnv } = await import("./env");

const PEM_BODY =
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
const PEM = `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----`;

const BASE = {
  AUTH_SECRET: "a".repeat(32),
  AUTH_URL: "http://localhost:3000",
  NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:3210",
  CONVEX_SITE_URL: "http://127.0.0.1:3211",
  CONVEX_AUTH_PRIVATE_KEY: PEM,
  CONVEX_AUTH_ADAPTER_SECRET: "s".repeat(32),
};

function errorOf(source: Record<string, string | undefined>) {
  try {
    parseServerEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected an EnvError");
}

describe("parseServerEnv", () => {
  test("accepts the minimal production set, with every provider off", () => {
    const env = parseServerEnv(BASE);
    expect(env.AUTH_SECRET).toBe(BASE.AUTH_SECRET);
    expect(env.NEXT_PUBLIC_CONVEX_URL).toBe("http://127.0.0.1:3210");
    expect(env.CONVEX_AUTH_PRIVATE_KEY).toBe(PEM);
    expect(env.ADMIN_EMAILS).toEqual([]);
    expect(env.providers).toEqual({
      github: null,
      google: null,
      email: null,
      demoOidc: null,
    });
  });

  test("names a missing required variable in one line that says what it is", () => {
    const { CONVEX_AUTH_PRIVATE_KEY: _omit, ...rest } = BASE;
    void _omit;
    const error = errorOf(rest);
    expect(error.message).toBe(
      "Missing environment variable CONVEX_AUTH_PRIVATE_KEY: the PKCS#8 PEM private key that signs Convex tokens. Run npm run dev once to generate it.",
    );
    expect(error.message).not.toContain("\n");
    expect(error.stack).toBe(`EnvError: ${error.message}`);
    expect(error.variables).toEqual(["CONVEX_AUTH_PRIVATE_KEY"]);
  });

  test("treats an empty value as missing", () => {
    expect(errorOf({ ...BASE, AUTH_SECRET: "" }).message).toMatch(
      /^Missing environment variable AUTH_SECRET: /,
    );
  });

  test("lists every problem in the one line", () => {
    const error = errorOf({
      ...BASE,
      AUTH_SECRET: undefined,
      CONVEX_SITE_URL: "nope",
    });
    expect(error.variables).toEqual(["AUTH_SECRET", "CONVEX_SITE_URL"]);
    expect(error.message).toContain("Missing environment variable AUTH_SECRET");
    expect(error.message).toContain(
      "Malformed environment variable CONVEX_SITE_URL: expected an http(s) URL",
    );
    expect(error.message).not.toContain("\n");
  });

  test.each([
    ["NEXT_PUBLIC_CONVEX_URL", "ftp://example.com", "expected an http(s) URL"],
    [
      "CONVEX_AUTH_PRIVATE_KEY",
      "not a key",
      "expected a PKCS#8 PEM private key",
    ],
    [
      "CONVEX_AUTH_PRIVATE_KEY",
      PEM.replace(/PRIVATE KEY/g, "RSA PRIVATE KEY"),
      "expected a PKCS#8 PEM private key",
    ],
    ["CONVEX_AUTH_ADAPTER_SECRET", "short", "at least 16 characters"],
    ["AUTH_TRUST_HOST", "maybe", "expected true or false"],
    ["ALLOW_DEV_SIGN_IN", "enabled", "expected true or false"],
    ["AUTH_URL", "https://shop.example.com/shop", "expected just the origin"],
    ["TRUSTED_PROXY_HOPS", "one", "expected a whole number of proxies"],
    ["CLIENT_IP_HEADER", "x real ip", "expected a header name"],
    ["RESEND_BASE_URL", "localhost:4020", "expected an http(s) URL"],
  ])("reports %s=%j as malformed", (name, value, why) => {
    const error = errorOf({ ...BASE, [name]: value });
    expect(error.variables).toEqual([name]);
    expect(error.message).toMatch(
      new RegExp(`^Malformed environment variable ${name}: `),
    );
    expect(error.message).toContain(why);
  });

  test("never echoes a secret value in the error", () => {
    const error = errorOf({ ...BASE, CONVEX_AUTH_ADAPTER_SECRET: "hunter2" });
    expect(error.message).not.toContain("hunter2");
  });

  test("accepts a one-line PEM with \\n escapes and turns them into newlines", () => {
    const env = parseServerEnv({
      ...BASE,
      CONVEX_AUTH_PRIVATE_KEY: PEM.replace(/\n/g, "\\n"),
    });
    expect(env.CONVEX_AUTH_PRIVATE_KEY).toBe(PEM);
  });

  test("drops a trailing slash from the token issuer, which must match Convex exactly", () => {
    expect(
      parseServerEnv({ ...BASE, CONVEX_SITE_URL: "https://x.convex.site/" })
        .CONVEX_SITE_URL,
    ).toBe("https://x.convex.site");
  });

  test("parses flags and the admin list", () => {
    const env = parseServerEnv({
      ...BASE,
      AUTH_TRUST_HOST: "true",
      ADMIN_EMAILS: " Admin@Example.com, ,ops@example.com ",
    });
    expect(env.AUTH_TRUST_HOST).toBe(true);
    expect(env.ADMIN_EMAILS).toEqual(["admin@example.com", "ops@example.com"]);
  });

  test("turns providers on only when all their variables are set", () => {
    const env = parseServerEnv({
      ...BASE,
      AUTH_GITHUB_ID: "gh-id",
      AUTH_GITHUB_SECRET: "gh-secret",
      AUTH_RESEND_KEY: "re_123",
      EMAIL_FROM: "Shop <no-reply@shop.test>",
      RESEND_BASE_URL: "http://127.0.0.1:4020",
      DEMO_OIDC_ISSUER: "http://127.0.0.1:4010",
      DEMO_OIDC_CLIENT_ID: "client",
      DEMO_OIDC_CLIENT_SECRET: "secret",
      ALLOW_DEV_SIGN_IN: "1",
    });
    expect(env.providers).toEqual({
      github: { clientId: "gh-id", clientSecret: "gh-secret" },
      google: null,
      email: {
        apiKey: "re_123",
        from: "Shop <no-reply@shop.test>",
        baseUrl: "http://127.0.0.1:4020",
      },
      demoOidc: {
        issuer: "http://127.0.0.1:4010",
        clientId: "client",
        clientSecret: "secret",
      },
    });
    expect(env.AUTH_GITHUB_ID).toBe("gh-id");
  });

  test("a half-configured provider is an error naming what is missing", () => {
    const google = errorOf({ ...BASE, AUTH_GOOGLE_ID: "g-id" });
    expect(google.message).toBe(
      "Missing environment variable AUTH_GOOGLE_SECRET: the Google OAuth client secret; set together with AUTH_GOOGLE_ID (AUTH_GOOGLE_ID is set).",
    );
    const demo = errorOf({
      ...BASE,
      DEMO_OIDC_ISSUER: "http://127.0.0.1:4010",
      ALLOW_DEV_SIGN_IN: "1",
    });
    expect(demo.variables).toEqual([
      "DEMO_OIDC_CLIENT_ID",
      "DEMO_OIDC_CLIENT_SECRET",
    ]);
    const email = errorOf({ ...BASE, AUTH_RESEND_KEY: "re_123" });
    expect(email.variables).toEqual(["EMAIL_FROM"]);
    // A sender without a key is harmless: e-mail simply stays off.
    expect(
      parseServerEnv({ ...BASE, EMAIL_FROM: "x@y.z" }).providers.email,
    ).toBeNull();
  });

  test("AUTH_URL is required: every link and redirect is built on it", () => {
    const { AUTH_URL: _omit, ...rest } = BASE;
    void _omit;
    expect(errorOf(rest).variables).toEqual(["AUTH_URL"]);
    expect(parseServerEnv({ ...BASE, AUTH_URL: "https://shop.example.com/" }).AUTH_URL).toBe(
      "https://shop.example.com",
    );
  });

  test("a production server needs https, except on this machine", () => {
    const production = { ...BASE, NODE_ENV: "production" };
    const plain = errorOf({ ...production, AUTH_URL: "http://shop.example.com" });
    expect(plain.variables).toEqual(["AUTH_URL"]);
    expect(plain.message).toContain("must use https");
    expect(parseServerEnv({ ...production, AUTH_URL: "https://shop.example.com" }).AUTH_URL).toBe(
      "https://shop.example.com",
    );
    for (const local of ["http://localhost:3100", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect(parseServerEnv({ ...production, AUTH_URL: local }).AUTH_URL).toBe(local);
    }
    // Outside production (next dev) plain http on a LAN name is the developer's business.
    expect(parseServerEnv({ ...BASE, AUTH_URL: "http://devbox.lan:3000" }).AUTH_URL).toBe(
      "http://devbox.lan:3000",
    );
  });

  test.each([
    ["1", true],
    ["true", true],
    ["Yes", true],
    ["on", true],
    ["0", false],
    ["FALSE", false],
    ["no", false],
    ["off", false],
  ])("reads the flag %j one way: %s", (value, expected) => {
    expect(parseServerEnv({ ...BASE, AUTH_TRUST_HOST: "1", ALLOW_DEV_SIGN_IN: value }).ALLOW_DEV_SIGN_IN).toBe(
      expected,
    );
  });

  test("AUTH_TRUST_HOST=false is refused: it could only break sign-in", () => {
    for (const value of ["false", "0"]) {
      const error = errorOf({ ...BASE, AUTH_TRUST_HOST: value });
      expect(error.variables).toEqual(["AUTH_TRUST_HOST"]);
      expect(error.message).toContain("never trusts the Host header");
    }
  });

  test.each(["DEMO_OIDC_ISSUER", "RESEND_BASE_URL"])(
    "a dev-only sign-in variable (%s) without ALLOW_DEV_SIGN_IN stops the server, naming it",
    (name) => {
      const demo = {
        DEMO_OIDC_ISSUER: "http://127.0.0.1:4010",
        DEMO_OIDC_CLIENT_ID: "client",
        DEMO_OIDC_CLIENT_SECRET: "secret",
      };
      const dev = name === "DEMO_OIDC_ISSUER" ? demo : { RESEND_BASE_URL: "http://127.0.0.1:4020" };
      for (const flag of [undefined, "0"]) {
        const error = errorOf({ ...BASE, NODE_ENV: "production", ...dev, ALLOW_DEV_SIGN_IN: flag });
        expect(error.variables).toEqual([name]);
        expect(error.message).toContain(`set ALLOW_DEV_SIGN_IN=1 on a developer's machine`);
      }
      expect(parseServerEnv({ ...BASE, ...dev, ALLOW_DEV_SIGN_IN: "1" })).toBeTruthy();
    },
  );

  test("with ALLOW_DEV_SIGN_IN on, the app, the demo issuer and the mail API must be on this machine", () => {
    const dev = {
      ...BASE,
      ALLOW_DEV_SIGN_IN: "1",
      DEMO_OIDC_ISSUER: "http://127.0.0.1:4010",
      DEMO_OIDC_CLIENT_ID: "client",
      DEMO_OIDC_CLIENT_SECRET: "secret",
    };
    expect(errorOf({ ...dev, DEMO_OIDC_ISSUER: "https://login.example.com" }).variables).toEqual([
      "DEMO_OIDC_ISSUER",
    ]);
    expect(errorOf({ ...dev, RESEND_BASE_URL: "https://mail.example.com" }).variables).toEqual([
      "RESEND_BASE_URL",
    ]);
    expect(errorOf({ ...dev, AUTH_URL: "https://shop.example.com" }).variables).toEqual([
      "AUTH_URL",
    ]);
  });

  test("client IP trust: none by default, proxy hops or a platform header, not both", () => {
    expect(parseServerEnv(BASE).clientIp).toEqual({ hops: 0 });
    expect(parseServerEnv({ ...BASE, TRUSTED_PROXY_HOPS: "1" }).clientIp).toEqual({ hops: 1 });
    expect(parseServerEnv({ ...BASE, CLIENT_IP_HEADER: "X-Real-IP" }).clientIp).toEqual({
      header: "x-real-ip",
    });
    expect(
      errorOf({ ...BASE, TRUSTED_PROXY_HOPS: "1", CLIENT_IP_HEADER: "x-real-ip" }).variables,
    ).toEqual(["CLIENT_IP_HEADER"]);
  });
});
