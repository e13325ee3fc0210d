"use client";
// The session's auth as the live layer sees it: convex/react's `useConvexAuth` without
// the Convex client's code (pages that need only this do not pull in the rest of
// hooks.ts).
import { createContext, useContext, useMemo, useSyncExternalStore } from "react";
import { liveState, subscribeLive, type SessionAuth } from "./store";

/** The session's auth, provided by the root provider (ConvexClientProvider). */
export const SessionAuthContext = createContext<SessionAuth | null>(null);

/**
 * convex/react's `useConvexAuth`: `isAuthenticated` once the Convex backend accepted this
 * session's token, `isLoading` while a session exists and Convex has not answered yet
 * (including before the client has loaded).
 */
export function useLiveAuth(): { isLoading: boolean; isAuthenticated: boolean } {
  const session = useContext(SessionAuthContext);
  if (session === null) throw new Error("useLiveAuth must be used inside ConvexClientProvider");
  const convexAuthenticated = useSyncExternalStore(
    subscribeLive,
    () => {
      const state = liveState();
      // Only an answer about this session's token counts.
      return state.appliedFetch === session.fetchAccessToken ? state.convexAuthenticated : null;
    },
    () => null,
  );
  const isLoading =
    session.isLoading || (session.isAuthenticated && convexAuthenticated === null);
  const isAuthenticated = session.isAuthenticated && convexAuthenticated === true;
  return useMemo(() => ({ isLoading, isAuthenticated }), [isLoading, isAuthenticated]);
}

