"use client";
// Create or edit a product. The server action validates with zod and then Convex
// checks again; messages land on their fields (aria-invalid, aria-describedby) and the
// form-level one in a live region.
import Link from "next/link";
import { useActionState } from "react";
import { FieldError } from "@/components/ui/Field";
import { FieldList, type FieldRow, type FieldSpec } from "@/components/ui/FieldList";
import { Notice } from "@/components/ui/Notice";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { buttonClasses } from "@/components/ui/Button";
import { inputClasses } from "@/components/ui/Input";
import type { Id } from "@/convex/_generated/dataModel";
import { productImageHint } from "@/convex/shared/products";
import { saveProduct, type StaffTarget } from "./actions";
import { initialStaffFormState } from "./state";

export type ProductFormValues = {
  name: string;
  description: string;
  category: string;
  price: string;
  stock: string;
  image: string;
};

const NAME_FIELD: FieldSpec = { label: "Name", name: "name", required: true };

/** The fields after the description; the price is in the store's currency. */
function detailFields(currency: string, storeSlug: string): FieldRow[] {
  return [
    { label: "Category", name: "category", required: true },
    [
      { label: `Price (${currency})`, name: "priceMinor", inputMode: "decimal", required: true },
      { label: "In stock", name: "stock", inputMode: "numeric", required: true },
    ],
    {
      label: "Image path (optional)",
      name: "image",
      hint: productImageHint(storeSlug),
    },
  ];
}

export function ProductForm({
  target,
  initial,
  submitLabel,
}: {
  target: StaffTarget & { productId?: Id<"products"> };
  initial: ProductFormValues;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(saveProduct.bind(null, target), initialStaffFormState);
  const values = {
    name: initial.name,
    description: initial.description,
    category: initial.category,
    priceMinor: initial.price,
    stock: initial.stock,
    image: initial.image,
    ...state.values,
  };
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-3">
      <div aria-live="polite">
        {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      </div>
      <FieldList rows={[NAME_FIELD]} values={values} errors={state.fields} />
      <div className="space-y-1">
        <label htmlFor="product-description" className="block text-sm font-medium">
          Description
        </label>
        <textarea
          id="product-description"
          name="description"
          rows={4}
          defaultValue={values.description}
          aria-invalid={state.fields.description ? true : undefined}
          aria-describedby="product-description-error"
          className={inputClasses}
        />
        <FieldError id="product-description-error" error={state.fields.description} />
      </div>
      <FieldList rows={detailFields(target.currency, target.slug)} values={values} errors={state.fields} />
      <div className="flex gap-3 pt-2">
        <SubmitButton pendingLabel="Saving">{submitLabel}</SubmitButton>
        <Link href={`/s/${target.slug}/staff`} className={buttonClasses("secondary", "md")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
