// The service stack as the e2e harness uses it: separate env dir, every service reachable at the
// URLs handed to Next.js, the demo OIDC client in the env accepted by the provider, the data
// browser masking what Auth.js stores, one clear error for a busy port.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PortInUseError,
  startServices,
  type DevPorts,
  type Services,
} from "./stack";

const rootDir = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const RANDOM: DevPorts = {
  app: 3999,
  convex: 0,
  convexSite: 0,
  oidc: 0,
  mail: 0,
};
let envDir: string;
let services: Services;
const lines: string[] = [];

beforeAll(async () => {
  envDir = await mkdtemp(join(tmpdir(), "stack-"));
  services = await startServices({
    rootDir,
    ports: RANDOM,
    appUrl: "http://localhost:3999",
    envDir,
    reset: true,
    backendLog: false,
    log: (service, line) => lines.push(`[${service}] ${line}`),
  });
});

afterAll(async () => {
  await services?.close();
  await rm(envDir, { recursive: true, force: true });
});

describe("startServices", () => {
  it("hands Next.js the URLs of the running services and the generated secrets", async () => {
    const env = services.nextEnv;
    expect(env.NEXT_PUBLIC_CONVEX_URL).toBe(services.convexUrl);
    expect(env.CONVEX_SITE_URL).toBe(services.convexSiteUrl);
    expect(env.RESEND_BASE_URL).toBe(services.mailUrl);
    expect(env.DEMO_OIDC_ISSUER).toBe(services.oidcIssuer);
    expect(env.AUTH_URL).toBe("http://localhost:3999");
    expect(env.CONVEX_AUTH_ADAPTER_SECRET).toBe(
      services.convexEnv.CONVEX_AUTH_ADAPTER_SECRET,
    );
    // The env files live in the given directory, not in the repo root.
    expect(await readFile(join(envDir, ".env.local"), "utf8")).toContain(
      "AUTH_SECRET=",
    );
    expect(await readFile(join(envDir, ".env.convex.local"), "utf8")).toContain(
      "JWKS=",
    );
    expect(lines.some((l) => l.startsWith("[convex] local backend on"))).toBe(
      true,
    );
  });

  it("serves the demo provider for the client in the env and the mail catcher", async () => {
    const discovery = (await (
      await fetch(`${services.oidcIssuer}/.well-known/openid-configuration`)
    ).json()) as { authorization_endpoint: string };
    const authorize = new URL(discovery.authorization_endpoint);
    authorize.search = new URLSearchParams({
      client_id: services.nextEnv.DEMO_OIDC_CLIENT_ID,
      redirect_uri: "http://localhost:3999/api/auth/callback/demo",
      response_type: "code",
      scope: "openid email profile",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    }).toString();
    const res = await fetch(authorize, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/interaction\//);

    const mail = await fetch(`${services.mailUrl}/api/messages`);
    expect(await mail.json()).toEqual([]);
  });

  it("serves the local backend at the Convex URL", async () => {
    const res = await fetch(services.convexUrl);
    expect(res.status).toBeLessThan(500);
  });

  it("never shows a stored session token in the data browser", async () => {
    // Stored the way Auth.js stores one: through the adapter functions, with the adapter secret.
    const convex = new ConvexHttpClient(services.convexUrl);
    const secret = services.convexEnv.CONVEX_AUTH_ADAPTER_SECRET;
    const user = (await convex.mutation(anyApi.authAdapter.createUser, {
      secret,
      email: `masking-${randomUUID()}@example.com`,
    })) as { id: string };
    const sessionToken = randomUUID();
    const session = (await convex.mutation(anyApi.authAdapter.createSession, {
      secret,
      sessionToken,
      userId: user.id,
      expires: Date.now() + 60_000,
    })) as { id: string };
    const pages = await Promise.all(
      [
        "/",
        "/?table=sessions",
        `/?table=sessions&id=${encodeURIComponent(session.id)}`,
      ].map(async (path) => (await fetch(`${services.convexUrl}${path}`)).text()),
    );
    expect(pages[1]).toContain(session.id);
    expect(pages[2]).toContain(`••••${sessionToken.slice(-4)}`);
    for (const page of pages) expect(page).not.toContain(sessionToken);
  });
});

describe("startServices with a busy port", () => {
  let blocker: Server;
  let busyPort: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(0, "127.0.0.1", resolve),
    );
    const address = blocker.address();
    busyPort = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(
    () => new Promise<void>((resolve) => blocker.close(() => resolve())),
  );

  it("fails with one line naming the service and the port", async () => {
    const attempt = startServices({
      rootDir,
      ports: { ...RANDOM, mail: busyPort },
      appUrl: "http://localhost:3999",
      envDir: join(tmpdir(), "stack-busy-never-created"),
      log: () => undefined,
    });
    await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
    await expect(attempt).rejects.toThrow(
      `mail catcher: port ${busyPort} on 127.0.0.1 is already in use`,
    );
  });
});
