"use client";
// The hooks shopper components use for live data, without the Convex client in their
// first load. Until the client has loaded (after first paint, see ConvexClientProvider)
// queries are "pending" and mutations wait for it; then queries subscribe with the
// client's `watchQuery` and mutations go through `client.mutation` (optimistic updates
// included). Pages that need the client at once use convex/react's own hooks under
// ConvexPageProvider instead; both share the one client of the tab.
import type { OptimisticUpdate } from "convex/browser";
import type { ConvexReactClient } from "convex/react";
import {
  getFunctionName,
  type FunctionArgs,
  type FunctionReference,
  type FunctionReturnType,
} from "convex/server";
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { useCallback, useMemo, useRef, useSyncExternalStore } from "react";
import { liveState, subscribeLive, whenClient } from "./store";

export { useLiveAuth } from "./auth";

const serverState = () => null;

/** The tab's Convex client once it has loaded, else null (always null while hydrating). */
export function useLiveClient(): ConvexReactClient | null {
  return useSyncExternalStore(subscribeLive, () => liveState().client, serverState);
}

/** convex/react's `useQuery_experimental` state: it never throws. */
export type LiveQueryState<T> =
  | { status: "pending"; data: undefined; error: undefined }
  | { status: "success"; data: T; error: undefined }
  | { status: "error"; data: undefined; error: Error };

const PENDING = { status: "pending", data: undefined, error: undefined } as const;

type Snapshot = { raw: unknown; failed: boolean; state: LiveQueryState<unknown> };

/**
 * A live query: "pending" until the client has loaded and Convex has answered, then the
 * latest result or error. `"skip"` subscribes to nothing.
 */
export function useLiveQuery<Q extends FunctionReference<"query">>(
  query: Q,
  args: FunctionArgs<Q> | "skip",
): LiveQueryState<FunctionReturnType<Q>> {
  const client = useLiveClient();
  const name = getFunctionName(query);
  const key = args === "skip" ? null : JSON.stringify(convexToJson(args as Value));
  // A watch is stateless (it subscribes only when `onUpdate` is called), so a new one per
  // name and arguments costs nothing; the key keeps it stable across renders.
  const watch = useMemo(
    () => (client === null || key === null ? null : client.watchQuery(query, jsonToConvex(JSON.parse(key)) as FunctionArgs<Q>)),
    // `query` is the same function whenever `name` is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, name, key],
  );
  const last = useRef<Snapshot | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => (watch === null ? () => {} : watch.onUpdate(onChange)),
    [watch],
  );
  const snapshot = (): LiveQueryState<unknown> => {
    if (watch === null) return PENDING;
    let raw: unknown;
    let failed = false;
    try {
      raw = watch.localQueryResult();
    } catch (error) {
      raw = error;
      failed = true;
    }
    // A failed query throws a new Error on every read: the same message is the same error.
    const prev = last.current;
    if (
      prev !== null &&
      prev.failed === failed &&
      (failed
        ? (prev.raw as Error).message === (raw as Error).message
        : prev.raw === raw)
    ) {
      return prev.state;
    }
    const state: LiveQueryState<unknown> = failed
      ? { status: "error", data: undefined, error: raw as Error }
      : raw === undefined
        ? PENDING
        : { status: "success", data: raw, error: undefined };
    last.current = { raw, failed, state };
    return state;
  };
  return useSyncExternalStore(subscribe, snapshot, () => PENDING) as LiveQueryState<
    FunctionReturnType<Q>
  >;
}

/**
 * Run a mutation through the tab's client, waiting for it to load if a click comes
 * first. The options carry Convex's optimistic update, applied to the client's local
 * query results until the server answers.
 */
export function useLiveMutation() {
  return useCallback(
    async <M extends FunctionReference<"mutation">>(
      mutation: M,
      args: FunctionArgs<M>,
      options?: { optimisticUpdate?: OptimisticUpdate<FunctionArgs<M>> },
    ): Promise<FunctionReturnType<M>> => {
      const client = await whenClient();
      return client.mutation(mutation, args, options);
    },
    [],
  );
}
