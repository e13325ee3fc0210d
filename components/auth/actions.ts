"use server";
// Server actions behind the header's sign-in and sign-out buttons (as forms, they work
// before or without client JavaScript), and the clean-up after a remote sign-out.
import { redirect } from "next/navigation";
import { getSession, signOut } from "@/server/session";
import {
  CALLBACK_URL_MAX,
  DEFAULT_AFTER_SIGN_IN,
  safeCallbackUrl,
} from "@/lib/validations/auth";
import { z } from "@/lib/validations/zod";

/** "Sign in": straight into the app when this device already has a session. */
export async function signInShortcut(): Promise<never> {
  if ((await getSession()) !== null) redirect(DEFAULT_AFTER_SIGN_IN);
  redirect("/signin");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

const signedOutSchema = z.object({
  reason: z.enum(["revoked", "expired"]),
  returnTo: z.string().max(CALLBACK_URL_MAX).nullable(),
});

/**
 * This device was signed out elsewhere (SessionWatch saw it live): forget its cookie and
 * go to sign-in with the notice, in one request: Auth.js clears the cookie here and the
 * redirect brings the sign-in page along in the same response (no csrf, signout and
 * session requests from the browser, as Auth.js's client `signOut` would make).
 */
export async function leaveSignedOutDevice(reason: unknown, returnTo: unknown): Promise<void> {
  const parsed = signedOutSchema.safeParse({ reason, returnTo });
  const notice = parsed.success ? parsed.data.reason : "revoked";
  const back = parsed.success ? parsed.data.returnTo : null;
  const params = new URLSearchParams({ notice });
  if (back !== null) params.set("callbackUrl", safeCallbackUrl(back));
  await signOut({ redirect: false });
  // A relative redirect: Next.js then sends the sign-in page in this same response.
  redirect(`/signin?${params.toString()}`);
}
