// The offline service stack behind `npm run dev` and the end-to-end tests: env files (setup-env),
// the local Convex backend, the demo OpenID provider and the mail catcher, started together and
// stopped together. Next.js itself is started by the caller (dev/start.ts, e2e/serve.ts) with the
// env returned here.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { startLocalBackend } from "./convex-local/index";
import { PortInUseError } from "./http";
import { startMailCatcher } from "./mail-catcher/index";
import { startDemoOidc } from "./oidc/index";
import { ensureDevEnv, type DevPorts } from "./setup-env";

export { DEV_PORTS, type DevPorts } from "./setup-env";
export { PortInUseError } from "./http";

export type ServiceName = "stack" | "convex" | "oidc" | "mail";

export interface StartServicesOptions {
  rootDir: string;
  ports: DevPorts;
  /** The app's public URL (the OIDC redirect URI and AUTH_URL derive from it). */
  appUrl: string;
  /**
   * Where this stack keeps its env files and state. Default: the repo root's `.env.local` and
   * `.env.convex.local`, backend data in `.convex-local/data`, mail in `.dev/mail`. The e2e
   * harness passes `.dev/e2e` to get separate files, database and mailbox.
   */
  envDir?: string;
  /** Start from an empty database (and an empty mailbox). */
  reset?: boolean;
  /** One line of the stack's own output, tagged with the service it is about. */
  log: (service: ServiceName, line: string) => void;
  /** Let the backend print its per-call log to this process's stdout (default true). */
  backendLog?: boolean;
  /** Extra function env for the local backend, written when missing (e.g. test-only limits). */
  convexEnv?: Record<string, string>;
}

export interface Services {
  appUrl: string;
  convexUrl: string;
  convexSiteUrl: string;
  oidcIssuer: string;
  mailUrl: string;
  /** Env for the Next.js process: the env file's values with the running services' URLs. */
  nextEnv: Record<string, string>;
  convexEnv: Record<string, string>;
  close(): Promise<void>;
}

/** Fails with PortInUseError if something already listens on host:port. */
export function assertPortFree(
  service: string,
  port: number,
  host?: string,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new PortInUseError(service, host ?? "any address", port)
          : error,
      );
    });
    probe.listen(port, host, () => probe.close(() => resolvePromise()));
  });
}

export async function startServices(
  options: StartServicesOptions,
): Promise<Services> {
  const { ports, log } = options;
  const rootDir = resolve(options.rootDir);
  const envDir = options.envDir ? resolve(rootDir, options.envDir) : undefined;
  const appUrl = options.appUrl.replace(/\/$/, "");
  const host = "127.0.0.1";

  // Check every port first, so a busy one is one clear error before anything has started.
  await assertPortFree("local Convex backend", ports.convex, host);
  await assertPortFree("local Convex backend (site)", ports.convexSite, host);
  await assertPortFree("demo OIDC provider", ports.oidc, host);
  await assertPortFree("mail catcher", ports.mail, host);

  const nextEnvFile = envDir
    ? join(envDir, ".env.local")
    : join(rootDir, ".env.local");
  const convexEnvFile = envDir
    ? join(envDir, ".env.convex.local")
    : join(rootDir, ".env.convex.local");
  const { nextEnv, convexEnv, added } = await ensureDevEnv({
    rootDir,
    nextEnvFile,
    convexEnvFile,
    ports,
    appUrl,
    extraConvexEnv: options.convexEnv,
  });
  if (added.next.length)
    log("stack", `${nextEnvFile}: generated ${added.next.join(", ")}`);
  if (added.convex.length)
    log("stack", `${convexEnvFile}: generated ${added.convex.join(", ")}`);

  const stateDir = envDir ?? join(rootDir, ".dev");
  const mailDir = join(stateDir, "mail");
  if (options.reset) await rm(mailDir, { recursive: true, force: true });

  // Started in order; whatever started is stopped again if a later one fails.
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      await close().catch(() => undefined);
    }
    closers.length = 0;
  };

  try {
    const mail = await startMailCatcher({
      port: ports.mail,
      host,
      storeDir: mailDir,
      onMessage: (m) =>
        log(
          "mail",
          `"${m.subject}" to ${m.to.join(", ")}: ${mail.url}/messages/${m.id}`,
        ),
    });
    closers.push(mail.close);
    log("mail", `mail catcher on ${mail.url}`);

    const clientId = nextEnv.DEMO_OIDC_CLIENT_ID;
    const clientSecret = nextEnv.DEMO_OIDC_CLIENT_SECRET;
    const oidc = await startDemoOidc({
      port: ports.oidc,
      host,
      clientId,
      clientSecret,
      redirectUris: [`${appUrl}/api/auth/callback/demo`],
      postLogoutRedirectUris: [appUrl, `${appUrl}/`],
    });
    closers.push(oidc.close);
    log("oidc", `demo OpenID provider on ${oidc.issuer} (client ${clientId})`);

    const seed = existsSync(join(rootDir, "convex", "seed.ts"))
      ? "seed:init"
      : undefined;
    const backend = await startLocalBackend({
      projectDir: rootDir,
      port: ports.convex,
      sitePort: ports.convexSite,
      host,
      envFile: convexEnvFile,
      dataDir: envDir ? join(envDir, "convex-data") : undefined,
      reset: options.reset,
      seed,
      log: options.backendLog ?? true,
    });
    closers.push(backend.close);
    log(
      "convex",
      `local backend on ${backend.url} (HTTP actions on ${backend.siteUrl})${seed ? ", seeded" : ""}`,
    );

    return {
      appUrl,
      convexUrl: backend.url,
      convexSiteUrl: backend.siteUrl,
      oidcIssuer: oidc.issuer,
      mailUrl: mail.url,
      // The files may predate a port change; the running services are the truth.
      nextEnv: {
        ...nextEnv,
        AUTH_URL: appUrl,
        NEXT_PUBLIC_CONVEX_URL: backend.url,
        CONVEX_SITE_URL: backend.siteUrl,
        DEMO_OIDC_ISSUER: oidc.issuer,
        RESEND_BASE_URL: mail.url,
      },
      convexEnv,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
