"use client";
// The devices page's live part: every session of the signed-in user from Convex
// (`sessions.listMine`, re-rendered on every change: a new sign-in, a rename, a
// revocation from another device), with revoke-one, sign-out-others and
// sign-out-everywhere. Query errors are shown, not thrown: when this device itself is
// revoked the list fails with UNAUTHENTICATED and SessionWatch takes the page away.
import {
  useConvexAuth,
  useMutation,
  useQuery_experimental as useQueryState,
} from "convex/react";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { expectSignOut } from "@/components/SessionWatch";
import { Button } from "@/components/ui/Button";
import { Notice } from "@/components/ui/Notice";
import { api } from "@/convex/_generated/api";
import { appErrorData, ErrorCode } from "@/convex/errors";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { DeviceRow, type Device } from "./DeviceRow";
import { deviceName } from "@/components/devices/names";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function DeviceSkeleton() {
  return (
    <li
      aria-hidden="true"
      className="flex gap-4 rounded-lg border border-border p-4"
    >
      <span className="size-10 shrink-0 animate-pulse rounded-full bg-muted" />
      <span className="flex-1 space-y-2">
        <span className="block h-4 w-40 animate-pulse rounded bg-muted" />
        <span className="block h-3 w-24 animate-pulse rounded bg-muted" />
        <span className="block h-3 w-56 animate-pulse rounded bg-muted" />
      </span>
    </li>
  );
}

export function DevicesPanel() {
  const { isAuthenticated } = useConvexAuth();
  const devices = useQueryState({
    query: api.sessions.listMine,
    args: isAuthenticated ? {} : "skip",
  });
  const locale = useDisplayLocale();
  const now = useNow();
  const revoke = useMutation(api.sessions.revoke);
  const revokeOthers = useMutation(api.sessions.revokeOthers);
  const revokeAll = useMutation(api.sessions.revokeAll);

  const [revoking, setRevoking] = useState<Device | null>(null);
  const [confirmOthers, setConfirmOthers] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);
  // Outcome of the last action, announced politely and left on screen.
  const [message, setMessage] = useState("");

  if (devices.status === "error") {
    const signedOut =
      appErrorData(devices.error)?.code === ErrorCode.UNAUTHENTICATED;
    return (
      <Notice tone={signedOut ? "warning" : "error"}>
        {signedOut
          ? "This device is no longer signed in."
          : "Your devices could not be loaded. Reload the page to try again."}
      </Notice>
    );
  }

  if (devices.status === "pending") {
    return (
      <div aria-busy="true">
        <p role="status" className="sr-only">
          Loading your devices
        </p>
        <ul className="space-y-3">
          <DeviceSkeleton />
          <DeviceSkeleton />
        </ul>
      </div>
    );
  }

  const list = devices.data;
  const others = list.filter((device) => !device.isCurrent);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => setConfirmOthers(true)}
          disabled={others.length === 0}
        >
          Sign out all other devices
        </Button>
        <Button variant="secondary" onClick={() => setConfirmAll(true)}>
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
              onRevoke={setRevoking}
              onMessage={setMessage}
            />
          ))}
        </ul>
      )}

      {list.length > 0 && others.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          This is the only device signed in to your account. Other devices you
          sign in on appear here at once.
        </p>
      ) : null}

      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => {
          if (!open) setRevoking(null);
        }}
        title={
          revoking ? `Sign out ${deviceName(revoking)}?` : "Sign out device?"
        }
        description={
          revoking
            ? `${deviceName(revoking)} will be signed out at once, and its cart and settings removed. You can sign in on it again later.`
            : ""
        }
        confirmLabel="Sign out device"
        onConfirm={async () => {
          if (!revoking) return;
          const name = deviceName(revoking);
          try {
            await revoke({ sessionId: revoking.sessionId });
          } catch (error) {
            // Gone already (signed out there, or by another tab): the outcome is the same.
            if (appErrorData(error)?.code !== ErrorCode.NOT_FOUND) throw error;
          }
          setMessage(`Signed out ${name}.`);
        }}
      />

      <ConfirmDialog
        open={confirmOthers}
        onOpenChange={setConfirmOthers}
        title="Sign out all other devices?"
        description={`${plural(others.length, "other device", "other devices")} will be signed out at once, with their carts and settings. This device stays signed in.`}
        confirmLabel="Sign out other devices"
        onConfirm={async () => {
          const count = await revokeOthers({});
          setMessage(
            count === 0
              ? "There were no other devices to sign out."
              : `Signed out ${plural(count, "other device", "other devices")}.`,
          );
        }}
      />

      <ConfirmDialog
        open={confirmAll}
        onOpenChange={setConfirmAll}
        title="Sign out everywhere?"
        description={`All ${plural(list.length, "device", "devices")} signed in to your account, this one included, will be signed out at once.`}
        confirmLabel="Sign out everywhere"
        onConfirm={async () => {
          // Our own session is about to vanish: not a revocation from elsewhere.
          const undo = expectSignOut();
          try {
            await revokeAll({});
          } catch (error) {
            undo();
            throw error;
          }
          // Clears this browser's cookie and goes home with a full page load.
          await signOut({ redirectTo: "/" });
        }}
      />
    </div>
  );
}
