// The staff pages sit in their store's frame like the shop's pages. The frame (store,
// locale, role) is one cached Convex read that the pages' staff gate shares. The staff
// pages use convex/react's hooks (paginated orders), so the Convex client comes with
// them (ConvexPageProvider), unlike the shopper pages'.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ConvexPageProvider } from "@/components/live/ConvexPageProvider";
import { storeFrame } from "@/server/shop";
import { StoreFrame } from "../StoreFrame";

type Params = { params: Promise<{ store: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const frame = await storeFrame((await params).store);
  return frame ? { title: { default: frame.store.name, template: `%s · ${frame.store.name}` } } : {};
}

export default async function StaffLayout({ params, children }: Params & { children: ReactNode }) {
  const frame = await storeFrame((await params).store);
  if (frame === null) notFound();
  return (
    <StoreFrame frame={frame}>
      <ConvexPageProvider>{children}</ConvexPageProvider>
    </StoreFrame>
  );
}
