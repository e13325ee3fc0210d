"use client";
// A dialog around a form that runs an async action: pending state on the submit button,
// the dialog stays open with the error when the action fails (so nothing typed is lost)
// and cannot be closed while the request is in flight. The dialog itself (Radix) loads
// on the first open: a page with dialogs ships none of it up front.
import { lazy, Suspense, useState, type ReactNode } from "react";
import { appErrorData } from "@/convex/errors";
import type { ButtonVariant } from "./Button";

/** Thrown by an action to show its message as is (e.g. a failed form check). */
export class UserFacingError extends Error {}

/** A message for a person from whatever a mutation threw. */
export function errorMessage(error: unknown): string {
  const data = appErrorData(error);
  if (data) return data.message;
  if (error instanceof UserFacingError) return error.message;
  return "Something went wrong. Check your connection and try again.";
}

export type FormDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  submitLabel: string;
  submitVariant?: ButtonVariant;
  /** The spinner's accessible label while the action runs ("Saving"). */
  pendingLabel: string;
  /** Runs on submit with the form's fields; a thrown error keeps the dialog open. */
  onSubmit: (form: FormData) => Promise<void>;
  /** How a thrown error reads; `errorMessage` unless a form knows better. */
  toMessage?: (error: unknown) => string;
  noValidate?: boolean;
  /** The form's fields, given the current error so each form shows it where it belongs. */
  children: (error: string | null) => ReactNode;
};

// React.lazy rather than next/dynamic: it is only ever rendered after a click, so no
// server-rendering support is needed, and it costs no extra runtime on the page.
const FormDialogPanel = lazy(() =>
  import("./FormDialogPanel").then((m) => ({ default: m.FormDialogPanel })),
);

export function FormDialog(props: FormDialogProps) {
  // Mounted from the first open on, so later closes animate and focus returns as usual.
  const [wanted, setWanted] = useState(props.open);
  if (props.open && !wanted) setWanted(true);
  return wanted ? (
    <Suspense fallback={null}>
      <FormDialogPanel {...props} />
    </Suspense>
  ) : null;
}
