// First-run setup of the git-ignored env files (docs/contracts.md): `.env.local` for Next.js and
// `.env.convex.local` for the local backend's function env. Generates whatever is missing (auth
// secret, the RS256 key pair for the Convex token, the adapter secret, the demo OIDC client) and
// the dev URLs, and never overwrites a value that is already there.
// Run alone with `npx tsx dev/setup-env.ts`; `npm run dev` and the e2e harness call ensureDevEnv.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  type JWK,
} from "jose";

/** The ports of one stack, as in docs/contracts.md (same shape as `E2E_PORTS`). */
export interface DevPorts {
  app: number;
  convex: number;
  convexSite: number;
  oidc: number;
  mail: number;
}

export const DEV_PORTS: DevPorts = {
  app: 3000,
  convex: 3210,
  convexSite: 3211,
  oidc: 4010,
  mail: 4020,
};

/** The demo OIDC provider's client id (its secret is generated per machine). */
export const DEMO_OIDC_CLIENT_ID = "session-commerce-dev";
/** The demo admin, on a reserved domain (RFC 2606) that no one can register. */
export const DEMO_ADMIN_EMAILS = "admin@example.com";

export interface EnsureDevEnvOptions {
  rootDir: string;
  /** Next.js env file, absolute or relative to rootDir (normally `.env.local`). */
  nextEnvFile: string;
  /** Local backend env file, absolute or relative to rootDir (normally `.env.convex.local`). */
  convexEnvFile: string;
  ports: DevPorts;
  /** The app's public URL, e.g. `http://localhost:3000`. */
  appUrl: string;
  /** More function env for the local backend, written when missing. */
  extraConvexEnv?: Record<string, string>;
}

export interface DevEnv {
  /** Every variable in the Next.js env file after setup, values decoded (PEM with real newlines). */
  nextEnv: Record<string, string>;
  /** Every variable in the local backend's env file after setup. */
  convexEnv: Record<string, string>;
  /** Names written by this run, per file (empty when everything already existed). */
  added: { next: string[]; convex: string[] };
}

/** Thrown for env files whose existing values contradict each other; the message says the fix. */
export class DevEnvError extends Error {
  override name = "DevEnvError";
}

// ---------------------------------------------------------------------------------------------
// Env file format: the dotenv subset Next.js (@next/env) and Node's util.parseEnv both read.

/** Parses `KEY=value` lines: `export ` prefix, '…' literal, "…" with \n escapes, # comments. */
export function parseEnvFile(content: string): Record<string, string> {
  const env: Record<string, string> = {};
  const line =
    /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\r\n]*)/gm;
  for (const match of content.matchAll(line)) {
    const raw = match[2];
    let value: string;
    if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) {
      value = raw.slice(1, -1);
    } else if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
      value = raw.slice(1, -1).replace(/\\n/g, "\n").replace(/\\r/g, "\r");
    } else {
      // Unquoted: an inline comment starts at " #".
      value = raw.replace(/[ \t]+#.*$/, "").trim();
    }
    env[match[1]] = value;
  }
  return env;
}

