"use client";
// The signed-in user's devices, live from Convex (`sessions.listMine`: a new sign-in, a
// rename or a revocation elsewhere re-renders at once), and the sign-out actions on
// them. Query errors are returned, not thrown: when this device itself is revoked the
// list fails with UNAUTHENTICATED and SessionWatch takes the page away.
import { useConvexAuth, useMutation, useQuery_experimental as useQueryState } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { signOut } from "next-auth/react";
import { expectSignOut } from "@/components/SessionWatch";
import { api } from "@/convex/_generated/api";
import { appErrorData, ErrorCode } from "@/convex/errors";

export type Device = FunctionReturnType<typeof api.sessions.listMine>[number];

export function useMyDevices() {
  const { isAuthenticated } = useConvexAuth();
  const devices = useQueryState({
    query: api.sessions.listMine,
    args: isAuthenticated ? {} : "skip",
  });
  const revokeOne = useMutation(api.sessions.revoke);
  const revokeOthers = useMutation(api.sessions.revokeOthers);
  const revokeAll = useMutation(api.sessions.revokeAll);

  return {
    devices,
    /** Signs one other device out; one already gone counts as done. */
    revoke: async (device: Device) => {
      try {
        await revokeOne({ sessionId: device.sessionId });
      } catch (error) {
        // Gone already (signed out there, or by another tab): the outcome is the same.
        if (appErrorData(error)?.code !== ErrorCode.NOT_FOUND) throw error;
      }
    },
    /** Signs every other device out; resolves to how many there were. */
    revokeOthers: () => revokeOthers({}),
    /** Signs every device out, this one too, and leaves for the home page. */
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
