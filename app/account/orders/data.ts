// Server reads for the order pages, as this device: the orders and the locale this
// device chose (prices and dates are formatted on the server here).
import "server-only";
import { requireSession } from "@/lib/session";

export { deviceLocale } from "@/components/shop/server";

export async function tokenFor(returnTo: string): Promise<string> {
  return (await requireSession(returnTo)).convexToken;
}
