"use client";
// The locale this device chose for numbers and dates (settings.mine), or undefined for
// the browser's own. Skipped when signed out; errors (a revoked session) fall back to
// the browser's locale instead of throwing, because SessionWatch handles sign-out.
import { useLiveAuth, useLiveQuery } from "@/components/live/hooks";
import { api } from "@/convex/_generated/api";

export function useDisplayLocale(): string | undefined {
  const { isAuthenticated } = useLiveAuth();
  const settings = useLiveQuery(api.settings.mine, isAuthenticated ? {} : "skip");
  return settings.status === "success" ? (settings.data.locale ?? undefined) : undefined;
}
