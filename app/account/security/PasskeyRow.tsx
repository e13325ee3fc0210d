"use client";
// One passkey on the Security page: its name, when it was added and last used, and
// removing it (after a confirmation: it then signs no one in).
import { useState } from "react";
import { Timestamp } from "@/components/Timestamp";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import type { Passkey } from "./usePasskeys";

function KeyIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <circle cx="7.5" cy="15.5" r="4.5" />
      <path d="m10.7 12.3 9.8-9.8M17 6l3 3M14.5 8.5l2 2" />
    </svg>
  );
}

export function PasskeyRow({
  passkey,
  now,
  locale,
  onRemove,
  onMessage,
}: {
  passkey: Passkey;
  now: number;
  locale: string | undefined;
  onRemove: (passkey: Passkey) => Promise<unknown>;
  onMessage: (message: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const name = passkey.name ?? "Passkey";
  const headingId = `passkey-${passkey.id}`;

  return (
    <li
      aria-labelledby={headingId}
      className="flex flex-col gap-4 rounded-lg border border-border p-4 sm:flex-row sm:items-start"
    >
      <div className="flex min-w-0 flex-1 gap-4">
        <span className="mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <KeyIcon />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="truncate font-semibold">
            {name}
          </h2>
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Added</dt>
            <dd>
              <Timestamp at={passkey.createdAt} locale={locale} show="date" />
            </dd>
            <dt className="text-muted-foreground">Last used</dt>
            <dd>
              {passkey.lastUsedAt === null ? (
                "Not used to sign in yet"
              ) : (
                <Timestamp at={passkey.lastUsedAt} locale={locale} show="relative" now={now} />
              )}
            </dd>
          </dl>
        </div>
      </div>
      <div className="flex shrink-0 gap-2 sm:flex-col sm:items-stretch">
        <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
          Remove<span className="sr-only"> {name}</span>
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Remove ${name}?`}
        description="You can no longer sign in with it. Devices already signed in stay signed in."
        confirmLabel="Remove passkey"
        onConfirm={async () => {
          await onRemove(passkey);
          onMessage(`Removed the passkey ${name}.`);
        }}
      />
    </li>
  );
}
