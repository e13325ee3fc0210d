// How many are left, in words a shopper reads at a glance. Few left is worth saying;
// plenty is just "In stock".
import { cn } from "@/components/ui/cn";

/** At or below this, the exact number left is shown. */
export const LOW_STOCK = 5;

export function stockText(stock: number): string {
  if (stock <= 0) return "Sold out";
  if (stock <= LOW_STOCK) return `Only ${stock} left`;
  return "In stock";
}

export function StockBadge({ stock, className }: { stock: number; className?: string }) {
  return (
    <span
      className={cn(
        "text-xs font-medium",
        stock <= 0
          ? "text-danger"
          : stock <= LOW_STOCK
            ? "text-amber-700 dark:text-amber-400"
            : "text-success",
        className,
      )}
    >
      {stockText(stock)}
    </span>
  );
}
