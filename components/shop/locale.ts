"use client";
// The locale prices and dates are shown in: this device's choice in its settings
// (settings.mine) when it made one, else a fixed default. Not the browser's own
// locale: the server renders the first paint without knowing it, and a different
// answer in the browser would be a hydration mismatch on every price.
import { useConvexAuth, useQuery_experimental as useQueryState } from "convex/react";
import { api } from "@/convex/_generated/api";
import { DEFAULT_LOCALE } from "./defaults";

export function useShopLocale(): string {
  const { isAuthenticated } = useConvexAuth();
  // Errors (a revoked session) fall back to the default; SessionWatch handles sign-out.
  const settings = useQueryState({ query: api.settings.mine, args: isAuthenticated ? {} : "skip" });
  return settings.status === "success" ? (settings.data.locale ?? DEFAULT_LOCALE) : DEFAULT_LOCALE;
}
