"use client";
// The signed-in user's passkeys, live from Convex (`passkeys.listMine`: one added or
// removed on another device shows at once), whether this session may add one now, and
// removing one. Query errors are returned, not thrown (see useMyDevices).
import { useConvexAuth, useMutation, useQuery_experimental as useQueryState } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "@/convex/_generated/api";
import { PASSKEY_ADD_SIGN_IN_MAX_AGE_MS } from "@/convex/shared/limits";

export type Passkey = FunctionReturnType<typeof api.passkeys.listMine>["passkeys"][number];

export function usePasskeys(now: number) {
  const { isAuthenticated } = useConvexAuth();
  const state = useQueryState({
    query: api.passkeys.listMine,
    args: isAuthenticated ? {} : "skip",
  });
  const removeOne = useMutation(api.passkeys.remove);
  const signedInAt = state.status === "success" ? state.data.signedInAt : null;
  return {
    state,
    /** Adding needs a sign-in from the last 10 minutes (Convex checks it again). */
    signedInRecently: signedInAt !== null && now - signedInAt <= PASSKEY_ADD_SIGN_IN_MAX_AGE_MS,
    remove: (passkey: Passkey) => removeOne({ passkeyId: passkey.id }),
  };
}
