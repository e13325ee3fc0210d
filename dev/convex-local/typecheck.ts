// Type-checks a project's `convex/` folder before a hot reload (as `npx convex dev` does before a
// push), so a type error is reported with file and line and the previous version keeps serving.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

function findTsc(projectDir: string): string | null {
  for (const base of [path.join(projectDir, "package.json"), import.meta.url]) {
    try {
      return createRequire(base).resolve("typescript/bin/tsc");
    } catch {
      // try the next place
    }
  }
  return null;
}

/** Resolves to null when the types check (or cannot be checked), else tsc's error lines. */
export function typecheckConvex(projectDir: string): Promise<string | null> {
  const tsconfig = path.join(projectDir, "convex", "tsconfig.json");
  const tsc = findTsc(projectDir);
  if (!existsSync(tsconfig) || tsc === null) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, "--noEmit", "--pretty", "false", "-p", tsconfig],
      { cwd: projectDir, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout) => {
        if (!error) return resolve(null);
        const lines = stdout.split("\n").filter((l) => /error TS\d+/.test(l));
        resolve(lines.length > 0 ? lines.join("\n") : null);
      },
    );
  });
}
