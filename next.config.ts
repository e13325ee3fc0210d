// Next.js configuration. Kept small: the app needs no custom webpack; React Email and
// the resend SDK are server-only and load fine from node_modules at runtime.
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The end-to-end harness builds into its own folder (e2e/serve.ts) so it never clobbers
  // the dev server's `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Rendered only on the server (e-mails); bundling them gains nothing.
  serverExternalPackages: ["@react-email/render", "@react-email/components"],
};

export default nextConfig;
