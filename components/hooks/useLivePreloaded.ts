"use client";
// `usePreloadedQuery` that never throws: the server's value until Convex answers, then
// live. An error (this device signed out meanwhile, a store removed) keeps the last value
// on screen instead of tripping the error boundary; SessionWatch takes a signed-out page
// away by itself.
import { useQuery_experimental as useQueryState, type Preloaded } from "convex/react";
import {
  makeFunctionReference,
  type FunctionReference,
  type FunctionReturnType,
} from "convex/server";
import { jsonToConvex } from "convex/values";
import { useMemo, useRef } from "react";

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
  const state = useQueryState({
    query: makeFunctionReference<"query">(preloaded._name) as Q,
    args,
  });
  // A new server render (another search, a soft navigation) brings a new starting value.
  const last = useRef({ from: preloaded._valueJSON, value: initial });
  if (last.current.from !== preloaded._valueJSON) {
    last.current = { from: preloaded._valueJSON, value: initial };
  }
  if (state.status === "success") last.current.value = state.data as FunctionReturnType<Q>;
  return last.current.value;
}
