// The demo OpenID provider, driven with plain fetch the way a browser and Auth.js would:
// authorize → sign-in form → code → token (PKCE) → ID token claims → userinfo.
import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, jwtVerify } from "jose";
// oauth4webapi is the OAuth client inside @auth/core: the library that will really talk to us.
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoOidc, subjectForEmail, type DemoOidc } from "./index";

const CLIENT_ID = "session-commerce-test";
const CLIENT_SECRET = "test-secret";
const REDIRECT_URI = "http://localhost:3999/api/auth/callback/demo";

/** A minimal cookie jar: the flow depends on the provider's interaction cookies. */
class CookieJar {
  private cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key, val] = a.trim().split("=");
        if (key.toLowerCase() === "max-age") return Number(val) <= 0;
        if (key.toLowerCase() === "expires")
          return new Date(val).getTime() < Date.now();
        return false;
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
}

let oidc: DemoOidc;
let discovery: Discovery;

beforeAll(async () => {
  oidc = await startDemoOidc({
    port: 0,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT_URI],
  });
  const res = await fetch(`${oidc.issuer}/.well-known/openid-configuration`);
  discovery = (await res.json()) as Discovery;
});

afterAll(async () => {
  await oidc.close();
});

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL(discovery.authorization_endpoint);
  for (const [key, value] of Object.entries(params))
    url.searchParams.set(key, value);
  return url.toString();
}

async function get(url: string, jar: CookieJar): Promise<Response> {
  const res = await fetch(new URL(url, oidc.issuer), {
    redirect: "manual",
    headers: { cookie: jar.header() },
  });
  jar.store(res);
  return res;
}

/** Runs authorize → sign-in form → resume like a browser; returns the code sent to the app. */
async function signInForCode(email: string, name: string) {
  const jar = new CookieJar();
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = randomBytes(8).toString("hex");
  const nonce = randomBytes(8).toString("hex");

  const authorize = await get(
    authorizeUrl({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: "code",
      scope: "openid email profile",
      state,
      nonce,
      code_challenge: challenge,
      code_challenge_method: "S256",
    }),
    jar,
  );
  expect(authorize.status).toBe(303);
  const interactionPath = authorize.headers.get("location") ?? "";
  expect(interactionPath).toMatch(/^\/interaction\//);

  const form = await get(interactionPath, jar);
  expect(form.status).toBe(200);
  const html = await form.text();
  expect(html).toContain('<label for="email">Email</label>');
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? "";
  expect(action).toBe(`${interactionPath}/login`);

  const login = await fetch(new URL(action, oidc.issuer), {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: jar.header(),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ email, name }),
  });
  jar.store(login);
  expect(login.status).toBe(303);

  // Resume the authorization; consent is implicit, so this lands on the app's callback.
  const resume = await get(login.headers.get("location") ?? "", jar);
  expect(resume.status).toBe(303);
  const callback = new URL(resume.headers.get("location") ?? "");
  expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
  const code = callback.searchParams.get("code") ?? "";
  expect(code).not.toBe("");
  return { code, verifier, state, nonce, callback };
}

function exchangeCode(code: string, codeVerifier: string): Promise<Response> {
  const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
  return fetch(discovery.token_endpoint, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: codeVerifier,
    }),
  });
}

