"use client";
// The devices page's live part: the signed-in user's sessions a page at a time ("Load
// more"), with rename, revoke-one, sign-out-others and sign-out-everywhere, and the
// progress of a sign-out that ends thousands of sessions. Data and actions come from
// `useMyDevices`; the rows, dialogs and progress line sit beside this file.
import { useState } from "react";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { Button } from "@/components/ui/Button";
import { LoadMoreButton } from "@/components/ui/LoadMoreButton";
import { Notice } from "@/components/ui/Notice";
import { DEVICES_PAGE_SIZE } from "@/convex/shared/limits";
import { DeviceRow } from "./DeviceRow";
import { DevicesLoading } from "./DevicesLoading";
import { SignOutDialogs, type SignOutRequest } from "./SignOutDialogs";
import { SignOutProgress } from "./SignOutProgress";
import { useMyDevices } from "./useMyDevices";

export function DevicesPanel() {
  const { devices, status, loadMore, overview, ...actions } = useMyDevices();
  const locale = useDisplayLocale();
  const now = useNow();
  const [request, setRequest] = useState<SignOutRequest | null>(null);
  // Outcome of the last action, announced politely and left on screen.
  const [message, setMessage] = useState("");

  if (status === "LoadingFirstPage" || overview === undefined) return <DevicesLoading />;

  const others = overview.devices - 1;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => setRequest({ kind: "others" })}
          disabled={others === 0 && !overview.more}
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
      <SignOutProgress progress={overview.signingOut} locale={locale} onDone={setMessage} />

      {devices.length === 0 ? (
        <Notice title="No devices are signed in">
          Devices appear here as soon as you sign in on them.
        </Notice>
      ) : (
        <ul aria-label="Your devices" className="space-y-3">
          {devices.map((device) => (
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

      <LoadMoreButton
        status={status}
        loadMore={loadMore}
        pageSize={DEVICES_PAGE_SIZE}
        label="Load more devices"
      />

      {devices.length > 0 && others === 0 && !overview.more ? (
        <p className="text-sm text-muted-foreground">
          This is the only device signed in to your account. Other devices you sign in on appear
          here at once.
        </p>
      ) : null}

      <SignOutDialogs
        request={request}
        onClose={() => setRequest(null)}
        overview={overview}
        locale={locale}
        actions={actions}
        onDone={setMessage}
      />
    </div>
  );
}
