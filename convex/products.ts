// A store's catalog: the public grid (category filter and name search), categories,
// single products, and the staff functions that create, edit and archive products.
// Archived products stay in the database (orders and carts point at them) but leave
// the public catalog and cannot be added to a cart.
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { query } from "./_generated/server";
import { throwIfInvalid } from "./errors";
import { recordAudit } from "./lib/audit";
import { staffMutation, staffQuery } from "./lib/functions";
import { catalogOf, categoriesOf, requireProductOf } from "./lib/products";
import { requireStore } from "./lib/stores";
import { productFields } from "./schema";
import {
  PRODUCT_CATEGORY_MAX,
  PRODUCT_DESCRIPTION_MAX,
  PRODUCT_NAME_MAX,
  PRODUCT_PRICE_MAX_MINOR,
  PRODUCT_STOCK_MAX,
} from "./shared/limits";
import { HIDDEN_CHARACTERS_MESSAGE, hasHiddenCharacters } from "./shared/text";
import { productImageProblem } from "./shared/products";

export const productValidator = v.object({
  _id: v.id("products"),
  ...productFields,
});

export function toProductView(p: Doc<"products">) {
  return {
    _id: p._id,
    storeId: p.storeId,
    name: p.name,
    description: p.description,
    category: p.category,
    priceMinor: p.priceMinor,
    stock: p.stock,
    image: p.image,
    archived: p.archived,
  };
}

/**
 * Public catalog of a store: live products, optionally one category and/or a name search
 * (the first 500, or 50 search hits; the store page pages through `storefront.catalogPage`).
 */
export const list = query({
  args: {
    storeId: v.id("stores"),
    category: v.optional(v.string()),
    search: v.optional(v.string()),
  },
  returns: v.array(productValidator),
  handler: async (ctx, { storeId, category, search }) => {
    await requireStore(ctx, storeId);
    const show = search?.trim() ? 50 : 500;
    const { products } = await catalogOf(ctx, storeId, { category, search }, show);
    return products.map(toProductView);
  },
});

/** The categories that have at least one live product, alphabetically (`categoriesOf`). */
export const categories = query({
  args: { storeId: v.id("stores") },
  returns: v.array(v.string()),
  handler: async (ctx, { storeId }) => {
    await requireStore(ctx, storeId);
    return categoriesOf(ctx, storeId);
  },
});

/**
 * One live product, or null (the page shows a 404). With `storeId`, a product of
 * another store is null too, so `/s/a/p/<id of store b>` does not render.
 */
export const get = query({
  args: { productId: v.id("products"), storeId: v.optional(v.id("stores")) },
  returns: v.union(productValidator, v.null()),
  handler: async (ctx, { productId, storeId }) => {
    const product = await ctx.db.get(productId);
    if (product === null || product.archived) return null;
    if (storeId !== undefined && product.storeId !== storeId) return null;
    return toProductView(product);
  },
});

/** Staff products listed at once; a demo catalog is far smaller. */
const STAFF_LIST_LIMIT = 500;

/** Staff: every product of the store, archived ones included. */
export const forStaff = staffQuery({
  args: {},
  returns: v.array(productValidator),
  handler: async (ctx) => {
    const rows = await ctx.db
      .query("products")
      .withIndex("by_storeId_category", (q) => q.eq("storeId", ctx.store._id))
      .take(STAFF_LIST_LIMIT);
    return rows
      .sort(
        (a, b) =>
          Number(a.archived) - Number(b.archived) ||
          a.name.localeCompare(b.name),
      )
      .map(toProductView);
  },
});

/** Staff: one product of the store (archived too), or null for unknown / other store. */
export const getForStaff = staffQuery({
  args: { productId: v.id("products") },
  returns: v.union(productValidator, v.null()),
  handler: async (ctx, { productId }) => {
    const product = await ctx.db.get(productId);
    if (product === null || product.storeId !== ctx.store._id) return null;
    return toProductView(product);
  },
});

const editableFields = {
  name: v.string(),
  description: v.string(),
  category: v.string(),
  priceMinor: v.number(),
  stock: v.number(),
  /** A file in the store's folder or a small inline image (shared/products.ts); defaults to the store logo. */
  image: v.optional(v.string()),
};

type EditableInput = {
  name: string;
  description: string;
  category: string;
  priceMinor: number;
  stock: number;
  image?: string;
};

/**
 * Trimmed, checked fields, or INVALID_INPUT with a message per bad field. `storeSlug` is the
 * store the product belongs to: its image must come from that store's folder.
 */
export function checkProductInput(
  input: EditableInput,
  storeSlug: string,
): Omit<
  EditableInput,
  "image"
