// This tab's signed-out state, shared by the watch (components/SessionWatch.tsx, which
// sets it) and the surfaces that give way to it (SignedOutCurtain, the account menu) or
// announce a sign-out of their own (sign-out buttons, "Sign out everywhere"). Its own
// module, apart from the watch, so those pages do not carry the watch's code.
import { useSyncExternalStore } from "react";

export type SignedOutReason = "revoked" | "expired";

/** This tab learnt that its session ended elsewhere: why, which session, on which page. */
export type SignedOut = { reason: SignedOutReason; sessionId: string | null; pathname: string };

// Module state, read with useSyncExternalStore: an update made in a layout effect
// re-renders every reader before the browser paints.
let signedOut: SignedOut | null = null;
const listeners = new Set<() => void>();

/** The watch saw this tab's session end elsewhere: every reader re-renders at once. */
export function announceSignedOut(value: SignedOut): void {
  signedOut = value;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Non-null from the moment this tab's session was seen to end elsewhere: signed-in
 * surfaces render their signed-out form (or nothing) at once.
 */
export function useSignedOut(): SignedOut | null {
  return useSyncExternalStore(
    subscribe,
    () => signedOut,
    () => null,
  );
}

/** Attribute marking a form whose submission signs this device out. */
export const SIGN_OUT_FORM_ATTRIBUTE = "data-sign-out";

// Module state rather than context: the sign-out buttons live in server-rendered
// forms and in unrelated client trees, and there is one watch per tab.
let signOutExpected = false;

/** Whether this device announced a sign-out of its own (read by the watch). */
export function isSignOutExpected(): boolean {
  return signOutExpected;
}

/** Set or clear the announcement (the watch: a sign-out form was submitted, a new session). */
export function setSignOutExpected(value: boolean): void {
  signOutExpected = value;
}

/**
 * Tell the watch that this device is about to sign itself out, so the session's
 * disappearance is not reported as "signed out from another device". Returns an undo
 * for when the sign-out fails and the session lives on.
 */
export function expectSignOut(): () => void {
  signOutExpected = true;
  return () => {
    signOutExpected = false;
  };
}
