"use client";
// A confirmation step for actions that sign devices out: a Radix dialog (focus trap,
// Escape, focus return) that names what will happen, runs the action with a pending
// state, and keeps the dialog open with the error when it fails, so nothing is lost.
import type { FormEvent, ReactNode } from "react";
import { useState } from "react";
import { Button } from "./Button";
import { DialogClose, DialogContent, DialogRoot } from "./Dialog";
import { Spinner } from "./Spinner";
import { appErrorData } from "@/convex/errors";

export type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  /** The confirm button's text, a verb naming the action ("Sign out device"). */
  confirmLabel: string;
  /** Runs on confirm; a thrown error is shown in the dialog and it stays open. */
  onConfirm: () => Promise<void>;
  /** Extra fields (e.g. a reason) between the description and the buttons. */
  children?: ReactNode;
};

/** Thrown by an `onConfirm` to show its message as is (e.g. a failed form check). */
export class UserFacingError extends Error {}

/** A message for a person from whatever a mutation threw. */
export function errorMessage(error: unknown): string {
  const data = appErrorData(error);
  if (data) return data.message;
  if (error instanceof UserFacingError) return error.message;
  return "Something went wrong. Check your connection and try again.";
}

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  children,
}: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      onOpenChange(false);
    } catch (caught) {
      setError(errorMessage(caught));
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
        <form onSubmit={onSubmit} className="space-y-4">
          {children}
          <p role="alert" className="min-h-5 text-sm text-danger">
            {error ?? ""}
          </p>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button
              type="submit"
              variant="danger"
              disabled={pending}
              aria-busy={pending}
            >
              {pending ? <Spinner size="sm" label="Working" /> : null}
              {confirmLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </DialogRoot>
  );
}
