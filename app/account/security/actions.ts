"use server";
// The Security page's server action: sign in afresh before adding a passkey. Signing out
// ends this device's session (carts and settings go with it); the sign-in page says why
// and comes back here.
import { signOut } from "@/server/session";

export async function signInAgainAction(): Promise<void> {
  await signOut({
    redirectTo: "/signin?callbackUrl=%2Faccount%2Fsecurity&notice=reauth",
  });
}
