"use client";
// A price in the store's currency, formatted for this device's locale.
import { formatMoney } from "@/lib/money";
import { useShopLocale } from "./locale";

export function Price({
  minor,
  currency,
  className,
}: {
  minor: number;
  currency: string;
  className?: string;
}) {
  const locale = useShopLocale();
  return <span className={className}>{formatMoney(minor, currency, locale)}</span>;
}
