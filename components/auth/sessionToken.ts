// Where the Convex client gets a fresh token: the Auth.js session endpoint, which runs
// auth.ts's session callback (it reuses a cached token until that nears expiry). A failed
// request is not an answer: only the server saying "no session" means this device is
// signed out. Treating a failed request as one (next-auth's `getSession` returns null for
// both) made a navigation that aborted the refresh look like a revocation: Convex dropped
// the token and SessionWatch took the device to /signin?notice=revoked.
import type { Session } from "next-auth";

/** What the session endpoint said; "unreachable" when it gave no answer. */
export type SessionAnswer = Session | null | "unreachable";

const SESSION_ENDPOINT = "/api/auth/session";

/** Attempts before a token that has expired is given up (the first one plus retries). */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1_000;

/** Asks the session endpoint for this cookie's session. Never throws. */
export async function fetchSessionAnswer(): Promise<SessionAnswer> {
  try {
    const response = await fetch(SESSION_ENDPOINT, {
      cache: "no-store",
      credentials: "same-origin",
    });
    if (!response.ok) return "unreachable";
    const body = (await response.json()) as Partial<Session> | null;
    // Auth.js answers null (or an empty object) when the cookie names no session.
    return body !== null && typeof body.convexToken === "string" ? (body as Session) : null;
  } catch {
    // Offline, aborted by a navigation, or not JSON.
    return "unreachable";
  }
}

/**
 * The session to hand Convex a token from. The server's answer when it gives one (null: the
 * session is gone, sign out); while it cannot be reached, the session we hold as long as
 * its token is still valid, retrying a few times once it is not.
 */
export async function refreshSession(
  current: Session | null,
  ask: () => Promise<SessionAnswer> = fetchSessionAnswer,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => number = Date.now,
): Promise<Session | null> {
  for (let attempt = 1; ; attempt++) {
    const answer = await ask();
    if (answer !== "unreachable") return answer;
    if (current !== null && current.convexTokenExpiresAt > now()) return current;
    if (attempt >= ATTEMPTS) return null;
    await wait(RETRY_DELAY_MS * attempt);
  }
}
