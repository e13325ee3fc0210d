"use client";
// Watches this device's own session live. Rendered in the signed-in area: when the
// session is revoked from another device (or removed by the expiry cron), Convex
// pushes `signedOut` to this page and we leave the signed-in area at once, without a
// reload, then drop the client's copy of the session and its cookie.
import { useConvexAuth, useQuery } from "convex/react";
import { signOut } from "next-auth/react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useRef } from "react";
import { api } from "@/convex/_generated/api";

export type SignedOutReason = "revoked" | "expired";

function Watch() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  // Skip until Convex has our token: an unauthenticated run would answer `signedOut`.
  const current = useQuery(api.sessions.current, isAuthenticated ? {} : "skip");
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const wasActive = useRef(false);
  const left = useRef(false);

  useEffect(() => {
    if (current?.status === "active") wasActive.current = true;
  }, [current]);

  useEffect(() => {
    if (left.current) return;
    const leave = (reason: SignedOutReason) => {
      left.current = true;
      const search = searchParams.toString();
      const returnTo = search ? `${pathname}?${search}` : pathname;
      const params = new URLSearchParams({ notice: reason, callbackUrl: returnTo });
      router.replace(`/signin?${params.toString()}`);
      // Clears the now-useless cookie and the session in every useSession() consumer.
      // The server already treats the session as gone, so this is housekeeping.
      void signOut({ redirect: false }).catch(() => undefined);
    };

    // The backend says this token's session no longer exists.
    if (current?.status === "signedOut") {
      leave("revoked");
      return;
    }
    // A refreshed token could not be had (the server found no session) after we had
    // been active: the same outcome, reached through token refresh instead.
    if (wasActive.current && !isLoading && !isAuthenticated) {
      leave("revoked");
      return;
    }
    // Queries re-run on data changes, not on the clock, so expiry is watched here.
    if (current?.status === "active") {
      const remaining = current.expires - Date.now();
      if (remaining <= 0) {
        leave("expired");
        return;
      }
      // setTimeout's limit is ~24.8 days; sessions are shorter, but clamp anyway.
      const timer = setTimeout(() => leave("expired"), Math.min(remaining, 2 ** 31 - 1));
      return () => clearTimeout(timer);
    }
  }, [current, isLoading, isAuthenticated, pathname, searchParams, router]);

  return null;
}

/**
 * Render once in any signed-in page or layout (the account area's layout does). It
 * brings its own Suspense boundary because it reads the search params.
 */
export function SessionWatch() {
  return (
    <Suspense fallback={null}>
      <Watch />
    </Suspense>
  );
}
