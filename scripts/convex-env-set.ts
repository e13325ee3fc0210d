// Sets the Convex function env that sign-in needs (JWKS, CONVEX_AUTH_ADAPTER_SECRET, ADMIN_EMAILS)
// on a REAL deployment with `npx convex env set`, one variable at a time, saying what it does.
//
//   npm run convex:env:push -- [--dry-run] [--prod] [--env-file .env.convex.local]
//                              [--new-keys] [--admin-emails a@x.com,b@y.com]
//
// Values come from the env file (default `.env.convex.local`, written by dev/setup-env.ts).
// `--new-keys`, `--prod` (always) or a missing value generates a fresh key pair and adapter
// secret instead, and writes their Next.js half (CONVEX_AUTH_PRIVATE_KEY,
// CONVEX_AUTH_ADAPTER_SECRET) to the git-ignored `.dev/production-next.env` for you to copy to
// the Next.js host. `--prod` refuses demo or reserved admin addresses (scripts/env-push-plan.ts).
// Values are piped to the CLI on stdin, so secrets stay out of the process list and a value
// starting with "-" is not mistaken for a flag.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatEnvLine, parseEnvFile } from "../dev/setup-env";
import { planEnvPush, type Assignment } from "./env-push-plan";

const rootDir = join(dirname(fileURLToPath(import.meta.url)), "..");

const { values } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    prod: { type: "boolean", default: false },
    "env-file": { type: "string", default: ".env.convex.local" },
    "new-keys": { type: "boolean", default: false },
    "admin-emails": { type: "string" },
  },
});

async function plan() {
  const envPath = resolve(rootDir, values["env-file"]);
  const fileEnv = existsSync(envPath) ? parseEnvFile(readFileSync(envPath, "utf8")) : {};
  const result = await planEnvPush({
    fileEnv,
    prod: values.prod,
    newKeys: values["new-keys"],
    adminEmails: values["admin-emails"] ?? fileEnv.ADMIN_EMAILS ?? process.env.ADMIN_EMAILS ?? "",
  });
  for (const warning of result.warnings) console.warn(warning);
  return result;
}

function shown(a: Assignment): string {
  return a.secret ? `<secret, ${a.value.length} chars>` : a.value;
}

async function main(): Promise<number> {
  const dryRun = values["dry-run"];
  const extraArgs = values.prod ? ["--prod"] : [];
  const { assignments, nextSide } = await plan();

  if (Object.keys(nextSide).length > 0) {
    const file = join(rootDir, ".dev", "production-next.env");
    const names = Object.keys(nextSide).join(", ");
    if (dryRun) {
      console.log(`would write ${names} for the Next.js host to ${file}`);
    } else {
      await mkdir(dirname(file), { recursive: true });
      const body = Object.entries(nextSide)
        .map(([name, value]) => formatEnvLine(name, value))
        .join("\n");
      await writeFile(
        file,
        `# Set these on the Next.js host (matching the Convex env just pushed).\n${body}\n`,
        {
          mode: 0o600,
        },
      );
      console.log(
        `wrote ${names} for the Next.js host to ${file} (git-ignored; copy them to your host)`,
      );
    }
  }

  for (const assignment of assignments) {
    const command = ["convex", "env", "set", ...extraArgs, assignment.name];
    console.log(
      `${dryRun ? "[dry run] " : ""}npx ${command.join(" ")} <<< ${shown(assignment)}`,
    );
    if (dryRun) continue;
    const result = spawnSync("npx", command, {
      cwd: rootDir,
      input: assignment.value,
      stdio: ["pipe", "inherit", "inherit"],
    });
    if (result.status !== 0) {
      console.error(
        `npx convex env set ${assignment.name} failed (exit ${result.status ?? result.signal}).`,
      );
      return 1;
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A refusal or a failed step: its message says it all.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
