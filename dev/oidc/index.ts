// The demo OpenID Connect provider for offline development and the end-to-end tests: a real
// authorization-code flow (PKCE required) served by `oidc-provider`, with a sign-in page that
// accepts any email and display name and consent granted automatically to our one client.
// Loopback only and in memory: nothing here is used by a production deployment.
import { createHash, randomBytes } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, {
  interactionPolicy,
  type Account,
  type Configuration,
  type OidcContext,
} from "oidc-provider";
import { closeServer, listen, readBody, urlHost } from "../http";
import { errorPage, loginPage } from "./login-page";

export interface DemoOidcOptions {
  /** Port to bind; 0 picks a free one (tests). */
  port: number;
  /** Bind address; loopback by default so the provider is never reachable from the network. */
  host?: string;
  /** Public issuer URL; defaults to `http://<host>:<port>`. */
  issuer?: string;
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs the client may use, e.g. `${appUrl}/api/auth/callback/demo`. */
  redirectUris: string[];
  /** Where the client may send the user after RP-initiated logout (optional). */
  postLogoutRedirectUris?: string[];
}

export interface DemoOidc {
  issuer: string;
  close(): Promise<void>;
}

interface DemoAccount {
  email: string;
  name: string;
}

/** Stable subject per person: the same email always signs in as the same user. */
export function subjectForEmail(email: string): string {
  return createHash("sha256")
    .update(email.trim().toLowerCase())
    .digest("hex")
    .slice(0, 32);
}

// Deliberately loose: the point is to catch typos, not to validate RFC 5322.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function signingJwks(): Promise<{ keys: Record<string, unknown>[] }> {
  // A fresh key per start is fine: clients fetch the JWKS from discovery on each run.
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  return {
    keys: [
      { ...jwk, alg: "RS256", use: "sig", kid: randomBytes(8).toString("hex") },
    ],
  };
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    // No form-action: browsers apply it to the redirects after the form post, and the flow
    // legitimately ends on the app's origin.
    "Content-Security-Policy":
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(html);
}

export async function startDemoOidc(
  options: DemoOidcOptions,
): Promise<DemoOidc> {
  const host = options.host ?? "127.0.0.1";
  const accounts = new Map<string, DemoAccount>();

  // The issuer must be known before the provider is built, so with port 0 bind first.
  const server = createServer();
  const port = await listen(server, "demo OIDC provider", options.port, host);
  const issuer = (options.issuer ?? `http://${urlHost(host)}:${port}`).replace(
    /\/$/,
    "",
  );

  // Ask who the user is on every authorization, even with a live provider session, so a
  // developer can switch identities after signing out of the app.
  const policy = interactionPolicy.base();
  const loginPrompt = policy.get("login");
  loginPrompt?.checks.push(
    new interactionPolicy.Check(
      "demo_always_login",
      "the demo provider asks who you are on each sign-in",
      (ctx: OidcContext) => !ctx.oidc.result?.login,
    ),
  );

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: await signingJwks(),
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
    },
    // Put the scope's claims (name, email) in the ID token too: Auth.js reads the profile from it.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Explicit lifetimes (seconds), short enough for a dev session, and quiet about defaults.
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 120,
      Grant: 8 * 3600,
      IdToken: 3600,
      Interaction: 3600,
      Session: 8 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
    },
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
      policy,
    },
    async findAccount(_ctx, id): Promise<Account | undefined> {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
        }),
      };
    },
    // Consent is implicit for our own client: grant what was asked for (Auth.js asks for
    // `openid email profile`) instead of showing a consent screen.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const accountId = oidc.session?.accountId;
      const clientId = oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const existingId =
        oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
      if (existingId) {
        const existing = await oidc.provider.Grant.find(existingId);
        if (existing && existing.accountId === accountId) return existing;
      }
      const grant = new oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope([...oidc.requestParamScopes].join(" "));
      grant.addOIDCClaims([...oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = errorPage(out.error, out.error_description);
    },
  };

  const provider = new Provider(issuer, configuration);
  const providerHandler = provider.callback();

  async function handleInteraction(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ) {
    const [, , uid, action] = path.split("/");
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");

    if (req.method === "GET" && action === undefined) {
      const hint =
        typeof details.params.login_hint === "string"
          ? details.params.login_hint
          : "";
      sendHtml(
        res,
        200,
        loginPage({ uid, clientId: options.clientId, email: hint }),
      );
      return;
    }
    if (req.method === "POST" && action === "abort") {
      await readBody(req);
      await provider.interactionFinished(
        req,
        res,
        {
          error: "access_denied",
          error_description: "The user cancelled the sign-in.",
        },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (req.method === "POST" && action === "login") {
      const form = new URLSearchParams(await readBody(req, 64 * 1024));
      const email = (form.get("email") ?? "").trim().toLowerCase();
      const typedName = (form.get("name") ?? "").trim().slice(0, 80);
      if (!EMAIL_PATTERN.test(email)) {
        sendHtml(
          res,
          400,
          loginPage({
            uid,
            clientId: options.clientId,
            email,
            name: typedName,
            error: "Enter an email address, like ada@example.com.",
          }),
        );
        return;
      }
      const accountId = subjectForEmail(email);
      accounts.set(accountId, {
        email,
        name: typedName || email.split("@")[0],
      });
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.writeHead(405, { Allow: "GET, POST" }).end();
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    if (path.startsWith("/interaction/")) {
      handleInteraction(req, res, path).catch(() => {
        // Expired or foreign interaction (cookie missing): tell the user how to recover.
        if (!res.headersSent) {
          sendHtml(
            res,
            400,
            errorPage(
              "Sign-in expired",
              "This sign-in page is no longer valid; start again from the app.",
            ),
          );
        }
      });
      return;
    }
    providerHandler(req, res);
  });

  return {
    issuer,
    close: () => closeServer(server),
  };
}
