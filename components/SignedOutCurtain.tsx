"use client";
// Wraps the content of every page (root layout). When SessionWatch sees this device's
// session end elsewhere, the page's content gives way to the notice in the same frame,
// with no request: nothing signed-in stays on screen while /signin is on its way. Only
// the page that was open is covered; the sign-in page it leaves for shows itself.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { Notice } from "@/components/ui/Notice";
import { signInNotices } from "@/lib/notices";
import { useSignedOut } from "./auth/signedOut";

export function SignedOutCurtain({ children }: { children: ReactNode }) {
  const signedOut = useSignedOut();
  const pathname = usePathname();
  if (signedOut === null || signedOut.pathname !== pathname) return children;
  return (
    <div className="mx-auto w-full max-w-sm px-4 py-16">
      <h1 className="text-2xl font-bold">Signed out</h1>
      <div className="mt-6">
        <Notice tone="warning">{signInNotices[signedOut.reason]}</Notice>
      </div>
      <p className="mt-6 text-sm text-muted-foreground">
        Taking you to sign-in…{" "}
        {/* No prefetch: leaving costs exactly one request (SessionWatch's). */}
        <Link href="/signin" prefetch={false} className="underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
