"use client";
// A dialog around a form that runs an async action: pending state on the submit button,
// the dialog stays open with the error when the action fails (so nothing typed is lost)
// and cannot be closed while the request is in flight.
import { useState, type FormEvent, type ReactNode } from "react";
import { appErrorData } from "@/convex/errors";
import { Button, type ButtonVariant } from "./Button";
import { DialogClose, DialogContent, DialogRoot } from "./Dialog";
import { Spinner } from "./Spinner";

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

export function FormDialog({
  open,
  onOpenChange,
  title,
  description,
  submitLabel,
  submitVariant,
  pendingLabel,
  onSubmit,
  toMessage = errorMessage,
  noValidate,
  children,
}: FormDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await onSubmit(form);
      onOpenChange(false);
    } catch (caught) {
      setError(toMessage(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <DialogRoot
      open={open}
      onOpenChange={(next) => {
        // Closing mid-request would hide its outcome; wait for it.
        if (pending) return;
        if (!next) setError(null);
        onOpenChange(next);
      }}
    >
      <DialogContent title={title} description={description}>
        <form onSubmit={submit} className="space-y-4" noValidate={noValidate}>
          {children(error)}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant={submitVariant} disabled={pending} aria-busy={pending}>
              {pending ? <Spinner size="sm" label={pendingLabel} /> : null}
              {submitLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </DialogRoot>
  );
}
