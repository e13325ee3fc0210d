"use client";
// The locale this device chose for numbers and dates (settings.mine), or undefined for
// the browser's own. Skipped when signed out; errors (a revoked session) fall back to
// the browser's locale instead of throwing, because SessionWatch handles sign-out.
// For the account and admin pages, which have the Convex client from first render
// (ConvexPageProvider), so convex/react's own hook; the shop's prices use
// components/shop/locale.ts instead.
import { useQuery_experimental as useQueryState } from "convex/react";
import { useLiveAuth } from "@/components/live/auth";
import { api } from "@/convex/_generated/api";

export function useDisplayLocale(): string | undefined {
  const { isAuthenticated } = useLiveAuth();
  const settings = useQueryState({
    query: api.settings.mine,
    args: isAuthenticated ? {} : "skip",
  });
  return settings.status === "success" ? (settings.data.locale ?? undefined) : undefined;
}
