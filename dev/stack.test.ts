// The service stack as the e2e harness uses it: separate env dir, every service reachable at the
// URLs handed to Next.js, the demo OIDC client in the env accepted by the provider, one clear
// error for a busy port.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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
