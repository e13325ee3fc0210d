"use client";
// Connects the tab's Convex client to the Auth.js session, and loads that client after
// first paint. The token Convex needs is made on the server, in auth.ts's session
// callback, and travels inside the trimmed session; this file only hands it to Convex
// and fetches a fresh session when Convex asks for a new token (before expiry, or after
// the backend refused the old one).
//
// The client's code (convex/react's sync engine, ~26 kB gzipped) is not in any shopper
// page's first load: the server render already carries each page's data (a preloaded,
// page-shaped query), so the page paints and hydrates without it. After hydration this
// provider `import()`s components/live/client.ts, which creates the client; components
// then go live through components/live/hooks.ts. Pages that use convex/react's hooks
// directly (account, admin, staff) load the same module with their own chunk
// (components/live/ConvexPageProvider.tsx), so they work on first render; one client per tab.
import type { Session } from "next-auth";
import { SessionProvider, useSession } from "next-auth/react";
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from "react";
import { refreshSession } from "@/components/auth/sessionToken";
import { SessionAuthContext } from "@/components/live/auth";
import { publishSessionAuth, type SessionAuth } from "@/components/live/store";

/** Refetch the session early when the token has less than this left. */
const TOKEN_SKEW_MS = 60_000;

/**
 * The session's auth for Convex. Its value must stay referentially stable while nothing
 * changes: a new `fetchAccessToken` or a flip of `isLoading` makes Convex clear and re-set
 * auth, re-running every query. So the latest token lives in a ref, and a token refresh
 * does not go through `useSession().update()` (which flips the provider to "loading").
 */
function useAuthFromSession(): SessionAuth {
  const { data: session, status } = useSession();
  const latest = useRef<Session | null>(session ?? null);
  // Follow the provider (sign-out, a different session), but never trade a token we
  // refreshed ourselves for the provider's older copy of the same session.
  if (session !== undefined) {
    const current = latest.current;
    if (
      session === null ||
      current === null ||
      session.sessionId !== current.sessionId ||
      session.convexTokenExpiresAt > current.convexTokenExpiresAt
    ) {
      latest.current = session;
    }
  }

  const sessionId = session?.sessionId ?? null;
  const fetchAccessToken = useCallback(
    async ({ forceRefreshToken }: { forceRefreshToken: boolean }) => {
      const current = latest.current;
      const fresh =
        current !== null && current.convexTokenExpiresAt - Date.now() > TOKEN_SKEW_MS;
      if (!forceRefreshToken && fresh) return current.convexToken;
      // The session endpoint runs the session callback, which reuses a cached token
      // until it nears expiry. A request that fails (aborted by a navigation, offline)
      // keeps the token while it is valid: only "no session" from the server signs out.
      const next = await refreshSession(current);
      latest.current = next;
      return next?.convexToken ?? null;
    },
    // A different session (another sign-in) must re-authenticate Convex, so the
    // function's identity follows the session id and nothing else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sessionId],
  );

  // Loading only until the provider first knows the session; with the server's
  // session passed in, that is never, so signed-in pages render without a flash.
  const isLoading = status === "loading" && session === undefined;
  const isAuthenticated = sessionId !== null;
  return useMemo(
    () => ({ isLoading, isAuthenticated, fetchAccessToken }),
    [isLoading, isAuthenticated, fetchAccessToken],
  );
}

/**
 * Publishes the session's auth to the live layer and, after hydration, loads the Convex
 * client. Rendered before the page so its effect runs before any effect of the page's:
 * a page that brought the client in its own chunk subscribes only after auth is set.
 */
function LiveBridge({ auth }: { auth: SessionAuth }) {
  useEffect(() => {
    publishSessionAuth(auth);
  }, [auth]);
  useEffect(() => {
    // After first paint and hydration: the page is already usable with the server's data.
    void import("@/components/live/client");
  }, []);
  return null;
}

function LiveAuthProvider({ children }: { children: ReactNode }) {
  const auth = useAuthFromSession();
  return (
    <SessionAuthContext.Provider value={auth}>
      <LiveBridge auth={auth} />
      {children}
    </SessionAuthContext.Provider>
  );
}

export function ConvexClientProvider({
  session,
  children,
}: {
  /** The server's session for this request (null when signed out). */
  session: Session | null;
  children: ReactNode;
}) {
  return (
    // SessionProvider reads `session` only on mount. Keying it by the session id
    // remounts it when a server render brings a different session (sign-in, or
    // sign-out through a server action), so the client never shows the old one.
    // refetchOnWindowFocus: a tab coming back picks up a sign-out done elsewhere.
    <SessionProvider key={session?.sessionId ?? "signed-out"} session={session} refetchOnWindowFocus>
      <LiveAuthProvider>{children}</LiveAuthProvider>
    </SessionProvider>
  );
}
