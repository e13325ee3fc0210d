"use client";
// The locale prices and dates are shown in: this device's choice in its settings
// (settings.mine, live) when it made one, else a fixed default. Not the browser's own
// locale: the server renders the first paint without knowing it, and a different answer
// in the browser would be a hydration mismatch on every price. Until the live query
// answers, the locale the server read for this request keeps the first paint steady.
import { useLiveAuth, useLiveQuery } from "@/components/live/hooks";
import { api } from "@/convex/_generated/api";
import { DEFAULT_LOCALE } from "@/lib/money";
import { useInitialLocale } from "./ShopContext";

export function useShopLocale(): string {
  const { isAuthenticated } = useLiveAuth();
  const initial = useInitialLocale() ?? DEFAULT_LOCALE;
  // Errors (a revoked session) fall back to the default; SessionWatch handles sign-out.
  const settings = useLiveQuery(api.settings.mine, isAuthenticated ? {} : "skip");
  if (settings.status === "success") return settings.data.locale ?? DEFAULT_LOCALE;
  return settings.status === "pending" ? initial : DEFAULT_LOCALE;
}
