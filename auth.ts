// Auth.js for the whole app: providers, the Convex-backed adapter, and the session
// callback, which is the ONE place a Convex token is made. Everything else reads the
// trimmed session this file returns (see the `Session` augmentation below): never the
// session token, never Convex system fields.
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { AdapterSession, AdapterUser } from "next-auth/adapters";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Passkey from "next-auth/providers/passkey";
import Resend from "next-auth/providers/resend";
import { headers } from "next/headers";
import { after } from "next/server";
import { LAST_SEEN_INTERVAL_MS } from "@/convex/shared/limits";
import { DEVICE_TYPE_NAMES } from "@/convex/shared/devices";
import type { SignInMethod } from "@/convex/shared/signIn";
import { clientIp, describeDevice, platformHints } from "@/lib/device";
import { getServerEnv } from "@/lib/env";
import { safeAuthRedirect } from "@/lib/validations/auth";
import {
  allowMagicLink,
  ConvexAdapter,
  sessionActivity,
  touchSessionIfStale,
  type ConvexAdapterSession,
} from "@/server/auth-adapter";
import { currentAuthRequest } from "@/server/auth-request";
import { convexTokenForSession } from "@/server/convex-token";
import { trackedWebAuthn } from "@/server/passkeys";
import { linkTo, sendMagicLink, sendNewDeviceNotice } from "@/server/email";

declare module "next-auth" {
  /** What the app (server and browser) sees of a session. */
  interface Session {
    user: {
      id: string;
      name: string | null;
      email: string;
      image: string | null;
    };
    /** The Convex `sessions` id: this device's identity. */
    sessionId: string;
    /** RS256 JWT for Convex (`sub` = `userId;sessionId`), reused until near expiry. */
    convexToken: string;
    /** Token expiry, ms since epoch. */
    convexTokenExpiresAt: number;
  }
}

/** How long an e-mailed sign-in link stays valid (stated in the e-mail). */
export const MAGIC_LINK_MAX_AGE_SECONDS = 15 * 60;

/** Provider ids, shared with the sign-in page. */
export const EMAIL_PROVIDER_ID = "resend";
export const DEMO_PROVIDER_ID = "demo";
export const PASSKEY_PROVIDER_ID = "passkey";

/** What each provider's sign-ins are recorded as on their session. */
const SIGN_IN_METHOD_BY_PROVIDER: Record<string, SignInMethod> = {
  github: "github",
  google: "google",
  [EMAIL_PROVIDER_ID]: "email",
  [PASSKEY_PROVIDER_ID]: "passkey",
  [DEMO_PROVIDER_ID]: "demo",
};

/**
 * Every OAuth / OIDC provider's `account` callback: the app never calls a provider's API,
 * so it keeps none of the access, refresh or ID tokens Auth.js would otherwise store in
 * `accounts`. The link itself (provider, providerAccountId, type, userId) is still stored.
 */
const keepNoProviderTokens = (): undefined => undefined;

function buildProviders(): Provider[] {
  const { github, google, email, demoOidc } = getServerEnv().providers;
  const providers: Provider[] = [];
  if (github) providers.push(GitHub({ ...github, account: keepNoProviderTokens }));
  if (google) providers.push(Google({ ...google, account: keepNoProviderTokens }));
  if (email) {
    providers.push(
      Resend({
        id: EMAIL_PROVIDER_ID,
        apiKey: email.apiKey,
        from: email.from,
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        // Our own sender: the built-in one calls api.resend.com with fetch directly,
        // while server/email.ts goes through the resend SDK, which honours
        // RESEND_BASE_URL (the local mail catcher in dev).
        async sendVerificationRequest({ identifier, url }) {
          await sendMagicLink(identifier, url, MAGIC_LINK_MAX_AGE_SECONDS * 1000);
        },
      }),
    );
  }
  if (demoOidc) {
    providers.push({
      id: DEMO_PROVIDER_ID,
      name: "Demo sign-in",
      type: "oidc",
      ...demoOidc,
      account: keepNoProviderTokens,
      // Dev only (never configured in production): lets the demo login and a magic
      // link for the same address reach the same account, as people expect offline.
      allowDangerousEmailAccountLinking: true,
    });
  }
  // Always on: a passkey is added from the Security page while signed in, and signs in
  // from /signin. Its challenges are tracked in Convex (server/passkeys.ts).
  providers.push(Passkey({ id: PASSKEY_PROVIDER_ID, simpleWebAuthn: trackedWebAuthn() }));
  return providers;
}

/** The providers shown on the sign-in page, in display order. */
export function configuredProviders(): Array<{
  id: string;
  name: string;
  type: string;
}> {
  return buildProviders().map((provider) => {
    const resolved = typeof provider === "function" ? provider() : provider;
    return { id: resolved.id, name: resolved.name, type: resolved.type };
  });
}

