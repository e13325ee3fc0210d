"use client";
// One signed-in device on the devices page: its name and type, browser, OS, IP, when
// it signed in and was last active, and the actions for it (rename; revoke for the
// other devices; this device signs out from the account menu instead).
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { DeviceIcon } from "@/components/devices/DeviceIcon";
import { DEVICE_TYPE_NAMES, describeDevice, deviceName } from "@/convex/shared/devices";
import { signInMethodLabel } from "@/convex/shared/signIn";
import { Timestamp } from "@/components/Timestamp";
import { RenameDeviceDialog } from "./RenameDeviceDialog";
import type { Device } from "./useMyDevices";

export function DeviceRow({
  device,
  now,
  locale,
  onRevoke,
  onMessage,
}: {
  device: Device;
  now: number;
  locale: string | undefined;
  onRevoke: (device: Device) => void;
  onMessage: (message: string) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const name = deviceName(device);
  const headingId = `device-${device.sessionId}`;
  const kind = device.deviceType ?? "unknown";

  return (
    <li
      aria-labelledby={headingId}
      className="flex flex-col gap-4 rounded-lg border border-border p-4 sm:flex-row sm:items-start"
    >
      <div className="flex min-w-0 flex-1 gap-4">
        <span className="mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <DeviceIcon kind={kind} />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="truncate font-semibold">
              {name}
            </h2>
            {device.isCurrent ? (
              <span className="rounded-full bg-accent px-2 py-0.5 text-xs font-medium text-accent-foreground">
                This device
              </span>
            ) : null}
          </div>
          <p className="text-sm text-muted-foreground">
            {DEVICE_TYPE_NAMES[kind]}
            {device.label ? ` · ${describeDevice(device.browser, device.os)}` : null}
          </p>
          <p className="text-sm">{signInMethodLabel(device.signInMethod)}</p>
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Browser</dt>
            <dd>{device.browser ?? "Unknown"}</dd>
            <dt className="text-muted-foreground">System</dt>
            <dd>{device.os ?? "Unknown"}</dd>
            <dt className="text-muted-foreground">IP address</dt>
            <dd className="font-mono text-xs leading-5">{device.ip ?? "Unknown"}</dd>
            <dt className="text-muted-foreground">Signed in</dt>
            <dd>
              <Timestamp at={device.createdAt} locale={locale} show="date" />
            </dd>
            <dt className="text-muted-foreground">Last active</dt>
            <dd>
              {device.isCurrent ? (
                "Now"
              ) : (
                <Timestamp at={device.lastSeenAt} locale={locale} show="relative" now={now} />
              )}
            </dd>
          </dl>
        </div>
      </div>
      <div className="flex shrink-0 gap-2 sm:flex-col sm:items-stretch">
        <Button variant="secondary" size="sm" onClick={() => setRenaming(true)}>
          Rename<span className="sr-only"> {name}</span>
        </Button>
        {device.isCurrent ? null : (
          <Button variant="danger" size="sm" onClick={() => onRevoke(device)}>
            Revoke<span className="sr-only"> {name}</span>
          </Button>
        )}
      </div>
      <RenameDeviceDialog
        open={renaming}
        onOpenChange={setRenaming}
        sessionId={device.sessionId}
        currentLabel={device.label}
        deviceName={name}
        isCurrent={device.isCurrent}
        onRenamed={onMessage}
      />
    </li>
  );
}
