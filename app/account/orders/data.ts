// Server reads for the order pages, as this device: the orders and the locale this
// device chose (prices and dates are formatted on the server here).
import "server-only";
import { fetchQuery } from "convex/nextjs";
import { DEFAULT_LOCALE } from "@/components/shop/defaults";
import { api } from "@/convex/_generated/api";
import { requireSession } from "@/lib/session";

export async function deviceLocale(token: string): Promise<string> {
  try {
    const settings = await fetchQuery(api.settings.mine, {}, { token });
    return settings.locale ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export async function tokenFor(returnTo: string): Promise<string> {
  return (await requireSession(returnTo)).convexToken;
}