/** Sends the "new sign-in" e-mail after the response, so sign-in is not slowed. */
async function notifyNewDevice(email: string): Promise<void> {
  const requestHeaders = await headers();
  const device = describeDevice(requestHeaders.get("user-agent"), platformHints(requestHeaders));
  const ip = clientIp(requestHeaders, getServerEnv().clientIp) ?? "unknown";
  const devicesUrl = linkTo("/account/devices");
  after(async () => {
    try {
      await sendNewDeviceNotice(email, {
        device: DEVICE_TYPE_NAMES[device.deviceType],
        browser: device.browser ?? "Unknown browser",
        os: device.os ?? "Unknown OS",
        ip,
        signedInAt: new Date(),
        devicesUrl,
      });
    } catch (error) {
      // A missing notice must not break sign-in; the devices page still shows it.
      console.error(`[auth] new-device e-mail to ${email} failed:`, error);
    }
  });
}

/** The session row's id, which is the device id (ConvexAdapter returns it as `id`). */
function convexSessionId(session: AdapterSession): string {
  const { id } = session as Partial<ConvexAdapterSession>;
  // Without it no Convex token can name the device; failing loudly beats a token
  // Convex would refuse on every call.
  if (!id) throw new Error("ConvexAdapter returned a session without its id");
  return id;
}

/**
 * Last-seen is written at most every few minutes, after the response is sent, so a
 * page render still costs one Convex round trip for auth. `lastSeenAt` comes with the
 * user object the adapter returned (`sessionActivity`), not inside the session.
 */
async function touchIfStale(session: AdapterSession, user: AdapterUser): Promise<void> {
  const lastSeenAt = sessionActivity(user)?.lastSeenAt ?? null;
  if (lastSeenAt && Date.now() - lastSeenAt.getTime() < LAST_SEEN_INTERVAL_MS) return;
  // Request data must be read now: `after` callbacks run outside the request scope.
  const ip = clientIp(await headers(), getServerEnv().clientIp);
  after(() => touchSessionIfStale({ sessionToken: session.sessionToken, lastSeenAt }, { ip }));
}

let config: NextAuthConfig | null = null;

/**
 * Built lazily (first request, not import) so `next build` does not need secrets and
 * a missing variable is reported by instrumentation.ts in one line at boot.
 */
function authConfig(): NextAuthConfig {
  if (config !== null) return config;
  const env = getServerEnv();
  config = {
    adapter: ConvexAdapter({
      signInMethodOf: (providerId) => SIGN_IN_METHOD_BY_PROVIDER[providerId],
    }),
    secret: env.AUTH_SECRET,
    // AUTH_URL is required (lib/env.ts), and with it set Auth.js builds every URL on it
    // and rewrites incoming requests onto it, so the Host and X-Forwarded-Host headers
    // are never used: trusting "the host" here means trusting AUTH_URL.
    trustHost: true,
    session: { strategy: "database" },
    providers: buildProviders(),
    // Auth.js's Passkey provider is behind this flag...
    experimental: { enableWebAuthn: true },
    // ...which it warns about on every request; the rest of its warnings still show.
    logger: {
      warn(code) {
        if (code !== "experimental-webauthn") console.warn(`[auth][warn][${code}]`);
      },
    },
    pages: {
      signIn: "/signin",
      verifyRequest: "/signin/check-email",
      error: "/signin/error",
    },
    callbacks: {
      // Every redirect Auth.js makes (callbackUrl on its routes, the cookie, magic links)
      // goes to a path on this app's origin, checked as the sign-in page checks it.
      redirect: safeAuthRedirect,
      // Runs before a sign-in link is sent (and before every other sign-in): a link counts
      // against its address, the client's IP and everyone (convex/lib/rateLimits.ts); over
      // the limit, no e-mail and no token. The answer is the same with or without an account.
      async signIn({ user, email }) {
        if (!email?.verificationRequest) return true;
        return allowMagicLink(user.email ?? "");
      },
      async session({ session, user }) {
        const sessionId = convexSessionId(session);
        const { token, expiresAt } = await convexTokenForSession(user.id, sessionId);
        await touchIfStale(session, user);
        // Built field by field: anything not listed here never reaches the browser.
        return {
          user: {
            id: user.id,
            name: user.name ?? null,
            email: user.email,
            image: user.image ?? null,
          },
          expires: session.expires.toISOString(),
          sessionId,
          convexToken: token,
          convexTokenExpiresAt: expiresAt,
        };
      },
    },
    events: {
      async signIn({ user, isNewUser }) {
        // The very first sign-in creates the account: nothing to warn about. Adding a
        // passkey also ends here, but creates no session: no new device either.
        if (isNewUser || !user.email) return;
        if (currentAuthRequest()?.createdSession === false) return;
        await notifyNewDevice(user.email);
      },
    },
  };
  return config;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
