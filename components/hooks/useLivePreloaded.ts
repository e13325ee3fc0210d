"use client";
// `usePreloadedQuery` that never throws and needs no Convex client at first: the server's
// value until Convex answers (the client loads after first paint, see
// ConvexClientProvider), then live. An error (this device signed out meanwhile, a store
// removed) keeps the last value on screen instead of tripping the error boundary;
// SessionWatch takes a signed-out page away by itself.
import type { Preloaded } from "convex/react";
import {
  makeFunctionReference,
  type FunctionReference,
  type FunctionReturnType,
} from "convex/server";
import { jsonToConvex } from "convex/values";
import { useMemo, useRef } from "react";
import { useLiveQuery } from "@/components/live/hooks";

export function useLivePreloaded<Q extends FunctionReference<"query">>(
  preloaded: Preloaded<Q>,
): FunctionReturnType<Q> {
  const args = useMemo(
    () => jsonToConvex(preloaded._argsJSON) as Q["_args"],
    [preloaded._argsJSON],
  );
  const initial = useMemo(
    () => jsonToConvex(preloaded._valueJSON) as FunctionReturnType<Q>,
    [preloaded._valueJSON],
  );
  const query = useMemo(
    () => makeFunctionReference<"query">(preloaded._name) as Q,
    [preloaded._name],
  );
  const state = useLiveQuery(query, args);
  // A new server render (another search, a soft navigation) brings a new starting value.
  const last = useRef({ from: preloaded._valueJSON, value: initial });
  if (last.current.from !== preloaded._valueJSON) {
    last.current = { from: preloaded._valueJSON, value: initial };
  }
  if (state.status === "success") last.current.value = state.data;
  return last.current.value;
}
