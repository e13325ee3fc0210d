// Input rules for the staff product form. The price is typed as a decimal string in
// the store's currency ("12.50", or "1800" for JPY) and becomes integer minor units;
// stock is a whole number. The Convex `products.create`/`update` mutations check the
// same limits again (they are the authority); field names match their arguments.
import { visibleText, z } from "./zod";
import {
  PRODUCT_CATEGORY_MAX,
  PRODUCT_DESCRIPTION_MAX,
  PRODUCT_NAME_MAX,
  PRODUCT_PRICE_MAX_MINOR,
  PRODUCT_STOCK_MAX,
} from "@/convex/shared/limits";
import { productImageProblem } from "@/convex/shared/products";
import { parseMoney } from "../money";

/**
 * The form schema for one store: prices in its currency, images from its folder (the
 * rule and message are convex/shared/products.ts's). Output matches the mutation's arguments.
 */
export function productFormSchema({ currency, storeSlug }: { currency: string; storeSlug: string }) {
  return z.object({
    name: visibleText(
      z
        .string({ error: "Enter a product name" })
        .trim()
        .min(1, { error: "Enter a product name" })
        .max(PRODUCT_NAME_MAX, {
          error: `Keep the name to ${PRODUCT_NAME_MAX} characters or fewer`,
        }),
    ),
    description: visibleText(
      z
        .string()
        .trim()
        .max(PRODUCT_DESCRIPTION_MAX, {
          error: `Keep the description to ${PRODUCT_DESCRIPTION_MAX} characters or fewer`,
        }),
      { multiline: true },
    ).default(""),
    category: visibleText(
      z
        .string({ error: "Enter a category" })
        .trim()
        .min(1, { error: "Enter a category" })
        .max(PRODUCT_CATEGORY_MAX, {
          error: `Keep the category to ${PRODUCT_CATEGORY_MAX} characters or fewer`,
        }),
    ),
    priceMinor: z
      .string({ error: "Enter a price" })
      .trim()
      .min(1, { error: "Enter a price" })
      .refine((v) => parseMoney(v, currency) !== null, {
        error: "Enter a price like 12.50 (no currency sign)",
      })
      .transform((v) => parseMoney(v, currency) ?? 0)
      .refine((v) => v <= PRODUCT_PRICE_MAX_MINOR, {
        error: "That price is too high",
      }),
    stock: z
      .string({ error: "Enter how many are in stock" })
      .trim()
      .regex(/^\d+$/, {
        error: "Enter a whole number of items in stock, zero or more",
      })
      .transform(Number)
      .refine((v) => v <= PRODUCT_STOCK_MAX, {
        error: `Stock can be at most ${PRODUCT_STOCK_MAX.toLocaleString("en")}`,
      }),
    image: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .superRefine((v, ctx) => {
        const problem = v === undefined ? null : productImageProblem(v, storeSlug);
        if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
      }),
  });
}

export type ProductFormInput = z.input<ReturnType<typeof productFormSchema>>;
export type ProductForm = z.output<ReturnType<typeof productFormSchema>>;
