"use client";
// The devices page's live part: every session of the signed-in user, with rename,
// revoke-one, sign-out-others and sign-out-everywhere. Data and actions come from
// `useMyDevices`; the rows and dialogs sit beside this file.
import { useState } from "react";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { QueryErrorNotice } from "@/components/QueryErrorNotice";
import { Button } from "@/components/ui/Button";
import { Notice } from "@/components/ui/Notice";
import { DeviceRow } from "./DeviceRow";
import { DevicesLoading } from "./DevicesLoading";
import { SignOutDialogs, type SignOutRequest } from "./SignOutDialogs";
import { useMyDevices } from "./useMyDevices";

export function DevicesPanel() {
  const { devices, ...actions } = useMyDevices();
  const locale = useDisplayLocale();
  const now = useNow();
  const [request, setRequest] = useState<SignOutRequest | null>(null);
  // Outcome of the last action, announced politely and left on screen.
  const [message, setMessage] = useState("");

  if (devices.status === "error") {
    return (
      <QueryErrorNotice
        error={devices.error}
        message="Your devices could not be loaded. Reload the page to try again."
      />
    );
  }
  if (devices.status === "pending") return <DevicesLoading />;

  const list = devices.data;
  const others = list.filter((device) => !device.isCurrent);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => setRequest({ kind: "others" })}
          disabled={others.length === 0}
        >
          Sign out all other devices
        </Button>
        <Button variant="secondary" onClick={() => setRequest({ kind: "everywhere" })}>
          Sign out everywhere
        </Button>
      </div>

      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {message}
      </p>

      {list.length === 0 ? (
        <Notice title="No devices are signed in">
          Devices appear here as soon as you sign in on them.
        </Notice>
      ) : (
        <ul aria-label="Your devices" className="space-y-3">
          {list.map((device) => (
            <DeviceRow
              key={device.sessionId}
              device={device}
              now={now}
              locale={locale}
              onRevoke={(target) => setRequest({ kind: "device", device: target })}
              onMessage={setMessage}
            />
          ))}
        </ul>
      )}

      {list.length > 0 && others.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          This is the only device signed in to your account. Other devices you sign in on appear
          here at once.
        </p>
      ) : null}

      <SignOutDialogs
        request={request}
        onClose={() => setRequest(null)}
        devices={list}
        actions={actions}
        onDone={setMessage}
      />
    </div>
  );
}
