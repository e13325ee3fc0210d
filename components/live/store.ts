// The tab's live layer as module state: the one Convex client (null until its code has
// loaded), the session's auth as the root provider last published it, and whether the
// Convex backend accepted that auth. Nothing here imports the client's code (`import
// type` only), so shopper pages can read this state without shipping the client in their
// first load; `client.ts` (loaded after first paint, or statically by the pages that need
// the client at once) registers the client here.
import type { ConvexReactClient } from "convex/react";

/** What the session says about auth, made by the root provider (ConvexClientProvider). */
export type SessionAuth = {
  /** The session is not known yet (never, when the server passed it in). */
  isLoading: boolean;
  /** A session exists, so Convex should be given its token. */
  isAuthenticated: boolean;
  /**
   * Hands Convex the session's token. Its identity changes only with the session, and
   * a new one makes Convex re-authenticate (re-running every query), so it must stay
   * stable while the session does.
   */
  fetchAccessToken: (options: { forceRefreshToken: boolean }) => Promise<string | null>;
};

type State = {
  client: ConvexReactClient | null;
  session: SessionAuth | null;
  /** The `fetchAccessToken` given to the client, if any. */
  appliedFetch: SessionAuth["fetchAccessToken"] | null;
  /** Whether the backend accepted `appliedFetch`'s token: null until it says. */
  convexAuthenticated: boolean | null;
};

let state: State = { client: null, session: null, appliedFetch: null, convexAuthenticated: null };
const listeners = new Set<() => void>();
let clientWaiters: ((client: ConvexReactClient) => void)[] = [];

function update(patch: Partial<State>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function subscribeLive(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A snapshot for useSyncExternalStore: a new object only when something changed. */
export function liveState(): State {
  return state;
}

/**
 * Give the client the session's auth, as ConvexProviderWithAuth does: `setAuth` when a
 * session exists (once per `fetchAccessToken`), `clearAuth` when it has gone. Runs when
 * either side changes, so the order in which the client loads and the session is
 * published does not matter.
 */
function applyAuth(): void {
  const { client, session, appliedFetch } = state;
  if (client === null || session === null || session.isLoading) return;
  if (session.isAuthenticated) {
    if (appliedFetch === session.fetchAccessToken) return;
    const fetchAccessToken = session.fetchAccessToken;
    update({ appliedFetch: fetchAccessToken, convexAuthenticated: null });
    client.setAuth(fetchAccessToken, (backendReportsIsAuthenticated) => {
      // An answer about an older session's token is no news about this one.
      if (state.appliedFetch === fetchAccessToken) {
        update({ convexAuthenticated: backendReportsIsAuthenticated });
      }
    });
  } else if (appliedFetch !== null) {
    client.clearAuth();
    update({ appliedFetch: null, convexAuthenticated: null });
  }
}

/** Called by the root provider after every change of the session's auth. */
export function publishSessionAuth(session: SessionAuth): void {
  if (state.session === session) return;
  update({ session });
  applyAuth();
}

/**
 * Called once by `client.ts` when the client exists. Auth is applied before the client
 * is announced, so no query is subscribed without the session's token.
 */
export function registerClient(client: ConvexReactClient): void {
  if (state.client !== null) return;
  state = { ...state, client };
  applyAuth();
  update({});
  const waiters = clientWaiters;
  clientWaiters = [];
  for (const resolve of waiters) resolve(client);
}

/** The client once it has loaded (at once when it has). */
export function whenClient(): Promise<ConvexReactClient> {
  const { client } = state;
  if (client !== null) return Promise.resolve(client);
  return new Promise((resolve) => clientWaiters.push(resolve));
}
