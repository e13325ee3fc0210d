// Friendly text for Auth.js error codes. Auth.js sends "sign-in" kind errors to
// /signin?error=… and the rest to /signin/error?error=…; both pages use this table.
export type SignInErrorMessage = { title: string; detail: string };

const messages: Record<string, SignInErrorMessage> = {
  Verification: {
    title: "This sign-in link has expired or was already used",
    detail: "Each link works once and for 24 hours. Ask for a new one to sign in.",
  },
  OAuthCallbackError: {
    title: "The sign-in provider reported a problem",
    detail: "The provider did not complete the sign-in. Please try again.",
  },
  OAuthAccountNotLinked: {
    title: "This e-mail already belongs to an account",
    detail: "Sign in the way you did the first time (for example with an e-mail link).",
  },
  AccessDenied: {
    title: "Access denied",
    detail:
      "You do not have permission to sign in, the sign-in was cancelled, or too many sign-in links were asked for: wait a few minutes and try again.",
  },
  Configuration: {
    title: "Sign-in is not available right now",
    detail:
      "Something is wrong with the server's sign-in setup. Try another method or come back later.",
  },
  MissingCSRF: {
    title: "Your sign-in form expired",
    detail: "Reload the page and try again.",
  },
  EmailSignInError: {
    title: "We could not send the sign-in e-mail",
    detail: "Check the address and try again in a minute.",
  },
};

const fallback: SignInErrorMessage = {
  title: "Something went wrong while signing in",
  detail: "Please try again.",
};

export function signInErrorMessage(code: string | string[] | undefined): SignInErrorMessage {
  const key = Array.isArray(code) ? code[0] : code;
  return (key && messages[key]) || fallback;
}

export { signInNotices } from "@/lib/notices";
