// Next.js configuration. Kept small: the app needs no custom webpack; React Email and
// the resend SDK are server-only and load fine from node_modules at runtime.
// `ANALYZE=1 npx next build` writes bundle reports (what each page ships) to
// `<distDir>/analyze/` with @next/bundle-analyzer, a dev dependency: it is imported only
// then, so `next start` on a host installed without dev dependencies still boots.
import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // The end-to-end harness builds into its own folder (e2e/serve.ts) so it never clobbers
  // the dev server's `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Rendered only on the server (e-mails); bundling them gains nothing.
  serverExternalPackages: ["@react-email/render", "@react-email/components"],
  // Browsers freeze the OS version in the user agent ("Windows NT 10.0" for Windows 11,
  // "Mac OS X 10_15_7" for every recent macOS). Asking for the platform-version client hint
  // lets Chromium-based browsers send the real one on later requests, so a session created
  // at the sign-in callback can be recorded as "Windows 11" (lib/device.ts reads it).
  async headers() {
    const https = (process.env.AUTH_URL ?? "").startsWith("https:");
    return [
      {
        source: "/:path*",
        headers: [{ key: "Accept-CH", value: "Sec-CH-UA-Platform-Version" }],
      },
      {
        // Middleware (middleware.ts) sets these and the CSP on everything else.
        source: "/_next/:path*",
        headers: staticSecurityHeaders({ https }).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default async function config(): Promise<NextConfig> {
  if (process.env.ANALYZE !== "1") return nextConfig;
  const { default: bundleAnalyzer } = await import("@next/bundle-analyzer");
  return bundleAnalyzer({ enabled: true, openAnalyzer: false })(nextConfig);
}
