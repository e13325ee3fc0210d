// auth.ts as Auth.js receives it, with every provider configured: no OAuth / OIDC provider
// keeps the provider's tokens (its `account` callback returns nothing to store), and Auth.js's
// redirects go through the same same-origin check as the sign-in page. NextAuth is replaced by
// a stand-in that hands back the config factory; the modules auth.ts calls at request time are
// stubbed, since nothing here makes a request.
import type { NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ headers: vi.fn() }));
vi.mock("next/server", () => ({ after: vi.fn() }));
vi.mock("@/server/auth-adapter", () => ({ ConvexAdapter: () => ({}), touchSessionIfStale: vi.fn() }));
vi.mock("@/server/convex-token", () => ({ convexTokenForSession: vi.fn() }));
vi.mock("@/server/email", () => ({
  linkTo: vi.fn(),
  sendMagicLink: vi.fn(),
  sendNewDeviceNotice: vi.fn(),
}));
vi.mock("next-auth", () => ({
  default: (config: () => NextAuthConfig) => ({ handlers: {}, auth: config, signIn: vi.fn(), signOut: vi.fn() }),
}));
vi.mock("@/lib/env", () => ({
  getServerEnv: () => ({
    AUTH_SECRET: "test-secret-test-secret",
    providers: {
      github: { clientId: "gh-id", clientSecret: "gh-secret" },
      google: { clientId: "google-id", clientSecret: "google-secret" },
      email: { apiKey: "re_test", from: "Shop <shop@example.com>", baseUrl: null },
      demoOidc: { issuer: "http://127.0.0.1:4010", clientId: "demo-id", clientSecret: "demo-secret" },
    },
  }),
}));

async function authConfig(): Promise<NextAuthConfig> {
  const { auth } = await import("@/auth");
  return (auth as unknown as () => NextAuthConfig)();
}

type Resolved = {
  id: string;
  type: string;
  account?: (tokens: Record<string, unknown>) => unknown;
  options?: { account?: (tokens: Record<string, unknown>) => unknown };
};

/** A provider as Auth.js reads it: the factory's defaults with the options we passed on top. */
function resolve(provider: Provider): Resolved {
  return (typeof provider === "function" ? provider() : provider) as unknown as Resolved;
}

const TOKENS = {
  access_token: "gho_access",
  refresh_token: "refresh",
  id_token: "eyJ.id.token",
  expires_at: 1_900_000_000,
  token_type: "bearer",
  scope: "openid email",
};

describe("auth.ts", () => {
  it("gives every OAuth and OIDC provider an account callback that keeps no tokens", async () => {
    const providers = (await authConfig()).providers.map(resolve);
    const oauth = providers.filter((p) => p.type === "oauth" || p.type === "oidc");
    expect(oauth.map((p) => p.id)).toEqual(["github", "google", "demo"]);
    for (const provider of oauth) {
      const account = provider.options?.account ?? provider.account;
      expect(account, `${provider.id} has an account callback`).toBeTypeOf("function");
      expect(account!({ ...TOKENS }), provider.id).toBeUndefined();
    }
  });

  it("checks Auth.js's redirects: same-origin paths and URLs only", async () => {
    const redirect = (await authConfig()).callbacks!.redirect!;
    const baseUrl = "https://shop.example";
    expect(await redirect({ url: "/account/devices?x=1", baseUrl })).toBe("https://shop.example/account/devices?x=1");
    expect(await redirect({ url: "https://shop.example/s/alpine", baseUrl })).toBe("https://shop.example/s/alpine");
    for (const url of ["https://evil.example/", "//evil.example", "/.//evil.example", "https://shop.example/%2e//evil.example"]) {
      expect(await redirect({ url, baseUrl }), url).toBe("https://shop.example");
    }
  });
});
