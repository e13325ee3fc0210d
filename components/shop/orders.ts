// Shared wording for order pages: status names and the date an order was placed.
import type { OrderStatus } from "./types";

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: "Placed",
  packed: "Packed",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

export function formatOrderDate(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(at);
}

/** The short reference a person can quote (the end of the order id). */
export function orderReference(orderId: string): string {
  return `#${orderId.slice(-6).toUpperCase()}`;
}
