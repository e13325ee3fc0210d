"use client";
// A confirmation step for actions that cannot be undone (signing devices out): names
// what will happen, runs the action, and shows its error in the dialog if it fails.
import type { ReactNode } from "react";
import { FormDialog, type FormDialogProps } from "./FormDialog";

export type ConfirmDialogProps = Pick<
  FormDialogProps,
  "open" | "onOpenChange" | "title" | "description"
> & {
  /** The confirm button's text, a verb naming the action ("Sign out device"). */
  confirmLabel: string;
  /** Runs on confirm (with the extra fields); a thrown error is shown, the dialog stays open. */
  onConfirm: (form: FormData) => Promise<void>;
  /** Extra fields (e.g. a reason) between the description and the buttons. */
  children?: ReactNode;
};

export function ConfirmDialog({
  confirmLabel,
  onConfirm,
  children,
  ...dialog
}: ConfirmDialogProps) {
  return (
    <FormDialog
      {...dialog}
      submitLabel={confirmLabel}
      submitVariant="danger"
      pendingLabel="Working"
      onSubmit={onConfirm}
    >
      {(error) => (
        <>
          {children}
          <p role="alert" className="min-h-5 text-sm text-danger">
            {error ?? ""}
          </p>
        </>
      )}
    </FormDialog>
  );
}
