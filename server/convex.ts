// Calling Convex from the Next.js server: as this device (with the Convex token from its
// Auth.js session, so Convex knows user and session) or as nobody, for public reads.
// Pages, layouts and server actions call Convex only through here.
import "server-only";
import {
  fetchMutation,
  fetchQuery,
  preloadedQueryResult,
  preloadQuery,
  type NextjsOptions,
} from "convex/nextjs";
import type {
  ArgsAndOptions,
  FunctionArgs,
  FunctionReference,
  FunctionReturnType,
} from "convex/server";
import type { Preloaded } from "convex/react";
import type { Session } from "next-auth";
import { redirect } from "next/navigation";
import { appErrorData, ErrorCode } from "@/convex/errors";
import { signInUrl } from "@/lib/routes";
import { requireSession } from "./session";

type Query = FunctionReference<"query">;
type Mutation = FunctionReference<"mutation">;

function options<F extends Query | Mutation>(args: FunctionArgs<F>, token: string | null) {
  return [args, token === null ? {} : { token }] as ArgsAndOptions<F, NextjsOptions>;
}

/** Convex as one caller: a device's token, or null for public functions. */
export type ConvexCaller = {
  query<Q extends Query>(query: Q, args: FunctionArgs<Q>): Promise<FunctionReturnType<Q>>;
  mutation<M extends Mutation>(mutation: M, args: FunctionArgs<M>): Promise<FunctionReturnType<M>>;
  /** For `usePreloadedQuery`: the first paint carries the data, the client keeps it live. */
  preload<Q extends Query>(query: Q, args: FunctionArgs<Q>): Promise<Preloaded<Q>>;
};

export function convexCaller(token: string | null): ConvexCaller {
  return {
    query: (query, args) => fetchQuery(query, ...options(args, token)),
    mutation: (mutation, args) => fetchMutation(mutation, ...options(args, token)),
    preload: (query, args) => preloadQuery(query, ...options(args, token)),
  };
}

/** The value a preloaded query carries, for rendering it on the server too. */
export function preloadedValue<Q extends Query>(preloaded: Preloaded<Q>): FunctionReturnType<Q> {
  return preloadedQueryResult(preloaded);
}

/** Public reads: no token, the same for everyone. */
export const convexPublic: ConvexCaller = convexCaller(null);

/**
 * Convex as this device, with its session; signed-out visitors are sent to sign in and
 * back to `returnTo` (default: the requested page, from middleware).
 */
export async function convexAsDevice(
  returnTo?: string,
): Promise<ConvexCaller & { session: Session }> {
  const session = await requireSession(returnTo);
  return { ...convexCaller(session.convexToken), session };
}

/** A Convex call refused because this device was signed out meanwhile: off to sign in. */
export function redirectIfSignedOut(error: unknown, returnTo: string): void {
  if (appErrorData(error)?.code === ErrorCode.UNAUTHENTICATED) redirect(signInUrl(returnTo));
}
