// The Next.js server's environment (docs/contracts.md), parsed once with zod. A
// missing or malformed variable becomes ONE line naming it and saying what it is,
// raised at boot by instrumentation.ts, instead of a stack trace at the first request.
//
// `parseServerEnv` is pure (takes the variables, returns or throws) so tests import it
// directly; `getServerEnv` reads `process.env` and caches the result.
import "server-only";
import { z } from "./validations/zod";
import { isLoopbackUrl } from "./loopback";

/** What each variable is, for the error line. Keys are every variable we read. */
const DESCRIPTIONS = {
  AUTH_SECRET:
    "the secret Auth.js encrypts its cookies and tokens with (at least 16 characters; `npx auth secret` makes one)",
  AUTH_URL:
    "the public origin of this app, e.g. https://shop.example.com: every link the app e-mails or redirects to is built on it, never on a request's Host header",
  AUTH_TRUST_HOST:
    "not needed: the app sets Auth.js's trustHost itself because every URL comes from AUTH_URL",
  NEXT_PUBLIC_CONVEX_URL:
    "the Convex deployment URL the app talks to, e.g. https://happy-otter-123.convex.cloud",
  CONVEX_SITE_URL:
    "the Convex deployment's site URL (HTTP actions), used as the Convex token issuer, e.g. https://happy-otter-123.convex.site",
  CONVEX_AUTH_PRIVATE_KEY:
    "the PKCS#8 PEM private key that signs Convex tokens. Run npm run dev once to generate it",
  CONVEX_AUTH_ADAPTER_SECRET:
    "the shared secret the Auth.js adapter sends to Convex (the same value as on the Convex deployment, at least 16 characters). Run npm run dev once to generate it",
  AUTH_RESEND_KEY: "the Resend API key that e-mail sign-in links are sent with",
  RESEND_BASE_URL:
    "the Resend API base URL (dev only: the local mail catcher), e.g. http://127.0.0.1:4020",
  EMAIL_FROM:
    'the sender of sign-in and order e-mails, e.g. "Shop <no-reply@shop.example.com>"; needed when AUTH_RESEND_KEY is set',
  AUTH_GITHUB_ID:
    "the GitHub OAuth app's client id; set together with AUTH_GITHUB_SECRET",
  AUTH_GITHUB_SECRET:
    "the GitHub OAuth app's client secret; set together with AUTH_GITHUB_ID",
  AUTH_GOOGLE_ID:
    "the Google OAuth client id; set together with AUTH_GOOGLE_SECRET",
  AUTH_GOOGLE_SECRET:
    "the Google OAuth client secret; set together with AUTH_GOOGLE_ID",
  DEMO_OIDC_ISSUER:
    "the demo OpenID Connect provider's issuer URL (dev only); set together with DEMO_OIDC_CLIENT_ID and DEMO_OIDC_CLIENT_SECRET",
  DEMO_OIDC_CLIENT_ID:
    "the demo OpenID Connect client id (dev only); set together with DEMO_OIDC_ISSUER and DEMO_OIDC_CLIENT_SECRET",
  DEMO_OIDC_CLIENT_SECRET:
    "the demo OpenID Connect client secret (dev only); set together with DEMO_OIDC_ISSUER and DEMO_OIDC_CLIENT_ID",
  ADMIN_EMAILS: "comma-separated e-mail addresses of admins",
  ALLOW_DEV_SIGN_IN:
    "set to 1 only on a developer's machine or the test harness to allow the dev-only sign-in (DEMO_OIDC_*, RESEND_BASE_URL); never in production",
  TRUSTED_PROXY_HOPS:
    "how many proxies in front of this app append to X-Forwarded-For (0 = trust none of its entries)",
  CLIENT_IP_HEADER:
    "a header your platform sets to the client's address and overwrites on every request, e.g. x-real-ip or x-vercel-forwarded-for (instead of TRUSTED_PROXY_HOPS)",
  NODE_ENV: "development, production or test (set by Next.js)",
} as const;

export type EnvName = keyof typeof DESCRIPTIONS;

/** Empty strings count as unset: an `.env` line `FOO=` means "not configured". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    schema.optional(),
  );
const required = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);

const httpUrl = z
  .string()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    {
      message: "expected an http(s) URL",
    },
  );

/** No trailing slash: the token's `iss` must equal Convex's CONVEX_SITE_URL exactly. */
const issuerUrl = httpUrl.transform((value) => value.replace(/\/+$/, ""));

const privateKeyPem = z
  .string()
  // `.env` files often hold the PEM on one line with literal `\n` escapes.
  .transform((value) => value.replace(/\\n/g, "\n").trim())
  .refine(
    (value) =>
      /^-----BEGIN PRIVATE KEY-----\r?\n[A-Za-z0-9+/=\r\n]+\r?\n-----END PRIVATE KEY-----$/.test(
        value,
      ),
    {
      message:
        "expected a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)",
    },
  );

const secret = z
  .string()
  .min(16, { message: "too short: use at least 16 characters" });

