"use server";
// Staff server actions: create and edit products (zod here for field messages; Convex
// validators and checks in the mutation are the authority), archive / unarchive, and
// advance an order's status. Every call goes to Convex as this device, and Convex
// refuses anyone who is not staff of the store.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { appErrorData } from "@/convex/errors";
import { fieldErrors } from "@/lib/validations/fields";
import { productFormSchema } from "@/lib/validations/product";
import { convexAsDevice, redirectIfSignedOut } from "@/server/convex";
import type { StaffFormState } from "./state";

export type StaffTarget = { storeId: Id<"stores">; slug: string; currency: string };

function failure(error: unknown): StaffFormState {
  const data = appErrorData(error);
  if (data === null) {
    console.error("[staff] call failed:", error);
    return { message: "That did not work just now. Please try again.", fields: {} };
  }
  return { message: data.message, fields: data.fields ?? {} };
}

export async function saveProduct(
  target: StaffTarget & { productId?: Id<"products"> },
  _previous: StaffFormState,
  formData: FormData,
): Promise<StaffFormState> {
  const staffPath = `/s/${target.slug}/staff`;
  const convex = await convexAsDevice(staffPath);
  const raw = Object.fromEntries(
    ["name", "description", "category", "priceMinor", "stock", "image"].map((name) => {
      const value = formData.get(name);
      return [name, typeof value === "string" ? value : ""];
    }),
  );
  const parsed = productFormSchema({ currency: target.currency, storeSlug: target.slug }).safeParse(
    raw,
  );
  if (!parsed.success) {
    return {
      message: "Please fix the highlighted fields.",
      fields: fieldErrors(parsed.error),
      values: raw,
    };
  }
  const fields = parsed.data;
  try {
    if (target.productId === undefined) {
      await convex.mutation(api.products.create, { storeId: target.storeId, ...fields });
    } else {
      await convex.mutation(api.products.update, {
        storeId: target.storeId,
        productId: target.productId,
        ...fields,
      });
    }
  } catch (error) {
    redirectIfSignedOut(error, staffPath);
    return { ...failure(error), values: raw };
  }
  revalidatePath(`/s/${target.slug}`, "layout");
  redirect(staffPath);
}

export async function setArchived(
  target: StaffTarget & { productId: Id<"products">; archived: boolean },
  _previous: StaffFormState,
): Promise<StaffFormState> {
  const staffPath = `/s/${target.slug}/staff`;
  const convex = await convexAsDevice(staffPath);
  try {
    const args = { storeId: target.storeId, productId: target.productId };
    await convex.mutation(target.archived ? api.products.archive : api.products.unarchive, args);
  } catch (error) {
    redirectIfSignedOut(error, staffPath);
    return failure(error);
  }
  revalidatePath(`/s/${target.slug}`, "layout");
  return { message: null, fields: {} };
}

export async function advanceOrder(
  target: { slug: string; orderId: Id<"orders"> },
  _previous: StaffFormState,
): Promise<StaffFormState> {
  const staffPath = `/s/${target.slug}/staff`;
  const convex = await convexAsDevice(staffPath);
  try {
    await convex.mutation(api.orders.advance, { orderId: target.orderId });
  } catch (error) {
    redirectIfSignedOut(error, staffPath);
    return failure(error);
  }
  revalidatePath(`/s/${target.slug}/staff`);
  return { message: null, fields: {} };
}
