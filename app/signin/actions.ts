"use server";
// Server actions of the sign-in page. Each one re-validates what the form sent: the
// provider must be configured and the return URL must stay on this site.
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { magicLinkWait } from "@/server/auth-adapter";
import { EMAIL_PROVIDER_ID, configuredProviders, signIn } from "@/server/session";
import { emailSignInSchema, safeCallbackUrl } from "@/lib/validations/auth";

export type EmailFormState = { error: string | null; email: string };

/** Sends the magic link, then shows "check your email" for that address. */
export async function requestMagicLink(
  _previous: EmailFormState,
  formData: FormData,
): Promise<EmailFormState> {
  const rawEmail = formData.get("email");
  const parsed = emailSignInSchema.safeParse({
    email: rawEmail,
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  const typed = typeof rawEmail === "string" ? rawEmail : "";
  if (!parsed.success) {
    return {
      error: parsed.error.issues[0]?.message ?? "Check the e-mail address",
      email: typed,
    };
  }
  const { email } = parsed.data;
  try {
    await signIn(EMAIL_PROVIDER_ID, {
      email,
      redirectTo: safeCallbackUrl(parsed.data.callbackUrl),
      redirect: false,
    });
  } catch (error) {
    if (error instanceof AuthError) {
      // Over a limit (auth.ts signIn callback): say when, the same for every address.
      const wait = await magicLinkWait(email).catch(() => null);
      if (wait !== null) return { error: wait, email };
      console.error("[signin] magic link failed:", error);
      return {
        error: "We could not send the sign-in e-mail. Check the address and try again in a minute.",
        email,
      };
    }
    throw error;
  }
  redirect(`/signin/check-email?${new URLSearchParams({ email }).toString()}`);
}

/** Starts an OAuth / OIDC sign-in (GitHub, Google, demo). */
export async function signInWithProvider(providerId: string, callbackUrl: string): Promise<void> {
  const known = configuredProviders().some(
    (provider) =>
      provider.id === providerId && (provider.type === "oauth" || provider.type === "oidc"),
  );
  if (!known) redirect("/signin/error?error=Configuration");
  try {
    await signIn(providerId, { redirectTo: safeCallbackUrl(callbackUrl) });
  } catch (error) {
    // signIn's success path is a redirect (thrown); only Auth.js errors are ours.
    if (error instanceof AuthError)
      redirect(`/signin/error?error=${encodeURIComponent(error.type)}`);
    throw error;
  }
}