> & {
  image: string | undefined;
} {
  const fields: Record<string, string> = {};
  const name = input.name.trim();
  const description = input.description.trim();
  const category = input.category.trim();
  const image = input.image?.trim() || undefined;
  if (name.length === 0) fields.name = "Enter a product name.";
  else if (name.length > PRODUCT_NAME_MAX)
    fields.name = `Keep the name to ${PRODUCT_NAME_MAX} characters or fewer.`;
  else if (hasHiddenCharacters(name)) fields.name = `${HIDDEN_CHARACTERS_MESSAGE}.`;
  if (description.length > PRODUCT_DESCRIPTION_MAX) {
    fields.description = `Keep the description to ${PRODUCT_DESCRIPTION_MAX} characters or fewer.`;
  } else if (hasHiddenCharacters(description, { multiline: true })) {
    fields.description = `${HIDDEN_CHARACTERS_MESSAGE}.`;
  }
  if (category.length === 0) fields.category = "Enter a category.";
  else if (category.length > PRODUCT_CATEGORY_MAX) {
    fields.category = `Keep the category to ${PRODUCT_CATEGORY_MAX} characters or fewer.`;
  } else if (hasHiddenCharacters(category)) fields.category = `${HIDDEN_CHARACTERS_MESSAGE}.`;
  if (!Number.isInteger(input.priceMinor) || input.priceMinor < 0) {
    fields.priceMinor = "Enter a price of zero or more.";
  } else if (input.priceMinor > PRODUCT_PRICE_MAX_MINOR) {
    fields.priceMinor = "That price is too high.";
  }
  if (!Number.isInteger(input.stock) || input.stock < 0) {
    fields.stock = "Enter a whole number of items in stock, zero or more.";
  } else if (input.stock > PRODUCT_STOCK_MAX) {
    fields.stock = `Stock can be at most ${PRODUCT_STOCK_MAX.toLocaleString("en")}.`;
  }
  const imageProblem = image === undefined ? null : productImageProblem(image, storeSlug);
  if (imageProblem !== null) fields.image = imageProblem;
  throwIfInvalid(fields);
  return {
    name,
    description,
    category,
    priceMinor: input.priceMinor,
    stock: input.stock,
    image,
  };
}

/** "price 250 → 300, stock 3 → 10": what an edit changed, in minor units, for the audit log. */
function describeChanges(before: Doc<"products">, after: ReturnType<typeof checkProductInput>) {
  const changes: string[] = [];
  for (const field of ["name", "category", "priceMinor", "stock"] as const) {
    if (before[field] !== after[field]) {
      const label = field === "priceMinor" ? "price" : field;
      changes.push(`${label} ${before[field]} → ${after[field]}`);
    }
  }
  if (before.description !== after.description) changes.push("description");
  if (after.image !== undefined && before.image !== after.image) changes.push("image");
  return changes.join(", ");
}

/** Staff: add a product to the store. Returns its id. */
export const create = staffMutation({
  args: editableFields,
  returns: v.id("products"),
  handler: async (ctx, args): Promise<Id<"products">> => {
    const checked = checkProductInput(args, ctx.store.slug);
    const productId = await ctx.db.insert("products", {
      ...checked,
      storeId: ctx.store._id,
      image: checked.image ?? ctx.store.logo,
      archived: false,
    });
    await recordAudit(ctx, {
      action: "product.create",
      actor: ctx,
      storeId: ctx.store._id,
      targetDescription: `${checked.name}: price ${checked.priceMinor}, stock ${checked.stock} (${ctx.store.name})`,
    });
    return productId;
  },
});

/** Staff: replace a product's editable fields. */
export const update = staffMutation({
  args: { productId: v.id("products"), ...editableFields },
  returns: v.null(),
  handler: async (ctx, { productId, ...input }) => {
    const product = await requireProductOf(ctx, ctx.store._id, productId);
    const checked = checkProductInput(input, ctx.store.slug);
    await ctx.db.patch(product._id, {
      ...checked,
      image: checked.image ?? product.image,
    });
    await recordAudit(ctx, {
      action: "product.update",
      actor: ctx,
      storeId: ctx.store._id,
      targetDescription: `${product.name}: ${describeChanges(product, checked) || "saved unchanged"} (${ctx.store.name})`,
    });
    return null;
  },
});

/** Staff: take a product out of the catalog (carts keep the line, flagged unavailable). */
export const archive = staffMutation({
  args: { productId: v.id("products") },
  returns: v.null(),
  handler: async (ctx, { productId }) => {
    const product = await requireProductOf(ctx, ctx.store._id, productId);
    await ctx.db.patch(product._id, { archived: true });
    await recordAudit(ctx, {
      action: "product.archive",
      actor: ctx,
      storeId: ctx.store._id,
      targetDescription: `${product.name} (${ctx.store.name})`,
    });
    return null;
  },
});

/** Staff: put an archived product back in the catalog. */
export const unarchive = staffMutation({
  args: { productId: v.id("products") },
  returns: v.null(),
  handler: async (ctx, { productId }) => {
    const product = await requireProductOf(ctx, ctx.store._id, productId);
    await ctx.db.patch(product._id, { archived: false });
    await recordAudit(ctx, {
      action: "product.unarchive",
      actor: ctx,
      storeId: ctx.store._id,
      targetDescription: `${product.name} (${ctx.store.name})`,
    });
    return null;
  },
});
