// "Check your email": shown after a magic link was sent (Auth.js verifyRequest page).
import type { Metadata } from "next";
import Link from "next/link";
import { MAGIC_LINK_MAX_AGE_SECONDS } from "@/server/session";
import { durationInWords } from "@/convex/shared/durations";
import { emailSignInSchema } from "@/lib/validations/auth";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Only echo something that is an e-mail address: this page must not display
  // arbitrary text from a link someone crafted.
  const parsed = emailSignInSchema.safeParse({ email: params.email });
  const email = parsed.success ? parsed.data.email : null;
  const validFor = durationInWords(MAGIC_LINK_MAX_AGE_SECONDS * 1000);
  return (
    <div className="mx-auto w-full max-w-md px-4 py-16">
      <div role="status">
        <h1 className="text-2xl font-bold">Check your email</h1>
        <p className="mt-3 text-muted-foreground">
          We sent a sign-in link to{" "}
          {email ? <strong className="text-foreground">{email}</strong> : "your e-mail address"}. Open
          it on this device to sign in.
        </p>
      </div>
      <ul className="mt-6 list-disc space-y-1 pl-5 text-sm text-muted-foreground">
        <li>The link works once and expires in {validFor}.</li>
        <li>Nothing there? Look in your spam folder, or ask for a new link.</li>
      </ul>
      <Link href="/signin" className="mt-8 inline-block text-sm font-medium text-accent underline-offset-4 hover:underline">
        Use a different address
      </Link>
    </div>
  );
}
