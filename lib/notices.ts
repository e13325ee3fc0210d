// Notices that other parts of the app send people to /signin with (`?notice=…`). The
// sign-in page shows them, and a page that was signed out elsewhere shows the same words
// in place before it leaves (components/SignedOutCurtain.tsx).
export const signInNotices: Record<string, string> = {
  revoked: "This device was signed out from another device.",
  expired: "Your session expired. Please sign in again.",
  reauth: "Sign in again to add a passkey: adding one needs a sign-in from the last 10 minutes.",
};
