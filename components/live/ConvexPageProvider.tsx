"use client";
// For pages that use convex/react's hooks directly (`usePaginatedQuery`, `useMutation`:
// account, admin, staff): their layout wraps them in this provider, which brings the
// Convex client in the page's own chunk so the hooks work on first render. It is the
// tab's one client (components/live/client.ts), the same the shopper pages load after
// first paint; auth comes from the root provider as for every page, so use
// `useLiveAuth` (components/live/auth.ts) rather than convex/react's `useConvexAuth`.
import { ConvexProvider } from "convex/react";
import type { ReactNode } from "react";
import { convexClient } from "./client";

export function ConvexPageProvider({ children }: { children: ReactNode }) {
  return <ConvexProvider client={convexClient()}>{children}</ConvexProvider>;
}
