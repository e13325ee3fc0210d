// /signin: provider buttons and the e-mail form. A device that is already signed in
// goes straight to where it was heading. Notices from elsewhere (revoked device) and
// sign-in errors Auth.js sends here are shown above the options.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { buttonClasses } from "@/components/ui/Button";
import { Notice } from "@/components/ui/Notice";
import { EMAIL_PROVIDER_ID, configuredProviders, getSession } from "@/server/session";
import { safeCallbackUrl } from "@/lib/validations/auth";
import { signInWithProvider } from "./actions";
import { EmailSignInForm } from "./EmailSignInForm";
import { PasskeySignInButton } from "./PasskeySignInButton";
import { signInErrorMessage, signInNotices } from "./messages";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if ((await getSession()) !== null) redirect(callbackUrl);

  const notice = signInNotices[first(params.notice) ?? ""];
  const errorCode = first(params.error);
  const error = errorCode ? signInErrorMessage(errorCode) : null;
  const providers = configuredProviders();
  const oauth = providers.filter(
    (provider) => provider.type === "oauth" || provider.type === "oidc",
  );
  const hasEmail = providers.some((provider) => provider.id === EMAIL_PROVIDER_ID);
  const hasPasskey = providers.some((provider) => provider.type === "webauthn");

  return (
    <div className="mx-auto w-full max-w-sm px-4 py-16">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        Each device you sign in on gets its own cart and settings.
      </p>

      <div className="mt-6 space-y-3">
        {notice ? <Notice tone="warning">{notice}</Notice> : null}
        {error ? (
          <Notice tone="error" title={error.title}>
            {error.detail}
          </Notice>
        ) : null}
      </div>

      {hasPasskey ? <PasskeySignInButton callbackUrl={callbackUrl} /> : null}

      {oauth.length > 0 ? (
        <ul className="mt-6 space-y-2" aria-label="Sign in with">
          {oauth.map((provider) => (
            <li key={provider.id}>
              <form action={signInWithProvider.bind(null, provider.id, callbackUrl)}>
                <button type="submit" className={buttonClasses("secondary", "md", "w-full")}>
                  {provider.id === "demo" ? provider.name : `Continue with ${provider.name}`}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}

      {oauth.length > 0 && hasEmail ? (
        <div
          className="my-6 flex items-center gap-3 text-xs text-muted-foreground"
          aria-hidden="true"
        >
          <span className="h-px flex-1 bg-border" />
          or
          <span className="h-px flex-1 bg-border" />
        </div>
      ) : null}

      {hasEmail ? (
        <section aria-label="Sign in with e-mail" className={oauth.length > 0 ? undefined : "mt-6"}>
          <EmailSignInForm callbackUrl={callbackUrl} />
        </section>
      ) : null}

      {providers.length === 0 ? (
        <Notice tone="error" className="mt-6" title="No sign-in method is configured">
          Set the e-mail or an OAuth provider&apos;s variables (see .env.example).
        </Notice>
      ) : null}
    </div>
  );
}
