"use client";
// Adding a passkey: a name first (checked with the shared zod rule), then the browser's
// own prompt. A refusal (no recent sign-in, expired request, ...) stays in the dialog.
import { addPasskey } from "@/components/auth/passkeys";
import { Field } from "@/components/ui/Field";
import { FormDialog, UserFacingError } from "@/components/ui/FormDialog";
import { PASSKEY_NAME_MAX } from "@/convex/shared/limits";
import { passkeyNameSchema } from "@/lib/validations/passkeys";

export function AddPasskeyDialog({
  open,
  onOpenChange,
  onAdded,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAdded: (message: string) => void;
}) {
  const add = async (form: FormData) => {
    const raw = form.get("name");
    const parsed = passkeyNameSchema.safeParse(typeof raw === "string" ? raw : "");
    if (!parsed.success) {
      throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the name.");
    }
    await addPasskey(parsed.data);
    onAdded(`Added the passkey ${parsed.data}.`);
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add a passkey"
      description="Name it after the device or password manager that keeps it. Your browser asks you to confirm next."
      submitLabel="Continue"
      pendingLabel="Waiting for your browser"
      onSubmit={add}
      noValidate
    >
      {(error) => (
        <Field
          label="Passkey name"
          name="name"
          placeholder="Work laptop"
          maxLength={PASSKEY_NAME_MAX + 20}
          autoComplete="off"
          hint={`Up to ${PASSKEY_NAME_MAX} characters.`}
          error={error}
          required
          autoFocus
        />
      )}
    </FormDialog>
  );
}
