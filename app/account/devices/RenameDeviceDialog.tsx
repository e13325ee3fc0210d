"use client";
// Renaming a device (this one or another of the user's), in a dialog. The name is
// checked with the shared zod rule first, then by Convex (`sessions.rename`), whose
// field message is shown under the input if it still refuses.
import { useMutation } from "convex/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { DialogClose, DialogContent, DialogRoot } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { Spinner } from "@/components/ui/Spinner";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { appErrorData } from "@/convex/errors";
import {
  DEVICE_LABEL_MAX,
  deviceLabelSchema,
} from "@/lib/validations/settings";
import { errorMessage } from "@/components/ui/ConfirmDialog";

export function RenameDeviceDialog({
  open,
  onOpenChange,
  sessionId,
  currentLabel,
  deviceName,
  isCurrent,
  onRenamed,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  sessionId: Id<"sessions">;
  currentLabel: string | null;
  /** What the device is called now (label or browser and OS), for the title. */
  deviceName: string;
  isCurrent: boolean;
  onRenamed: (message: string) => void;
}) {
  const rename = useMutation(api.sessions.rename);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = new FormData(event.currentTarget).get("label");
    const parsed = deviceLabelSchema.safeParse(
      typeof raw === "string" ? raw : "",
    );
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the name.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      await rename({
        sessionId,
        label: parsed.data === "" ? null : parsed.data,
      });
      onRenamed(
        parsed.data === ""
          ? `Removed the name of ${deviceName}.`
          : `Renamed ${deviceName} to ${parsed.data}.`,
      );
      onOpenChange(false);
    } catch (caught) {
      setError(appErrorData(caught)?.fields?.label ?? errorMessage(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <DialogRoot
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        if (!next) setError(null);
        onOpenChange(next);
      }}
    >
      <DialogContent
        title={isCurrent ? "Rename this device" : `Rename ${deviceName}`}
        description="A name helps you tell your devices apart here and in your order history."
      >
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field
            label="Device name"
            name="label"
            defaultValue={currentLabel ?? ""}
            placeholder={deviceName}
            maxLength={DEVICE_LABEL_MAX + 20}
            autoComplete="off"
            hint={`Up to ${DEVICE_LABEL_MAX} characters. Leave empty to show the browser and system instead.`}
            error={error}
            autoFocus
          />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {pending ? <Spinner size="sm" label="Saving" /> : null}
              Save name
            </Button>
          </div>
        </form>
      </DialogContent>
    </DialogRoot>
  );
}
