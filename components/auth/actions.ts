"use server";
// Server actions behind the header's sign-in and sign-out buttons. As forms, they
// work before (or without) client JavaScript.
import { redirect } from "next/navigation";
import { getSession, signOut } from "@/server/session";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/validations/auth";

/** "Sign in": straight into the app when this device already has a session. */
export async function signInShortcut(): Promise<never> {
  if ((await getSession()) !== null) redirect(DEFAULT_AFTER_SIGN_IN);
  redirect("/signin");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
