// ESLint: Next.js's rules (core web vitals, TypeScript) for the app, Convex's own plugin
// for the functions in convex/ (args validators, no bare `query` misuse, ...), and the
// layer rules of README "Architecture" as `no-restricted-imports`, one block per folder.
import { FlatCompat } from "@eslint/eslintrc";
import convexPlugin from "@convex-dev/eslint-plugin";

const compat = new FlatCompat({ baseDirectory: import.meta.dirname });

// What each folder may not import. An entry is an import-path regex and the reason.
const forbid = {
  dev: {
    regex: "^(@/|(\\.\\./)+)dev(/|$)",
    message: "dev/ is the offline stack: nothing the app ships imports it.",
  },
  convexInternals: {
    regex: "^(@/|(\\.\\./)+)convex/(?!_generated/|errors$|shared/)",
    message:
      "From convex/ the app imports only _generated/, errors and shared/ (pure modules both sides use).",
  },
  convexClients: {
    regex: "^convex/(nextjs|browser)$",
    message: "Call Convex from the Next.js server through server/convex.ts.",
  },
  auth: {
    regex: "^(@/|(\\.\\./)+)auth$",
    message: "Reach Auth.js through server/session.ts.",
  },
  server: {
    regex: "^(@/|(\\.\\./)+)server(/|$)",
    message: "server/ is the layer above this one: import it from routes and server actions only.",
  },
  app: {
    regex: "^(@/|(\\.\\./)+)app(/|$)",
    message: "Routes import shared code, not the other way round.",
  },
  components: {
    regex: "^(@/|(\\.\\./)+)components(/|$)",
    message: "UI components sit above this layer.",
  },
  emails: {
    regex: "^(@/|(\\.\\./)+)emails(/|$)",
    message: "E-mails are rendered and sent by server/email.ts only.",
  },
  zod: {
    regex: "^zod$",
    message:
      "Import z from @/lib/validations/zod: it is set up jitless, as the Content-Security-Policy forbids eval.",
  },
  outsideConvex: (depth) => ({
    regex: `^(@/|(\\.\\./){${depth},})`,
    message: "convex/ is deployed on its own: it imports only from convex/ and packages.",
  }),
};

// Everything that ships with the app: no dev stack, and only convex/'s public surface.
const shipped = [forbid.dev, forbid.convexInternals, forbid.zod];
// The bottom layers (lib/, emails/, middleware): nothing above them.
const pure = [
  ...shipped,
  forbid.auth,
  forbid.server,
  forbid.app,
  forbid.components,
  forbid.emails,
];

const tests = ["**/*.test.ts", "**/*.test.tsx"];

/** `no-restricted-imports` for some files: each entry of `forbid`, optionally type imports allowed. */
function layer(files, entries, { ignores = [] } = {}) {
  return {
    files,
    ignores: [...tests, ...ignores],
    rules: {
      "no-restricted-imports": ["error", { patterns: entries }],
    },
  };
}
const typesOnly = (entry) => ({ ...entry, allowTypeImports: true });

const config = [
  {
    ignores: [
      "node_modules/**",
      ".convex-local/**",
      ".dev/**",
      ".next/**",
      ".next-e2e/**",
      ".next-e2e-dev/**",
      "convex/_generated/**",
      "dev/convex-local/test-project/convex/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...compat.extends("next/core-web-vitals", "next/typescript"),
  ...convexPlugin.configs.recommended,
  {
    rules: {
      // Both ask for APIs newer than the pinned convex 1.48 (db calls with a table name,
      // env declared in convex.config.ts); revisit when Node 22 lets us upgrade convex.
      "@convex-dev/explicit-table-ids": "off",
      "@convex-dev/no-process-env": "off",
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Playwright fixtures call their `use` argument; it is not React's `use` hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },

  // The layers (README "Architecture"), bottom up.
  layer(["convex/*.ts"], [forbid.dev, forbid.outsideConvex(1)]),
  layer(["convex/*/*.ts"], [forbid.dev, forbid.outsideConvex(2)]),
  layer(["lib/**"], [...pure, typesOnly(forbid.convexClients)], {
    ignores: ["lib/validations/zod.ts"],
  }),
  layer(["emails/**"], [...pure, forbid.convexClients]),
  // Middleware runs on the edge before any page: no Auth.js, no Convex, no server layer.
  layer(["middleware.ts"], [...pure, forbid.convexClients]),
  layer(
    ["components/**"],
    [...shipped, typesOnly(forbid.convexClients), forbid.auth, forbid.app, forbid.emails],
  ),
  layer(["app/**"], [...shipped, forbid.convexClients, forbid.auth, forbid.emails], {
    ignores: ["app/api/auth/**"],
  }),
  layer(["app/api/auth/**"], [...shipped, forbid.convexClients]),
  layer(["server/**"], [...shipped, forbid.app, typesOnly(forbid.components)]),
  layer(["auth.ts", "instrumentation.ts"], [...shipped, forbid.app, forbid.components]),
];

export default config;
