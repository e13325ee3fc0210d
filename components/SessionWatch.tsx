"use client";
// Watches this device's own session live. Mounted once in the root layout, so every
// page a signed-in person has open (account, admin, shop) holds a live query on its
// own session: when the session is revoked from another device (or removed by the
// expiry cron), Convex pushes `signedOut`, and in the same frame, before any request,
// every signed-in surface gives way (SignedOutCurtain replaces the page with the
// notice, the account menu turns into "Sign in"). Then one server action clears the
// cookie and brings /signin with the notice, without a reload.
//
// A sign-out this device asked for itself (the header's sign-out form, "Sign out
// everywhere") also ends the session in Convex; those flows navigate on their own, so
// they announce themselves first (`expectSignOut`, or `data-sign-out` on the form)
// and the watch stays quiet instead of racing them to /signin?notice=revoked.
// The watch starts once the Convex client has loaded (after first paint, see
// ConvexClientProvider); it uses the live layer's hooks, not convex/react, so no page
// carries the client in its first load for it.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useLayoutEffect, useRef } from "react";
import { leaveSignedOutDevice } from "@/components/auth/actions";
import {
  announceSignedOut,
  isSignOutExpected,
  setSignOutExpected,
  SIGN_OUT_FORM_ATTRIBUTE,
  type SignedOutReason,
} from "@/components/auth/signedOut";
import { useLiveAuth, useLiveClient, useLiveQuery } from "@/components/live/hooks";
import { liveState } from "@/components/live/store";
import { api } from "@/convex/_generated/api";

function Watch() {
  const { isLoading, isAuthenticated } = useLiveAuth();
  // Skip until Convex has our token: an unauthenticated run would answer `signedOut`.
  // Undefined while skipped, pending or failed (an error is no news about the session).
  const state = useLiveQuery(api.sessions.current, isAuthenticated ? {} : "skip");
  const current = state.status === "success" ? state.data : undefined;
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const wasActive = useRef(false);
  const left = useRef(false);

  const activeSessionId = useRef<string | null>(null);

  useEffect(() => {
    if (current?.status !== "active") return;
    wasActive.current = true;
    // A different session than before (signed in again, e.g. in another tab): an
    // earlier expected sign-out was about the old one and must not mute this one.
    if (
      activeSessionId.current !== null &&
      activeSessionId.current !== current.sessionId
    ) {
      setSignOutExpected(false);
      left.current = false;
    }
    activeSessionId.current = current.sessionId;
  }, [current]);

  // Server-action sign-out forms cannot call `expectSignOut` (they work without
  // JavaScript), so their submission is noticed here, before the request is sent.
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      if (
        event.target instanceof Element &&
        event.target.closest(`[${SIGN_OUT_FORM_ATTRIBUTE}]`)
      ) {
        setSignOutExpected(true);
      }
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);

  // Leaving, with this render's location (kept in a ref for the client's callback below).
  const leaveRef = useRef<(reason: SignedOutReason) => void>(() => {});
  useLayoutEffect(() => {
    leaveRef.current = (reason: SignedOutReason) => {
      if (left.current || isSignOutExpected()) return;
      left.current = true;
      announceSignedOut({ reason, sessionId: activeSessionId.current, pathname });
      const search = searchParams.toString();
      // Returning to /signin itself would loop; the sign-in page ignores it anyway.
      const returnTo = pathname.startsWith("/signin")
        ? null
        : search
          ? `${pathname}?${search}`
          : pathname;
      // One request: the action forgets the cookie and answers with /signin's page. Should
      // it fail (the server unreachable), still leave; the cookie names no session anyway.
      leaveSignedOutDevice(reason, returnTo).catch(() => {
        const params = new URLSearchParams({ notice: reason });
        if (returnTo !== null) params.set("callbackUrl", returnTo);
        router.replace(`/signin?${params.toString()}`);
      });
    };
  });

  // The push itself, read in the Convex client's own callback for it: the notice is
  // announced in the same task, so React renders it together with the other queries'
  // updates of that push (the page's lists failing now that the session is gone), in one
  // pass, instead of first rendering the signed-in page with them and only then, from an
  // effect, the notice. Measured with bench:revocation, from the push reaching the page to
  // the notice: 52 / 125 ms (p50 / p95) through the effect alone.
  const client = useLiveClient();
  useEffect(() => {
    if (client === null || !isAuthenticated) return;
    const watch = client.watchQuery(api.sessions.current, {});
    return watch.onUpdate(() => {
      let result: { status: string } | undefined;
      try {
        result = watch.localQueryResult();
      } catch {
        return; // an error is no news about the session
      }
      // Only an answer to this session's accepted token: once Convex has dropped the token
      // (a sign-out of this device's own), an unauthenticated re-run also reads signedOut.
      const auth = liveState();
      if (auth.appliedFetch === null || auth.convexAuthenticated !== true) return;
      if (result?.status === "signedOut") leaveRef.current("revoked");
    });
  }, [client, isAuthenticated]);

  // A layout effect: the notice replaces the page before the frame that shows the push
  // is painted (also the path for expiry and a token that could not be refreshed).
  useLayoutEffect(() => {
    if (left.current || isSignOutExpected()) return;
    const leave = (reason: SignedOutReason) => leaveRef.current(reason);

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
      const timer = setTimeout(
        () => leave("expired"),
        Math.min(remaining, 2 ** 31 - 1),
      );
      return () => clearTimeout(timer);
    }
  }, [current, isLoading, isAuthenticated, pathname, searchParams, router]);

  return null;
}

/**
 * Render once per page, inside the Convex provider (the root layout does). It does
 * nothing while signed out, and brings its own Suspense boundary because it reads the
 * search params.
 */
export function SessionWatch() {
  return (
    <Suspense fallback={null}>
      <Watch />
    </Suspense>
  );
}
