// What `npm run convex:env:push` sets on a Convex deployment, decided without side
// effects so the rules can be tested: a production deployment always gets a fresh key
// pair and adapter secret (the development ones sit in every developer's .env.local),
// and never a demo or reserved e-mail address as an admin.
import { generateConvexAuthKeys, randomSecret } from "../dev/setup-env";

export interface Assignment {
  name: string;
  value: string;
  /** Secrets are masked in what we print. */
  secret: boolean;
}

export interface PushPlan {
  assignments: Assignment[];
  /** The Next.js half of newly made secrets, for `.dev/production-next.env`. */
  nextSide: Record<string, string>;
  warnings: string[];
}

export class PushRefused extends Error {}

/** Domains no real admin has: RFC 2606 / 6761 reserved names and the old demo domain. */
export function isDemoAddress(email: string): boolean {
  const domain = email.trim().toLowerCase().split("@").pop() ?? "";
  if (["example.com", "example.net", "example.org", "demo.shop"].includes(domain)) return true;
  return /(^|\.)(test|example|invalid|localhost)$/.test(domain);
}

export async function planEnvPush(options: {
  /** Values from the env file (default `.env.convex.local`). */
  fileEnv: Record<string, string>;
  prod: boolean;
  newKeys: boolean;
  /** `--admin-emails`, else the file's, else the shell's ADMIN_EMAILS. */
  adminEmails: string;
}): Promise<PushPlan> {
  const { fileEnv, prod, adminEmails } = options;
  const newKeys = options.newKeys || prod;
  const nextSide: Record<string, string> = {};
  const warnings: string[] = [];

  const demo = adminEmails
    .split(",")
    .map((email) => email.trim())
    .filter((email) => email !== "" && isDemoAddress(email));
  if (prod && demo.length > 0) {
    throw new PushRefused(
      `ADMIN_EMAILS for production contains demo or reserved addresses (${demo.join(", ")}): pass --admin-emails with your admins' real addresses.`,
    );
  }

  let jwks = newKeys ? undefined : fileEnv.JWKS;
  if (!jwks) {
    const keys = await generateConvexAuthKeys();
    jwks = keys.jwks;
    nextSide.CONVEX_AUTH_PRIVATE_KEY = keys.privateKeyPem;
  }
  let adapterSecret = newKeys ? undefined : fileEnv.CONVEX_AUTH_ADAPTER_SECRET;
  if (!adapterSecret) {
    adapterSecret = randomSecret();
    nextSide.CONVEX_AUTH_ADAPTER_SECRET = adapterSecret;
  }
  if (prod && !options.newKeys) {
    warnings.push("--prod: made a new key pair and adapter secret (production never reuses the dev keys).");
  }

  const assignments: Assignment[] = [
    { name: "JWKS", value: jwks, secret: false },
    { name: "CONVEX_AUTH_ADAPTER_SECRET", value: adapterSecret, secret: true },
  ];
  if (adminEmails) assignments.push({ name: "ADMIN_EMAILS", value: adminEmails, secret: false });
  else warnings.push("ADMIN_EMAILS: not set (pass --admin-emails); the deployment will have no admins.");
  if (!prod && demo.length > 0) {
    warnings.push(`ADMIN_EMAILS has demo addresses (${demo.join(", ")}); fine for a dev deployment only.`);
  }
  return { assignments, nextSide, warnings };
}
