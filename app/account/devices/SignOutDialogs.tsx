"use client";
// The devices page's confirmations: sign out one device, all the others, or every
// device. Each says what will happen and, once done, reports the outcome in words.
import { deviceName } from "@/convex/shared/devices";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import type { Device, useMyDevices } from "./useMyDevices";

/** Which confirmation is open. */
export type SignOutRequest = { kind: "device"; device: Device } | { kind: "others" | "everywhere" };

type Actions = Omit<ReturnType<typeof useMyDevices>, "devices">;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function SignOutDialogs({
  request,
  onClose,
  devices,
  actions,
  onDone,
}: {
  request: SignOutRequest | null;
  onClose: () => void;
  /** Every signed-in device, this one included. */
  devices: Device[];
  actions: Actions;
  /** Reports the outcome ("Signed out 2 other devices."). */
  onDone: (message: string) => void;
}) {
  const target = request?.kind === "device" ? request.device : null;
  const name = target ? deviceName(target) : null;
  const others = devices.filter((device) => !device.isCurrent).length;
  const dialog = (kind: SignOutRequest["kind"]) => ({
    open: request?.kind === kind,
    onOpenChange: (open: boolean) => {
      if (!open) onClose();
    },
  });

  return (
    <>
      <ConfirmDialog
        {...dialog("device")}
        title={name ? `Sign out ${name}?` : "Sign out device?"}
        description={
          name
            ? `${name} will be signed out at once, and its cart and settings removed. You can sign in on it again later.`
            : ""
        }
        confirmLabel="Sign out device"
        onConfirm={async () => {
          if (!target || !name) return;
          await actions.revoke(target);
          onDone(`Signed out ${name}.`);
        }}
      />
      <ConfirmDialog
        {...dialog("others")}
        title="Sign out all other devices?"
        description={`${plural(others, "other device", "other devices")} will be signed out at once, with their carts and settings. This device stays signed in.`}
        confirmLabel="Sign out other devices"
        onConfirm={async () => {
          const count = await actions.revokeOthers();
          onDone(
            count === 0
              ? "There were no other devices to sign out."
              : `Signed out ${plural(count, "other device", "other devices")}.`,
          );
        }}
      />
      <ConfirmDialog
        {...dialog("everywhere")}
        title="Sign out everywhere?"
        description={`All ${plural(devices.length, "device", "devices")} signed in to your account, this one included, will be signed out at once.`}
        confirmLabel="Sign out everywhere"
        onConfirm={actions.revokeAll}
      />
    </>
  );
}
