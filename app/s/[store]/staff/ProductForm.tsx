"use client";
// Create or edit a product. The server action validates with zod and then Convex
// checks again; messages land on their fields (aria-invalid, aria-describedby) and the
// form-level one in a live region.
import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/ui/Field";
import { Notice } from "@/components/ui/Notice";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { buttonClasses } from "@/components/ui/Button";
import { inputClasses } from "@/components/ui/Input";
import type { Id } from "@/convex/_generated/dataModel";
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
  const error = (name: string) => state.fields[name] ?? null;
  const value = (name: string, fallback: string) => state.values?.[name] ?? fallback;
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-3">
      <div aria-live="polite">
        {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      </div>
      <Field
        label="Name"
        name="name"
        required
        defaultValue={value("name", initial.name)}
        error={error("name")}
      />
      <div className="space-y-1">
        <label htmlFor="product-description" className="block text-sm font-medium">
          Description
        </label>
        <textarea
          id="product-description"
          name="description"
          rows={4}
          defaultValue={value("description", initial.description)}
          aria-invalid={error("description") ? true : undefined}
          aria-describedby="product-description-error"
          className={inputClasses}
        />
        <p
          id="product-description-error"
          aria-live="polite"
          className="min-h-5 text-sm text-danger"
        >
          {error("description") ?? ""}
        </p>
      </div>
      <Field
        label="Category"
        name="category"
        required
        defaultValue={value("category", initial.category)}
        error={error("category")}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={`Price (${target.currency})`}
          name="priceMinor"
          inputMode="decimal"
          required
          defaultValue={value("priceMinor", initial.price)}
          error={error("priceMinor")}
        />
        <Field
          label="In stock"
          name="stock"
          inputMode="numeric"
          required
          defaultValue={value("stock", initial.stock)}
          error={error("stock")}
        />
      </div>
      <Field
        label="Image path (optional)"
        name="image"
        hint="A file under /stores/…; empty uses the store logo."
        defaultValue={value("image", initial.image)}
        error={error("image")}
      />
      <div className="flex gap-3 pt-2">
        <SubmitButton pendingLabel="Saving">{submitLabel}</SubmitButton>
        <Link href={`/s/${target.slug}/staff`} className={buttonClasses("secondary", "md")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
