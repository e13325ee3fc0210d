"use client";
// The devices page's confirmations: sign out one device, all the others, or every
// device. Each says what will happen and, once done, reports the outcome in words.
import { deviceName } from "@/convex/shared/devices";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { countOf } from "./SignOutProgress";
import type { Device, DevicesOverview, useMyDevices } from "./useMyDevices";

/** Which confirmation is open. */
export type SignOutRequest = { kind: "device"; device: Device } | { kind: "others" | "everywhere" };

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type Actions = Pick<ReturnType<typeof useMyDevices>, "revoke" | "revokeOthers" | "revokeAll">;

export function SignOutDialogs({
  request,
  onClose,
  overview,
  locale,
  actions,
  onDone,
}: {
  request: SignOutRequest | null;
  onClose: () => void;
  /** How many devices are signed in, this one included. */
  overview: DevicesOverview;
  locale: string | undefined;
  actions: Actions;
  /** Reports the outcome ("Signed out 2 other devices."). */
  onDone: (message: string) => void;
}) {
  const target = request?.kind === "device" ? request.device : null;
  const name = target ? deviceName(target) : null;
  const plural = (count: number, one: string, many: string) =>
    `${overview.more ? "more than " : ""}${countOf(count, locale)} ${count === 1 && !overview.more ? one : many}`;
  const others = overview.devices - 1;
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
        description={`${capitalize(plural(others, "other device", "other devices"))} will be signed out, with their carts and settings. This device stays signed in.`}
        confirmLabel="Sign out other devices"
        onConfirm={async () => {
          const { devices: count, done } = await actions.revokeOthers();
          const what =
            count === null ? "the other devices" : plural(count, "other device", "other devices");
          onDone(
            count === 0
              ? "There were no other devices to sign out."
              : done
                ? `Signed out ${what}.`
                : `Signing out ${what}. The rest follow within seconds.`,
          );
        }}
      />
      <ConfirmDialog
        {...dialog("everywhere")}
        title="Sign out everywhere?"
        description={`All ${plural(overview.devices, "device", "devices")} signed in to your account, this one included, will be signed out: this one at once, the others within seconds.`}
        confirmLabel="Sign out everywhere"
        onConfirm={actions.revokeAll}
      />
    </>
  );
}
