// The Convex client's code: the one module of the live layer that imports it. Shopper
// pages load it after first paint (the root provider's `import()`, see
// ConvexClientProvider); pages that use convex/react's hooks directly load it with their
// own chunk through ConvexPageProvider. Either way it is one module, so one client per tab.
import { ConvexReactClient } from "convex/react";
import { registerClient } from "./store";

let client: ConvexReactClient | null = null;

/**
 * The tab's client. Created on first call rather than at import so a missing URL fails
 * with a clear message; it opens no socket during server rendering (it connects on its
 * first subscription).
 */
export function convexClient(): ConvexReactClient {
  if (client === null) {
    const url = process.env.NEXT_PUBLIC_CONVEX_URL;
    if (!url) throw new Error("NEXT_PUBLIC_CONVEX_URL is not set");
    client = new ConvexReactClient(url, {
      // The token the page came with was made for this render (auth.ts reuses one until
      // it nears expiry): keep it and refresh shortly before it expires, rather than
      // asking the session endpoint for a new one on every page load.
      initialAuthTokenReuse: true,
    });
  }
  return client;
}

// In the browser, loading this module is what makes the tab live.
if (typeof window !== "undefined") registerClient(convexClient());
