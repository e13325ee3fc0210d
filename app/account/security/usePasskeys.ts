"use client";
// The signed-in user's passkeys, preloaded by the page and then live from Convex
// (`passkeys.listMine`: one added or removed on another device shows at once), whether
// this session may add one now, and removing one.
import { useMutation, type Preloaded } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useLivePreloaded } from "@/components/hooks/useLivePreloaded";
import { api } from "@/convex/_generated/api";
import { PASSKEY_ADD_SIGN_IN_MAX_AGE_MS } from "@/convex/shared/limits";

export type Passkey = FunctionReturnType<typeof api.passkeys.listMine>["passkeys"][number];

export function usePasskeys(now: number, preloaded: Preloaded<typeof api.passkeys.listMine>) {
  const { passkeys, signedInAt } = useLivePreloaded(preloaded);
  const removeOne = useMutation(api.passkeys.remove);
  return {
    passkeys,
    /** Adding needs a sign-in from the last 10 minutes (Convex checks it again). */
    signedInRecently: now - signedInAt <= PASSKEY_ADD_SIGN_IN_MAX_AGE_MS,
    remove: (passkey: Passkey) => removeOne({ passkeyId: passkey.id }),
  };
}
