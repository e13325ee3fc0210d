// Shapes the shop UI passes around, derived from the Convex functions' return types so
// a change on the Convex side shows up here as a type error, not a runtime surprise.
import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

export type StoreInfo = NonNullable<FunctionReturnType<typeof api.stores.getBySlug>>;
export type ProductInfo = NonNullable<FunctionReturnType<typeof api.products.get>>;
export type CartInfo = FunctionReturnType<typeof api.carts.mine>;
export type CartLineInfo = CartInfo["lines"][number];
export type OtherDeviceCart = FunctionReturnType<typeof api.carts.otherDevices>[number];
export type OrderInfo = FunctionReturnType<typeof api.orders.mine>["page"][number];
export type OrderStatus = OrderInfo["status"];

/** What a cart line needs from a product to appear before the server answers. */
export type ProductSnapshot = Pick<
  ProductInfo,
  "_id" | "name" | "image" | "category" | "priceMinor" | "stock"
>;
