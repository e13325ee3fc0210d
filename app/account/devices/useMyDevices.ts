"use client";
// The signed-in user's devices, live from Convex a page at a time (`sessions.listMine`
// with `usePaginatedQuery`: a new sign-in, a rename or a revocation elsewhere re-renders
// at once), the count and any sign-out still running (`sessions.overview`), and the
// sign-out actions. A failed query throws to the page's QueryErrorBoundary; when this
// device itself is revoked SessionWatch takes the page away.
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { signOut } from "next-auth/react";
import { useMemo } from "react";
import { useLiveAuth } from "@/components/live/auth";
import { expectSignOut } from "@/components/auth/signedOut";
import { api } from "@/convex/_generated/api";
import { appErrorData, ErrorCode } from "@/convex/errors";
import { DEVICES_PAGE_SIZE } from "@/convex/shared/limits";

export type Device = FunctionReturnType<typeof api.sessions.listMine>["page"][number];
export type DevicesOverview = FunctionReturnType<typeof api.sessions.overview>;

/** Pages can shift under each other while live (a device signs in or out): one row each. */
function uniqueDevices(rows: Device[]): Device[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (seen.has(row.sessionId)) return false;
    seen.add(row.sessionId);
    return true;
  });
}

export function useMyDevices() {
  const { isAuthenticated } = useLiveAuth();
  const pages = usePaginatedQuery(api.sessions.listMine, isAuthenticated ? {} : "skip", {
    initialNumItems: DEVICES_PAGE_SIZE,
  });
  const overview = useQuery(api.sessions.overview, isAuthenticated ? {} : "skip");
  const devices = useMemo(() => uniqueDevices(pages.results), [pages.results]);
  const revokeOne = useMutation(api.sessions.revoke);
  const revokeOthers = useMutation(api.sessions.revokeOthers);
  const revokeAll = useMutation(api.sessions.revokeAll);

  return {
    devices,
    status: pages.status,
    loadMore: pages.loadMore,
    overview,
    /** Signs one other device out; one already gone counts as done. */
    revoke: async (device: Device) => {
      try {
        await revokeOne({ sessionId: device.sessionId });
      } catch (error) {
        // Gone already (signed out there, or by another tab): the outcome is the same.
        if (appErrorData(error)?.code !== ErrorCode.NOT_FOUND) throw error;
      }
    },
    /**
     * Signs every other device out: how many there are, and whether they are all gone
     * already (else the rest follow within seconds; `overview.signingOut` counts down).
     */
    revokeOthers: () => revokeOthers({}),
    /** Signs this device out at once (the others follow) and leaves for the home page. */
    revokeAll: async () => {
      // Our own session is about to vanish: not a revocation from elsewhere.
      const undo = expectSignOut();
      try {
        await revokeAll({});
      } catch (error) {
        undo();
        throw error;
      }
      // Clears this browser's cookie and goes home with a full page load.
      await signOut({ redirectTo: "/" });
    },
  };
}
