// The session on the server. `getSession` is `auth()` memoised per request with React
// `cache`, so a layout, a page and their components together cost one Convex round trip
// for auth. `requireSession` is the real gate of the signed-in area (middleware only
// checks that a cookie exists). Routes reach Auth.js through here, never `auth.ts`.
import "server-only";
import type { Session } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth, signIn, signOut } from "@/auth";
import { getServerEnv } from "@/lib/env";
import { DEFAULT_AFTER_SIGN_IN, RETURN_TO_HEADER, signInUrl } from "@/lib/routes";

export {
  DEMO_PROVIDER_ID,
  EMAIL_PROVIDER_ID,
  MAGIC_LINK_MAX_AGE_SECONDS,
  configuredProviders,
} from "@/auth";
export { signIn, signOut };

export const getSession = cache(async (): Promise<Session | null> => auth());

/**
 * The session, or a redirect to sign-in that returns here. Pass `returnTo` when the
 * page knows its own URL; otherwise middleware's header supplies it.
 */
export async function requireSession(returnTo?: string): Promise<Session> {
  const session = await getSession();
  if (session !== null) return session;
  const target = returnTo ?? (await headers()).get(RETURN_TO_HEADER) ?? DEFAULT_AFTER_SIGN_IN;
  redirect(signInUrl(target));
}

/** Whether this e-mail is in ADMIN_EMAILS (case-insensitive), for showing admin links. */
export function isAdminEmail(email: string | null | undefined): boolean {
  if (!email) return false;
  // ADMIN_EMAILS is parsed lower-cased by lib/env.ts. The real check is in Convex.
  return getServerEnv().ADMIN_EMAILS.includes(email.trim().toLowerCase());
}

/** `requireSession` plus the admin check; others get a 404, not a hint that /admin exists. */
export async function requireAdmin(returnTo?: string): Promise<Session> {
  const session = await requireSession(returnTo);
  if (!isAdminEmail(session.user.email)) notFound();
  return session;
}
