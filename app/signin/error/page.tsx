// /signin/error: Auth.js's error page, with its codes turned into plain words and a
// way back to the sign-in page.
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/Button";
import { signInErrorMessage } from "../messages";

export const metadata: Metadata = { title: "Sign-in problem" };

export default async function SignInErrorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { error } = await searchParams;
  const message = signInErrorMessage(error);
  return (
    <div className="mx-auto w-full max-w-md px-4 py-16">
      <div role="alert">
        <h1 className="text-2xl font-bold">{message.title}</h1>
        <p className="mt-3 text-muted-foreground">{message.detail}</p>
      </div>
      <Link href="/signin" className={buttonClasses("primary", "md", "mt-8")}>
        Try again
      </Link>
    </div>
  );
}
