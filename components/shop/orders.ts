// Shared wording for order pages: status names and the reference a person can quote.
import type { OrderStatus } from "./types";

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: "Placed",
  packed: "Packed",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

/** The short reference a person can quote (the end of the order id). */
export function orderReference(orderId: string): string {
  return `#${orderId.slice(-6).toUpperCase()}`;
}
