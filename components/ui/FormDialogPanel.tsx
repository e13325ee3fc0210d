"use client";
// The dialog FormDialog shows, with Radix: loaded on the first open (FormDialog.tsx), so
// pages carry Radix only once someone opens a dialog.
import { useState, type FormEvent } from "react";
import { Button } from "./Button";
import { DialogClose, DialogContent, DialogRoot } from "./Dialog";
import { errorMessage, type FormDialogProps } from "./FormDialog";
import { Spinner } from "./Spinner";

export function FormDialogPanel({
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
