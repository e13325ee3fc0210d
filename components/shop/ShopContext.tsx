"use client";
// The store a page of `/s/[store]` belongs to, and whether this device is signed in,
// for the shop's client leaves (cart button, add-to-cart, drawer). `useShop` throws
// outside its provider: a silent default would send cart calls to no store.
import { createContext, useContext, type ReactNode } from "react";
import type { StoreInfo } from "./types";

type ShopValue = { store: StoreInfo; signedIn: boolean };

const ShopContext = createContext<ShopValue | null>(null);

export function ShopProvider({ store, signedIn, children }: ShopValue & { children: ReactNode }) {
  return <ShopContext.Provider value={{ store, signedIn }}>{children}</ShopContext.Provider>;
}

export function useShop(): ShopValue {
  const value = useContext(ShopContext);
  if (value === null) throw new Error("useShop must be used inside <ShopProvider>");
  return value;
}
