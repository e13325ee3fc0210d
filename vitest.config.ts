import { defineConfig } from "vitest/config";

export default defineConfig({
  // tsconfig keeps JSX as-is for Next.js; tests need it compiled (React 17+ runtime).
  oxc: { jsx: { runtime: "automatic" } },
  resolve: { alias: { "@": new URL("./", import.meta.url).pathname } },
  test: {
    include: [
      "convex/**/*.test.ts",
      "lib/**/*.test.ts",
      "server/**/*.test.ts",
      "emails/**/*.test.{ts,tsx}",
      "components/**/*.test.{ts,tsx}",
      "app/**/*.test.{ts,tsx}",
      "dev/**/*.test.ts",
      "tests/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    exclude: ["node_modules/**", "e2e/**", "dev/convex-local/test-project/**"],
    environment: "node",
    server: { deps: { inline: ["convex-test"] } },
    // 2 cores: keep workers few so servers started by tests are not starved.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
