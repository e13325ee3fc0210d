// First-run env setup: the generated keys really work together (a token signed with the Next.js
// private key verifies against the Convex JWKS), and a second run changes nothing.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  importPKCS8,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
} from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DevEnvError,
  ensureDevEnv,
  generateConvexAuthKeys,
  parseEnvFile,
  type DevPorts,
} from "./setup-env";

// `server-only` throws outside React Server Components; the env parser is plain code.
vi.mock("server-only", () => ({}));
const { parseServerEnv } = await import("../lib/env");

const PORTS: DevPorts = {
  app: 3999,
  convex: 3998,
  convexSite: 3997,
  oidc: 4998,
  mail: 4997,
};
let rootDir: string;

beforeEach(async () => {
  rootDir = await mkdtemp(join(tmpdir(), "setup-env-"));
});
afterEach(async () => {
  await rm(rootDir, { recursive: true, force: true });
});

function run() {
  return ensureDevEnv({
    rootDir,
    nextEnvFile: ".env.local",
    convexEnvFile: "backend/.env.convex.local",
    ports: PORTS,
    appUrl: "http://localhost:3999/",
  });
}

describe("ensureDevEnv", () => {
  it("generates keys that sign a Convex token verifiable with the JWKS", async () => {
    const { nextEnv, convexEnv } = await run();

    const privateKey = await importPKCS8(
      nextEnv.CONVEX_AUTH_PRIVATE_KEY,
      "RS256",
    );
    const jwks = JSON.parse(convexEnv.JWKS) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    const [publicJwk] = jwks.keys;
    expect(publicJwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(publicJwk).not.toHaveProperty("d");
    expect(publicJwk.kid).toBe(
      await calculateJwkThumbprint(
        { kty: publicJwk.kty, n: publicJwk.n, e: publicJwk.e },
        "sha256",
      ),
    );

    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: publicJwk.kid })
      .setSubject("user1;session1")
      .setIssuer(nextEnv.CONVEX_SITE_URL)
      .setAudience("convex")
      .setExpirationTime("1h")
      .sign(privateKey);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: "http://127.0.0.1:3997",
      audience: "convex",
    });
    expect(payload.sub).toBe("user1;session1");
    expect(decodeProtectedHeader(token).kid).toBe(publicJwk.kid);
  });

  it("writes the secrets and the dev URLs for the given ports", async () => {
    const { nextEnv, convexEnv } = await run();
    expect(Buffer.from(nextEnv.AUTH_SECRET, "base64url")).toHaveLength(32);
    expect(nextEnv.CONVEX_AUTH_ADAPTER_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(convexEnv.CONVEX_AUTH_ADAPTER_SECRET).toBe(
      nextEnv.CONVEX_AUTH_ADAPTER_SECRET,
    );
    expect(nextEnv).toMatchObject({
      AUTH_URL: "http://localhost:3999",
      ALLOW_DEV_SIGN_IN: "1",
      TRUSTED_PROXY_HOPS: "1",
      NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:3998",
      CONVEX_SITE_URL: "http://127.0.0.1:3997",
      RESEND_BASE_URL: "http://127.0.0.1:4997",
      AUTH_RESEND_KEY: "re_dev_local",
      EMAIL_FROM: "Demo Shop <no-reply@example.com>",
      DEMO_OIDC_ISSUER: "http://127.0.0.1:4998",
      DEMO_OIDC_CLIENT_ID: "session-commerce-dev",
      ADMIN_EMAILS: "admin@example.com",
    });
    expect(nextEnv.DEMO_OIDC_CLIENT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(convexEnv.ADMIN_EMAILS).toBe("admin@example.com");
    // The Convex function env carries no Next.js secrets.
    expect(Object.keys(convexEnv).sort()).toEqual([
      "ADMIN_EMAILS",
      "CONVEX_AUTH_ADAPTER_SECRET",
      "JWKS",
    ]);
  });

  it("writes an env the app accepts, in a production build too (the end-to-end harness)", async () => {
    const { nextEnv } = await run();
    for (const NODE_ENV of ["development", "production"]) {
      const env = parseServerEnv({ ...nextEnv, NODE_ENV });
      expect(env.providers.demoOidc?.issuer).toBe("http://127.0.0.1:4998");
      expect(env.providers.email?.baseUrl).toBe("http://127.0.0.1:4997");
    }
  });

  it("replaces the old demo admin it once wrote, and nothing a person edited", async () => {
    await writeFile(
      join(rootDir, ".env.local"),
      "ADMIN_EMAILS=admin@demo.shop\nEMAIL_FROM=\"Shop <hi@shop.com>\"\n",
    );
    const { nextEnv } = await run();
    expect(nextEnv.ADMIN_EMAILS).toBe("admin@example.com");
    expect(nextEnv.EMAIL_FROM).toBe("Shop <hi@shop.com>");
  });

  it("writes files that Node's dotenv parser reads back identically", async () => {
    const { nextEnv, convexEnv } = await run();
    const nextFile = await readFile(join(rootDir, ".env.local"), "utf8");
    const convexFile = await readFile(
      join(rootDir, "backend/.env.convex.local"),
      "utf8",
    );
    // The PEM is stored on one line with \n escapes, as docs/contracts.md says.
    expect(nextFile).toMatch(
      /^CONVEX_AUTH_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n/m,
    );
    expect(parseEnv(nextFile)).toEqual(nextEnv);
    expect(parseEnv(convexFile)).toEqual(convexEnv);
  });

  it("changes nothing on a second run", async () => {
    const first = await run();
    const nextBefore = await readFile(join(rootDir, ".env.local"), "utf8");
    const convexBefore = await readFile(
      join(rootDir, "backend/.env.convex.local"),
      "utf8",
    );

    const second = await run();
    expect(second.added).toEqual({ next: [], convex: [] });
    expect(second.nextEnv).toEqual(first.nextEnv);
    expect(await readFile(join(rootDir, ".env.local"), "utf8")).toBe(
      nextBefore,
    );
    expect(
      await readFile(join(rootDir, "backend/.env.convex.local"), "utf8"),
    ).toBe(convexBefore);
  });

  it("keeps existing values and fills in only what is missing", async () => {
    const { privateKeyPem, jwks } = await generateConvexAuthKeys();
    await writeFile(
      join(rootDir, ".env.local"),
      [
        "# my settings",
        "AUTH_SECRET=my-own-secret",
        "AUTH_GITHUB_ID=gh-id",
        `CONVEX_AUTH_PRIVATE_KEY="${privateKeyPem.replace(/\n/g, "\\n")}"`,
        "CONVEX_AUTH_ADAPTER_SECRET=shared-secret",
        "",
      ].join("\n"),
    );

    const { nextEnv, convexEnv, added } = await run();
    expect(nextEnv.AUTH_SECRET).toBe("my-own-secret");
    expect(nextEnv.AUTH_GITHUB_ID).toBe("gh-id");
    expect(nextEnv.CONVEX_AUTH_PRIVATE_KEY).toBe(privateKeyPem);
    // The JWKS is derived from the existing key, and the adapter secret copied across.
    expect(convexEnv.JWKS).toBe(jwks);
    expect(convexEnv.CONVEX_AUTH_ADAPTER_SECRET).toBe("shared-secret");
    expect(added.next).not.toContain("AUTH_SECRET");
    expect(added.next).toContain("AUTH_URL");
    expect(await readFile(join(rootDir, ".env.local"), "utf8")).toMatch(
      /^# my settings\nAUTH_SECRET=my-own-secret\n/,
    );
  });

  it("refuses a JWKS that does not belong to the private key, naming the fix", async () => {
    await run();
    const other = await generateConvexAuthKeys();
    const convexPath = join(rootDir, "backend/.env.convex.local");
    const content = await readFile(convexPath, "utf8");
    await writeFile(
      convexPath,
      content.replace(/^JWKS=.*$/m, `JWKS=${other.jwks}`),
    );
    await expect(run()).rejects.toThrow(DevEnvError);
    await expect(run()).rejects.toThrow(
      /JWKS .* does not match CONVEX_AUTH_PRIVATE_KEY/,
    );
  });
});

describe("parseEnvFile", () => {
  it("reads quoted, unquoted and commented values like dotenv", () => {
    expect(
      parseEnvFile(
        [
          "# comment",
          "A=plain # trailing comment",
          "export B='single # kept'",
          'C="line1\\nline2"',
          "D=",
          'E={"keys":[]}',
        ].join("\n"),
      ),
    ).toEqual({
      A: "plain",
      B: "single # kept",
      C: "line1\nline2",
      D: "",
      E: '{"keys":[]}',
    });
  });
});