/** One `KEY=value` line that parseEnvFile, @next/env and util.parseEnv read back unchanged. */
export function formatEnvLine(name: string, value: string): string {
  if (
    /^[^\s#'"\\]*$/.test(value) ||
    (/^[{[]/.test(value) && !/[\s#\\]/.test(value) && !value.includes("'"))
  ) {
    // Plain values and compact JSON (the JWKS) stay unquoted: every dotenv reader agrees on them.
    return `${name}=${value}`;
  }
  if (!value.includes('"') && !value.includes("\\")) {
    return `${name}="${value.replace(/\r/g, "\\r").replace(/\n/g, "\\n")}"`;
  }
  if (!value.includes("'") && !/[\r\n]/.test(value))
    return `${name}='${value}'`;
  throw new DevEnvError(
    `${name}: value cannot be written to an env file safely`,
  );
}

// ---------------------------------------------------------------------------------------------
// Secrets

/** 32 random bytes, base64url: AUTH_SECRET, the adapter secret, the demo client secret. */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The JWKS (`{"keys":[...]}`) for a private key: public part, kid = RFC 7638 thumbprint. */
export async function jwksForPrivateKey(
  privateKeyPem: string,
): Promise<string> {
  const privateKey = await importPKCS8(privateKeyPem, "RS256", {
    extractable: true,
  });
  const { kty, n, e } = (await exportJWK(privateKey)) as JWK;
  const publicJwk: JWK = { kty, n, e };
  const kid = await calculateJwkThumbprint(publicJwk, "sha256");
  return JSON.stringify({
    keys: [{ ...publicJwk, kid, alg: "RS256", use: "sig" }],
  });
}

/** A new RS256 key pair: PKCS#8 PEM private key and the matching JWKS. */
export async function generateConvexAuthKeys(): Promise<{
  privateKeyPem: string;
  jwks: string;
}> {
  const { privateKey } = await generateKeyPair("RS256", {
    modulusLength: 2048,
    extractable: true,
  });
  const privateKeyPem = await exportPKCS8(privateKey);
  return { privateKeyPem, jwks: await jwksForPrivateKey(privateKeyPem) };
}

// ---------------------------------------------------------------------------------------------

async function readEnv(
  path: string,
): Promise<{ content: string; env: Record<string, string> }> {
  if (!existsSync(path)) return { content: "", env: {} };
  const content = await readFile(path, "utf8");
  return { content, env: parseEnvFile(content) };
}

const FILE_HEADERS = {
  next: `# Next.js env for local development, generated by dev/setup-env.ts (git-ignored).
# Edit freely: existing values are never overwritten. Delete a line to regenerate it.
# The dev-only variables (RESEND_BASE_URL, DEMO_OIDC_*) must never be set in production.
`,
  convex: `# Function env of the local Convex backend, generated by dev/setup-env.ts (git-ignored).
# The counterpart of \`npx convex env set\` on a real deployment (see npm run convex:env:push).
`,
};

/**
 * Generated values an older version wrote that are wrong now (the demo domain moved to a
 * reserved one): such a line, unedited, is commented out so it is generated afresh.
 */
const RETIRED_DEFAULTS: Array<[string, string]> = [
  ["ADMIN_EMAILS", "admin@demo.shop"],
  ["EMAIL_FROM", "Demo Shop <no-reply@demo.shop>"],
];

async function retireOldDefaults(
  path: string,
  existing: { content: string; env: Record<string, string> },
): Promise<{ content: string; env: Record<string, string> }> {
  const stale = RETIRED_DEFAULTS.filter(([name, value]) => existing.env[name] === value);
  if (stale.length === 0) return existing;
  const names = new Set(stale.map(([name]) => name));
  const content = existing.content
    .split("\n")
    .map((line) => {
      const name = /^\s*([A-Z0-9_]+)\s*=/.exec(line)?.[1];
      return name && names.has(name) ? `# retired default: ${line}` : line;
    })
    .join("\n");
  await writeFile(path, content, { mode: 0o600 });
  return { content, env: parseEnvFile(content) };
}

async function appendMissing(
  path: string,
  kind: "next" | "convex",
  existing: { content: string; env: Record<string, string> },
  wanted: [string, string][],
): Promise<string[]> {
  const missing = wanted.filter(([name]) => !existing.env[name]);
  if (missing.length === 0) return [];
  const lines = missing
    .map(([name, value]) => formatEnvLine(name, value))
    .join("\n");
  const prefix =
    existing.content === ""
      ? FILE_HEADERS[kind]
      : `${existing.content.endsWith("\n") ? "" : "\n"}\n# added by dev/setup-env.ts on ${new Date().toISOString()}\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${existing.content}${prefix}${lines}\n`, {
    mode: 0o600,
  });
  return missing.map(([name]) => name);
}

/**
 * Makes sure both env files hold everything the dev stack needs, generating only what is
 * missing, and returns their full contents. Values that exist but contradict each other (a
 * JWKS for another key, two different adapter secrets) are reported, not silently replaced.
 */
export async function ensureDevEnv(
  options: EnsureDevEnvOptions,
): Promise<DevEnv> {
  const resolve = (file: string) =>
    isAbsolute(file) ? file : join(options.rootDir, file);
  const nextPath = resolve(options.nextEnvFile);
  const convexPath = resolve(options.convexEnvFile);
  const next = await retireOldDefaults(nextPath, await readEnv(nextPath));
  const convex = await retireOldDefaults(convexPath, await readEnv(convexPath));
  const { ports } = options;
  const appUrl = options.appUrl.replace(/\/$/, "");

  // The key pair: keep an existing private key, derive the JWKS from it when that is missing.
  let privateKeyPem = next.env.CONVEX_AUTH_PRIVATE_KEY;
  let jwks = convex.env.JWKS;
  if (!privateKeyPem) {
    if (jwks) {
      throw new DevEnvError(
        `${convexPath} has JWKS but ${nextPath} has no CONVEX_AUTH_PRIVATE_KEY: delete the JWKS line to generate a new key pair`,
      );
    }
    ({ privateKeyPem, jwks } = await generateConvexAuthKeys());
  } else {
    let derived: string;
    try {
      derived = await jwksForPrivateKey(privateKeyPem.replace(/\\n/g, "\n"));
    } catch {
      throw new DevEnvError(
        `CONVEX_AUTH_PRIVATE_KEY in ${nextPath} is not a PKCS#8 PEM RSA key`,
      );
    }
    if (jwks && jwks !== derived) {
      throw new DevEnvError(
        `JWKS in ${convexPath} does not match CONVEX_AUTH_PRIVATE_KEY in ${nextPath}: delete the JWKS line to derive it again`,
      );
    }
    jwks = derived;
  }

  const nextSecret = next.env.CONVEX_AUTH_ADAPTER_SECRET;
  const convexSecret = convex.env.CONVEX_AUTH_ADAPTER_SECRET;
  if (nextSecret && convexSecret && nextSecret !== convexSecret) {
    throw new DevEnvError(
      `CONVEX_AUTH_ADAPTER_SECRET differs between ${nextPath} and ${convexPath}: make them equal (or delete both)`,
    );
  }
  const adapterSecret = nextSecret || convexSecret || randomSecret();
  const adminEmails =
    next.env.ADMIN_EMAILS || convex.env.ADMIN_EMAILS || DEMO_ADMIN_EMAILS;

  const addedNext = await appendMissing(nextPath, "next", next, [
    ["AUTH_SECRET", randomSecret()],
    ["AUTH_URL", appUrl],
    // The dev-only sign-in below (demo provider, mail catcher) needs this opt-in.
    ["ALLOW_DEV_SIGN_IN", "1"],
    // Next.js writes the connection's address into X-Forwarded-For when the browser sent
    // none, so on this machine it stands in for one proxy (dev/e2e only; see README).
    ["TRUSTED_PROXY_HOPS", "1"],
    ["NEXT_PUBLIC_CONVEX_URL", `http://127.0.0.1:${ports.convex}`],
    ["CONVEX_SITE_URL", `http://127.0.0.1:${ports.convexSite}`],
    ["CONVEX_AUTH_PRIVATE_KEY", privateKeyPem],
    ["CONVEX_AUTH_ADAPTER_SECRET", adapterSecret],
    ["AUTH_RESEND_KEY", "re_dev_local"],
    ["RESEND_BASE_URL", `http://127.0.0.1:${ports.mail}`],
    ["EMAIL_FROM", "Demo Shop <no-reply@example.com>"],
    ["DEMO_OIDC_ISSUER", `http://127.0.0.1:${ports.oidc}`],
    ["DEMO_OIDC_CLIENT_ID", DEMO_OIDC_CLIENT_ID],
    ["DEMO_OIDC_CLIENT_SECRET", randomSecret()],
    ["ADMIN_EMAILS", adminEmails],
  ]);
  const addedConvex = await appendMissing(convexPath, "convex", convex, [
    ["JWKS", jwks],
    ["CONVEX_AUTH_ADAPTER_SECRET", adapterSecret],
    ["ADMIN_EMAILS", adminEmails],
    ...Object.entries(options.extraConvexEnv ?? {}),
  ]);

  const nextEnv = (await readEnv(nextPath)).env;
  const convexEnv = (await readEnv(convexPath)).env;
  return {
    nextEnv,
    convexEnv,
    added: { next: addedNext, convex: addedConvex },
  };
}

// CLI: `npx tsx dev/setup-env.ts` prepares the dev files and says what it generated.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rootDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  ensureDevEnv({
    rootDir,
    nextEnvFile: ".env.local",
    convexEnvFile: ".env.convex.local",
    ports: DEV_PORTS,
    appUrl: `http://localhost:${DEV_PORTS.app}`,
  }).then(
    ({ added }) => {
      const report = (file: string, names: string[]) =>
        console.log(
          names.length
            ? `${file}: added ${names.join(", ")}`
            : `${file}: complete, nothing added`,
        );
      report(".env.local", added.next);
      report(".env.convex.local", added.convex);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
