"use client";
// The store a page of `/s/[store]` belongs to, whether this device is signed in, and the
// locale the server rendered prices in, for the shop's client leaves (cart button,
// add-to-cart, drawer). `useShop` throws outside its provider: a silent default would
// send cart calls to no store.
import { createContext, useContext, type ReactNode } from "react";
import type { StoreInfo } from "./types";

type ShopValue = {
  store: StoreInfo;
  signedIn: boolean;
  /** This device's locale as the server read it, so the first paint already uses it. */
  initialLocale: string;
};

const ShopContext = createContext<ShopValue | null>(null);

export function ShopProvider({ children, ...value }: ShopValue & { children: ReactNode }) {
  return <ShopContext.Provider value={value}>{children}</ShopContext.Provider>;
}

export function useShop(): ShopValue {
  const value = useContext(ShopContext);
  if (value === null) throw new Error("useShop must be used inside <ShopProvider>");
  return value;
}

/** The server's locale when inside a shop page, else null (no throw: prices appear elsewhere). */
export function useInitialLocale(): string | null {
  return useContext(ShopContext)?.initialLocale ?? null;
}
