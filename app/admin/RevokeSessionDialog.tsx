"use client";
// Revoking any user's session from the admin console, with an optional reason that
// goes to the audit log (`admin.revokeSession`). Revoking the admin's own session here
// signs this browser out.
import { useAction } from "convex/react";
import { signOut } from "next-auth/react";
import { useId } from "react";
import { deviceName } from "@/convex/shared/devices";
import { REVOKE_REASON_MAX } from "@/convex/shared/limits";
import { expectSignOut } from "@/components/auth/signedOut";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { UserFacingError } from "@/components/ui/FormDialog";
import { inputClasses } from "@/components/ui/Input";
import { api } from "@/convex/_generated/api";
import { appErrorData, ErrorCode } from "@/convex/errors";
import type { AdminSession } from "./useAdminSessions";

function whose(session: AdminSession): string {
  return `${deviceName(session)} of ${session.email ?? "this user"}`;
}

export function RevokeSessionDialog({
  target,
  onClose,
  onRevoked,
}: {
  /** The session to revoke; the dialog is open while there is one. */
  target: AdminSession | null;
  onClose: () => void;
  onRevoked: (message: string) => void;
}) {
  const revokeSession = useAction(api.admin.revokeSession);
  const reasonId = useId();

  const revoke = async (form: FormData) => {
    if (!target) return;
    // zod loads with the first revoke, not with the page.
    const { revokeReasonSchema } = await import("@/lib/validations/admin");
    const parsed = revokeReasonSchema.safeParse(form.get("reason") ?? "");
    if (!parsed.success) {
      throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the reason.");
    }
    const undo = target.isCurrent ? expectSignOut() : () => undefined;
    try {
      await revokeSession({
        sessionId: target.sessionId,
        ...(parsed.data ? { reason: parsed.data } : {}),
      });
    } catch (caught) {
      undo();
      // Ended meanwhile (by its user, another admin, or expiry): nothing left to do.
      if (appErrorData(caught)?.code !== ErrorCode.NOT_FOUND) throw caught;
    }
    if (target.isCurrent) {
      await signOut({ redirectTo: "/" });
      return;
    }
    onRevoked(`Revoked ${whose(target)}.`);
  };

  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title="Revoke this session?"
      description={
        target
          ? `${whose(target)} will be signed out at once, with that device's cart and settings.${target.isCurrent ? " This is your own session here: you will be signed out." : ""}`
          : ""
      }
      confirmLabel="Revoke session"
      onConfirm={revoke}
    >
      {/* Uncontrolled: the dialog's content mounts afresh, empty, each time it opens. */}
      <div className="space-y-1">
        <label htmlFor={reasonId} className="block text-sm font-medium">
          Reason <span className="font-normal text-muted-foreground">(optional)</span>
        </label>
        <textarea
          id={reasonId}
          name="reason"
          maxLength={REVOKE_REASON_MAX}
          rows={3}
          className={inputClasses}
          aria-describedby={`${reasonId}-hint`}
        />
        <p id={`${reasonId}-hint`} className="text-xs text-muted-foreground">
          Recorded in the audit log with your name and this session.
        </p>
      </div>
    </ConfirmDialog>
  );
}
