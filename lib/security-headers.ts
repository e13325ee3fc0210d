// The security headers of every response, one place: the Content-Security-Policy (with a
// per-request nonce, set by middleware.ts) and the static ones (next.config.ts, so static
// files get them too). Pure: callers pass what the policy depends on.

/** What the policy allows besides this app. */
export type CspSources = {
  /** The Convex deployment URL: the browser's queries go there over HTTP and WebSocket. */
  convexUrl: string;
  /** Origins a sign-in form may end up at (OAuth providers' authorization pages). */
  signInOrigins: string[];
  /** `next dev`: React Refresh needs eval. */
  dev: boolean;
};

/** The WebSocket origin that goes with an http(s) URL (https → wss). */
function socketOrigin(url: URL): string {
  return `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
}

/**
 * The Content-Security-Policy for one response. Scripts run only with this response's
 * nonce (Next.js puts it on its own scripts; the layout on the theme script) or when
 * loaded by such a script ('strict-dynamic'); nothing may frame the app.
 */
export function contentSecurityPolicy(nonce: string, sources: CspSources): string {
  const convex = new URL(sources.convexUrl);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(sources.dev ? ["'unsafe-eval'"] : []),
    ],
    // React sets `style` attributes (store colours); those need 'unsafe-inline', and a
    // nonce in this list would switch it off. Styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", convex.origin, socketOrigin(convex)],
    "form-action": ["'self'", ...sources.signInOrigins],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(" ")}`)
    .join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Headers that do not change per request, for every response including static files. */
export function staticSecurityHeaders(options: { https: boolean }): Array<[string, string]> {
  return [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    // Older browsers that ignore CSP frame-ancestors.
    ["X-Frame-Options", "DENY"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    [
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()",
    ],
    // Only over https: a browser ignores it on http, and it must never pin a dev host.
    ...(options.https
      ? ([["Strict-Transport-Security", "max-age=63072000; includeSubDomains"]] as Array<
          [string, string]
        >)
      : []),
  ];
}

/** Where the policy's sources come from in this deployment's env. */
export function cspSourcesOf(env: {
  NEXT_PUBLIC_CONVEX_URL: string;
  NODE_ENV?: string;
  providers: { github: unknown; google: unknown; demoOidc: { issuer: string } | null };
}): CspSources {
  const { github, google, demoOidc } = env.providers;
  return {
    convexUrl: env.NEXT_PUBLIC_CONVEX_URL,
    signInOrigins: [
      ...(github ? ["https://github.com"] : []),
      ...(google ? ["https://accounts.google.com"] : []),
      ...(demoOidc ? [new URL(demoOidc.issuer).origin] : []),
    ],
    dev: env.NODE_ENV === "development",
  };
}