/** The one way a boolean variable is read: true/1/yes/on or false/0/no/off, nothing else. */
const booleanFlag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(
    z.enum(["true", "1", "yes", "on", "false", "0", "no", "off"], {
      message: "expected true or false (or 1 or 0)",
    }),
  )
  .transform((value) => ["true", "1", "yes", "on"].includes(value));

/** An origin only: scheme, host and port, no path, query or hash. */
const originUrl = httpUrl
  .refine((value) => new URL(value).pathname === "/" && !/[?#]/.test(value), {
    message: "expected just the origin, e.g. https://shop.example.com (no path)",
  })
  .transform((value) => new URL(value).origin);

const proxyHops = z
  .string()
  .regex(/^\d{1,2}$/, { message: "expected a whole number of proxies, e.g. 1" })
  .transform(Number);

const headerName = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9-]+$/, { message: "expected a header name, e.g. x-real-ip" }));

const emailList = z.string().transform((value) =>
  value
    .split(",")
    .map((email) => email.trim().toLowerCase())
    .filter((email) => email.length > 0),
);

const schema = z.object({
  AUTH_SECRET: required(secret),
  AUTH_URL: required(originUrl),
  AUTH_TRUST_HOST: optional(booleanFlag),
  NEXT_PUBLIC_CONVEX_URL: required(httpUrl),
  CONVEX_SITE_URL: required(issuerUrl),
  CONVEX_AUTH_PRIVATE_KEY: required(privateKeyPem),
  CONVEX_AUTH_ADAPTER_SECRET: required(secret),
  AUTH_RESEND_KEY: optional(z.string()),
  RESEND_BASE_URL: optional(httpUrl),
  EMAIL_FROM: optional(z.string()),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  AUTH_GOOGLE_ID: optional(z.string()),
  AUTH_GOOGLE_SECRET: optional(z.string()),
  DEMO_OIDC_ISSUER: optional(httpUrl),
  DEMO_OIDC_CLIENT_ID: optional(z.string()),
  DEMO_OIDC_CLIENT_SECRET: optional(z.string()),
  ADMIN_EMAILS: optional(emailList),
  ALLOW_DEV_SIGN_IN: optional(booleanFlag),
  TRUSTED_PROXY_HOPS: optional(proxyHops),
  CLIENT_IP_HEADER: optional(headerName),
  NODE_ENV: optional(z.string()),
});

type ParsedVariables = z.output<typeof schema>;

export type ServerEnv = Omit<ParsedVariables, "ADMIN_EMAILS" | "AUTH_URL"> & {
  /** The app's one origin (AUTH_URL without a trailing slash). */
  AUTH_URL: string;
  /** Lower-cased admin addresses; empty when unset. */
  ADMIN_EMAILS: string[];
  /** Where the client's IP comes from (see lib/device.ts `clientIp`). */
  clientIp: { hops: number } | { header: string };
  /**
   * Which sign-in methods are configured. A provider is on only when all of its
   * variables are set; setting only some of them is an error (see parseServerEnv).
   */
  providers: {
    github: { clientId: string; clientSecret: string } | null;
    google: { clientId: string; clientSecret: string } | null;
    email: { apiKey: string; from: string; baseUrl: string | null } | null;
    demoOidc: { issuer: string; clientId: string; clientSecret: string } | null;
  };
};

/** A configuration problem; the message is one line meant to be printed as is. */
export class EnvError extends Error {
  override name = "EnvError";
  constructor(
    message: string,
    /** The variables at fault, in the order reported. */
    readonly variables: EnvName[],
  ) {
    super(message);
    // The message says all there is; a stack would only bury it in the server log.
    this.stack = `${this.name}: ${message}`;
  }
}

function problem(
  name: EnvName,
  source: Record<string, string | undefined>,
  why: string,
) {
  const value = source[name];
  return value === undefined || value === ""
    ? `Missing environment variable ${name}: ${DESCRIPTIONS[name]}.`
    : `Malformed environment variable ${name}: ${why} (${DESCRIPTIONS[name]}).`;
}

/** Variables that only make sense together: all set or none. */
const GROUPS: EnvName[][] = [
  ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
  ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  ["DEMO_OIDC_ISSUER", "DEMO_OIDC_CLIENT_ID", "DEMO_OIDC_CLIENT_SECRET"],
  ["AUTH_RESEND_KEY", "EMAIL_FROM"],
];

/** Variables that turn on a sign-in which trusts anyone: dev and tests only. */
const DEV_SIGN_IN: EnvName[] = [
  "DEMO_OIDC_ISSUER",
  "DEMO_OIDC_CLIENT_ID",
  "DEMO_OIDC_CLIENT_SECRET",
  "RESEND_BASE_URL",
];

