"use client";
// Renaming a device (this one or another of the user's), in a dialog. The name is
// checked with the shared zod rule first, then by Convex (`sessions.rename`), whose
// field message is shown under the input if it still refuses.
import { useMutation } from "convex/react";
import { Field } from "@/components/ui/Field";
import { FormDialog, UserFacingError, errorMessage } from "@/components/ui/FormDialog";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { appErrorData } from "@/convex/errors";
import { DEVICE_LABEL_MAX } from "@/convex/shared/limits";

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

  const save = async (form: FormData) => {
    const raw = form.get("label");
    // zod loads with the first save, not with the page.
    const { deviceLabelSchema } = await import("@/lib/validations/settings");
    const parsed = deviceLabelSchema.safeParse(typeof raw === "string" ? raw : "");
    if (!parsed.success) {
      throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the name.");
    }
    await rename({ sessionId, label: parsed.data === "" ? null : parsed.data });
    onRenamed(
      parsed.data === ""
        ? `Removed the name of ${deviceName}.`
        : `Renamed ${deviceName} to ${parsed.data}.`,
    );
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={isCurrent ? "Rename this device" : `Rename ${deviceName}`}
      description="A name helps you tell your devices apart here and in your order history."
      submitLabel="Save name"
      pendingLabel="Saving"
      onSubmit={save}
      toMessage={(caught) => appErrorData(caught)?.fields?.label ?? errorMessage(caught)}
      noValidate
    >
      {(error) => (
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
      )}
    </FormDialog>
  );
}
