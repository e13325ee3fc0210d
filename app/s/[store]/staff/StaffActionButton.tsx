"use client";
// A one-button form for a staff server action (archive, advance status) with its
// pending state and the refusal, if any, in a live region beside it.
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { initialStaffFormState, type StaffFormState } from "./state";

export function StaffActionButton({
  action,
  label,
  accessibleLabel,
  variant = "secondary",
}: {
  action: (previous: StaffFormState) => Promise<StaffFormState>;
  label: string;
  accessibleLabel?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, formAction] = useActionState(action, initialStaffFormState);
  return (
    <form action={formAction} className="inline-flex flex-col items-end">
      <SubmitButton size="sm" variant={variant} aria-label={accessibleLabel}>
        {label}
      </SubmitButton>
      <p aria-live="polite" className="text-xs text-danger">
        {state.message ?? ""}
      </p>
    </form>
  );
}