/** Rules across variables, on values that parsed. */
function crossChecks(env: ParsedVariables, source: Record<string, string | undefined>) {
  const problems: Array<[EnvName, string]> = [];
  const is = (name: EnvName) => (source[name] ?? "") !== "";
  const https = new URL(env.AUTH_URL).protocol === "https:";
  if (env.NODE_ENV === "production" && !https && !isLoopbackUrl(env.AUTH_URL)) {
    problems.push([
      "AUTH_URL",
      `Malformed environment variable AUTH_URL: a production server must use https (plain http only on this machine, e.g. http://localhost:3000) (${DESCRIPTIONS.AUTH_URL}).`,
    ]);
  }
  if (env.AUTH_TRUST_HOST === false) {
    problems.push([
      "AUTH_TRUST_HOST",
      "AUTH_TRUST_HOST=false would make Auth.js refuse every request; remove it: the app builds every URL on AUTH_URL and never trusts the Host header.",
    ]);
  }
  const devSet = DEV_SIGN_IN.filter(is);
  if (devSet.length > 0 && env.ALLOW_DEV_SIGN_IN !== true) {
    problems.push([
      devSet[0],
      `${devSet.join(", ")} ${devSet.length === 1 ? "turns" : "turn"} on the dev-only sign-in, which signs anyone in: remove ${devSet.length === 1 ? "it" : "them"}, or set ALLOW_DEV_SIGN_IN=1 on a developer's machine (never in production).`,
    ]);
  }
  if (env.ALLOW_DEV_SIGN_IN === true) {
    for (const name of ["AUTH_URL", "DEMO_OIDC_ISSUER", "RESEND_BASE_URL"] as const) {
      const url = env[name];
      if (url !== undefined && !isLoopbackUrl(url)) {
        problems.push([
          name,
          `Malformed environment variable ${name}: with ALLOW_DEV_SIGN_IN on it must point at this machine (localhost or 127.0.0.1), not ${new URL(url).host}.`,
        ]);
      }
    }
  }
  if (env.TRUSTED_PROXY_HOPS !== undefined && env.CLIENT_IP_HEADER !== undefined) {
    problems.push([
      "CLIENT_IP_HEADER",
      "Set one of TRUSTED_PROXY_HOPS and CLIENT_IP_HEADER, not both: they are two ways of saying where the client's IP comes from.",
    ]);
  }
  return problems;
}

/**
 * Parse and check the server variables. Throws an EnvError whose message is one
 * line listing every problem found ("Missing environment variable X: what it is.").
 */
export function parseServerEnv(
  source: Record<string, string | undefined>,
): ServerEnv {
  const problems: Array<[EnvName, string]> = [];
  const result = schema.safeParse(
    Object.fromEntries(
      Object.keys(DESCRIPTIONS).map((name) => [name, source[name]]),
    ),
  );
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path[0] as EnvName;
      if (problems.some(([seen]) => seen === name)) continue;
      problems.push([name, problem(name, source, issue.message)]);
    }
  }
  for (const group of GROUPS) {
    const set = group.filter((name) => (source[name] ?? "") !== "");
    if (set.length === 0 || set.length === group.length) continue;
    // EMAIL_FROM alone is harmless (used by order e-mails only when a key exists).
    if (group[0] === "AUTH_RESEND_KEY" && !set.includes("AUTH_RESEND_KEY"))
      continue;
    for (const name of group) {
      if (set.includes(name) || problems.some(([seen]) => seen === name))
        continue;
      problems.push([
        name,
        `Missing environment variable ${name}: ${DESCRIPTIONS[name]} (${set.join(" and ")} ${set.length === 1 ? "is" : "are"} set).`,
      ]);
    }
  }
  if (result.success) problems.push(...crossChecks(result.data, source));
  if (problems.length > 0 || !result.success) {
    throw new EnvError(
      problems.map(([, line]) => line).join(" "),
      problems.map(([name]) => name),
    );
  }
  const env = result.data;
  return {
    ...env,
    AUTH_URL: env.AUTH_URL,
    ADMIN_EMAILS: env.ADMIN_EMAILS ?? [],
    clientIp:
      env.CLIENT_IP_HEADER !== undefined
        ? { header: env.CLIENT_IP_HEADER }
        : { hops: env.TRUSTED_PROXY_HOPS ?? 0 },
    providers: {
      github:
        env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
          ? {
              clientId: env.AUTH_GITHUB_ID,
              clientSecret: env.AUTH_GITHUB_SECRET,
            }
          : null,
      google:
        env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
          ? {
              clientId: env.AUTH_GOOGLE_ID,
              clientSecret: env.AUTH_GOOGLE_SECRET,
            }
          : null,
      email:
        env.AUTH_RESEND_KEY && env.EMAIL_FROM
          ? {
              apiKey: env.AUTH_RESEND_KEY,
              from: env.EMAIL_FROM,
              baseUrl: env.RESEND_BASE_URL ?? null,
            }
          : null,
      demoOidc:
        env.DEMO_OIDC_ISSUER &&
        env.DEMO_OIDC_CLIENT_ID &&
        env.DEMO_OIDC_CLIENT_SECRET
          ? {
              issuer: env.DEMO_OIDC_ISSUER,
              clientId: env.DEMO_OIDC_CLIENT_ID,
              clientSecret: env.DEMO_OIDC_CLIENT_SECRET,
            }
          : null,
    },
  };
}

let cached: ServerEnv | null = null;

/** The server env, parsed on first use and cached for the life of the process. */
export function getServerEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
