// `convex/` must deploy for real. This bundles it the way the Convex CLI (`npx convex deploy`,
// node_modules/convex/dist/esm/bundler) does: the same entry-point rules and the same esbuild
// settings, platform "browser" for Convex's own runtime and "node" only for "use node" files.
// So a Node-only import in a file without "use node" fails here, not at the first real deploy.
// (The CLI's bundler module itself cannot be imported: it depends on packages that exist only
// inside the CLI's own bundle.)
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import { afterAll, describe, expect, test } from "vitest";

const root = resolve(import.meta.dirname, "..");

/** The CLI's entry points: JS/TS files outside _generated, not schema, no extra dots. */
function entryPoints(dir: string): { isolate: string[]; node: string[] } {
  const isolate: string[] = [];
  const node: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      const rel = relative(dir, full);
      if (entry.isDirectory()) {
        if (rel === "_generated" || entry.name.startsWith(".") || entry.name === "node_modules") continue;
        walk(full);
        continue;
      }
      const base = entry.name;
      if (!/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(base)) continue;
      if (base.startsWith(".") || base.startsWith("#")) continue;
      if (base === "schema.ts" || base === "schema.js") continue;
      if ((base.match(/\./g) ?? []).length > 1) continue; // foo.test.ts, foo.d.ts
      const source = readFileSync(full, "utf8");
      const usesNode = /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use node["'];?/.test(source);
      (usesNode ? node : isolate).push(full);
    }
  };
  walk(dir);
  return { isolate, node };
}

class BundleFailed extends Error {}

/** Convex's runtime has AsyncLocalStorage as a global; the CLI shims the import the same way. */
const asyncHooksShim: Plugin = {
  name: "async-hooks-shim",
  setup(b) {
    b.onResolve({ filter: /^(node:)?async_hooks$/ }, (args) => ({ path: args.path, namespace: "shim" }));
    b.onLoad({ filter: /.*/, namespace: "shim" }, () => ({
      contents: "export const AsyncLocalStorage = globalThis.AsyncLocalStorage;",
      loader: "js",
    }));
  },
};

async function bundle(dir: string, entries: string[], platform: "browser" | "node") {
  if (entries.length === 0) return [];
  try {
    const result = await build({
      entryPoints: entries,
      bundle: true,
      platform,
      format: "esm",
      target: "esnext",
      jsx: "automatic",
      outdir: "out",
      outbase: dir,
      conditions: ["convex", "module"],
      plugins: platform === "browser" ? [asyncHooksShim] : [],
      write: false,
      splitting: true,
      logLevel: "silent",
      // Node's built-ins are available to "use node" files only.
      external: platform === "node" ? ["node:*"] : [],
    });
    return result.outputFiles.map((file) => relative(resolve("out"), file.path));
  } catch (error) {
    throw new BundleFailed(error instanceof Error ? error.message : String(error));
  }
}

async function bundleConvexDir(dir: string) {
  const { isolate, node } = entryPoints(dir);
  const modules = [...(await bundle(dir, isolate, "browser")), ...(await bundle(dir, node, "node"))];
  return { isolate, node, modules };
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe("convex/ as the Convex CLI bundles it for deployment", () => {
  test("every function module bundles for Convex's runtime", async () => {
    const { isolate, modules } = await bundleConvexDir(join(root, "convex"));
    const paths = modules;
    // The modules the app's clients call must be among the deployed ones; tests are not.
    for (const expected of ["authAdapter.js", "sessions.js", "carts.js", "http.js", "crons.js"]) {
      expect(paths).toContain(expected);
    }
    expect(isolate.some((entry) => entry.includes(".test."))).toBe(false);
    expect(isolate.length).toBeGreaterThan(5);
  }, 60_000);

  test("a Node-only import in a file without \"use node\" is caught", async () => {
    const dir = mkdtempSync(join(tmpdir(), "convex-bundle-"));
    scratch.push(dir);
    const convexDir = join(dir, "convex");
    mkdirSync(convexDir);
    cpSync(join(root, "convex/_generated"), join(convexDir, "_generated"), { recursive: true });
    writeFileSync(
      join(convexDir, "broken.ts"),
      `import { readFileSync } from "fs";\nexport const read = () => readFileSync("/etc/hostname", "utf8");\n`,
    );
    await expect(bundleConvexDir(convexDir)).rejects.toThrow(/fs/);
    await expect(bundleConvexDir(convexDir)).rejects.toBeInstanceOf(BundleFailed);
  }, 60_000);
});
