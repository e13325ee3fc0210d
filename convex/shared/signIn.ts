// How a session signed in: the methods a session records, and the words the devices page,
// the admin console and the Security page use for them. Pure, shared by Convex and the app.

export const SIGN_IN_METHODS = ["github", "google", "email", "passkey", "demo"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

const METHOD_NAMES: Record<SignInMethod, string> = {
  github: "GitHub",
  google: "Google",
  email: "an e-mail link",
  passkey: "a passkey",
  demo: "the demo sign-in",
};

/** "Signed in with a passkey"; sessions from before methods were recorded say so. */
export function signInMethodLabel(method: SignInMethod | null | undefined): string {
  return method ? `Signed in with ${METHOD_NAMES[method]}` : "Sign-in method not recorded";
}
