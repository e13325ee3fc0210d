// Root layout: <html> with the theme applied before paint, the skip link, the header,
// and the client providers (Auth.js session + Convex). The server's session is read
// once here (cached per request) and handed to the browser so there is no loading
// flash and no second fetch on load.
import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { ConvexClientProvider } from "@/components/ConvexClientProvider";
import { SessionWatch } from "@/components/SessionWatch";
import { SignedOutCurtain } from "@/components/SignedOutCurtain";
import { BRAND_NAME } from "@/lib/brand";
import { SiteFooter } from "@/components/layout/SiteFooter";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { THEME_COOKIE, parseTheme, themeScript } from "@/components/theme";
import { ToastProvider } from "@/components/ui/Toast";
import { NONCE_HEADER } from "@/lib/routes";
import { getSession, isAdminEmail } from "@/server/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: BRAND_NAME, template: `%s · ${BRAND_NAME}` },
  description: "Shop several stores from several devices: each device keeps its own cart.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1020" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [session, cookieStore, requestHeaders] = await Promise.all([
    getSession(),
    cookies(),
    headers(),
  ]);
  // This response's CSP nonce (middleware.ts): the one inline script must carry it.
  const nonce = requestHeaders.get(NONCE_HEADER) ?? undefined;
  const theme = parseTheme(cookieStore.get(THEME_COOKIE)?.value);
  return (
    // The pre-paint script may change the class (theme "system"), hence the warning opt-out.
    <html lang="en" className={theme === "dark" ? "dark" : undefined} data-theme={theme} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="flex min-h-dvh flex-col bg-background text-foreground antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-2 focus:z-50 focus:rounded-md focus:bg-accent focus:px-4 focus:py-2 focus:text-accent-foreground"
        >
          Skip to content
        </a>
        <ConvexClientProvider session={session}>
          {/* Here, outside every page's error boundary, so any signed-in page (shop,
              account, admin) leaves at once when this device is revoked elsewhere. */}
          <SessionWatch />
          <ToastProvider>
            <SiteHeader isAdmin={isAdminEmail(session?.user.email)} />
            <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
              <SignedOutCurtain>{children}</SignedOutCurtain>
            </main>
            <SiteFooter />
          </ToastProvider>
        </ConvexClientProvider>
      </body>
    </html>
  );
}