describe("demo OpenID provider", () => {
  it("serves discovery for its issuer", () => {
    expect(discovery.issuer).toBe(oidc.issuer);
    expect(discovery.token_endpoint.startsWith(oidc.issuer)).toBe(true);
  });

  it("runs the authorization-code flow with PKCE and puts name and email in the ID token", async () => {
    const flow = await signInForCode("Ada@Example.com", "Ada Lovelace");
    expect(flow.callback.searchParams.get("state")).toBe(flow.state);
    expect(flow.callback.searchParams.get("iss")).toBe(oidc.issuer);

    const token = await exchangeCode(flow.code, flow.verifier);
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as {
      id_token: string;
      access_token: string;
    };

    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    const { payload } = await jwtVerify(tokens.id_token, jwks, {
      issuer: oidc.issuer,
      audience: CLIENT_ID,
    });
    expect(payload).toMatchObject({
      sub: subjectForEmail("ada@example.com"),
      email: "ada@example.com",
      email_verified: true,
      name: "Ada Lovelace",
      nonce: flow.nonce,
    });

    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({
      sub: subjectForEmail("ada@example.com"),
      email: "ada@example.com",
      email_verified: true,
      name: "Ada Lovelace",
    });
  });

  it("is accepted by oauth4webapi the way Auth.js calls it (discovery, iss, PKCE, ID token)", async () => {
    const issuer = new URL(oidc.issuer);
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, {
        [oauth.allowInsecureRequests]: true,
      }),
    );
    const client: oauth.Client = { client_id: CLIENT_ID };
    const flow = await signInForCode("dora@example.com", "Dora");
    const params = oauth.validateAuthResponse(
      as,
      client,
      flow.callback.searchParams,
      flow.state,
    );
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(CLIENT_SECRET),
      params,
      REDIRECT_URI,
      flow.verifier,
      { [oauth.allowInsecureRequests]: true },
    );
    const result = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      response,
      { expectedNonce: flow.nonce, requireIdToken: true },
    );
    expect(oauth.getValidatedIdTokenClaims(result)).toMatchObject({
      sub: subjectForEmail("dora@example.com"),
      email: "dora@example.com",
      name: "Dora",
    });
  });

  it("sends the user back with access_denied when they cancel", async () => {
    const jar = new CookieJar();
    const authorize = await get(
      authorizeUrl({
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: "openid email profile",
        state: "s1",
        code_challenge: createHash("sha256")
          .update("z".repeat(43))
          .digest("base64url"),
        code_challenge_method: "S256",
      }),
      jar,
    );
    const interactionPath = authorize.headers.get("location") ?? "";
    const abort = await fetch(
      new URL(`${interactionPath}/abort`, oidc.issuer),
      {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie: jar.header(),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "",
      },
    );
    jar.store(abort);
    const resume = await get(abort.headers.get("location") ?? "", jar);
    const callback = new URL(resume.headers.get("location") ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe("s1");
  });

  it("refuses a code redeemed with the wrong PKCE verifier", async () => {
    const flow = await signInForCode("bob@example.com", "");
    const wrong = await exchangeCode(
      flow.code,
      randomBytes(32).toString("base64url"),
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe(
      "invalid_grant",
    );
  });

  it("names the user after their email when no display name is given", async () => {
    const flow = await signInForCode("carol@example.com", "");
    const tokens = (await (
      await exchangeCode(flow.code, flow.verifier)
    ).json()) as {
      id_token: string;
    };
    const { payload } = await jwtVerify(
      tokens.id_token,
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
    );
    expect(payload.name).toBe("carol");
  });

  it("gives the same subject to the same email in any letter case", () => {
    expect(subjectForEmail(" ADA@example.com")).toBe(
      subjectForEmail("ada@example.com"),
    );
    expect(subjectForEmail("bob@example.com")).not.toBe(
      subjectForEmail("ada@example.com"),
    );
  });

  it("re-shows the form with an error for an invalid email", async () => {
    const jar = new CookieJar();
    const challenge = createHash("sha256")
      .update("x".repeat(43))
      .digest("base64url");
    const authorize = await get(
      authorizeUrl({
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: "openid email profile",
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
      jar,
    );
    const interactionPath = authorize.headers.get("location") ?? "";
    const res = await fetch(new URL(`${interactionPath}/login`, oidc.issuer), {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: jar.header(),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ email: "not-an-email", name: "X" }),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("Enter an email address");
  });

  it("refuses an unknown redirect_uri without redirecting to it", async () => {
    const res = await get(
      authorizeUrl({
        client_id: CLIENT_ID,
        redirect_uri: "http://evil.example/callback",
        response_type: "code",
        scope: "openid email profile",
        code_challenge: createHash("sha256")
          .update("y".repeat(43))
          .digest("base64url"),
        code_challenge_method: "S256",
      }),
      new CookieJar(),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("redirect_uri");
  });

  it("requires PKCE", async () => {
    const res = await get(
      authorizeUrl({
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: "openid email profile",
      }),
      new CookieJar(),
    );
    // The error goes back to the client's redirect URI, as OAuth specifies.
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("invalid_request");
  });
});
