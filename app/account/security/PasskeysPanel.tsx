"use client";
// The Security page's live part: this account's passkeys, adding one (only in a browser
// that supports passkeys, and after a recent sign-in), and removing one.
import { useEffect, useState } from "react";
import { passkeysSupported } from "@/components/auth/passkeys";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { QueryErrorNotice } from "@/components/QueryErrorNotice";
import { Button } from "@/components/ui/Button";
import { Notice } from "@/components/ui/Notice";
import { AddPasskeyDialog } from "./AddPasskeyDialog";
import { PasskeyRow } from "./PasskeyRow";
import { signInAgainAction } from "./actions";
import { usePasskeys } from "./usePasskeys";

function PasskeysLoading() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">
        Loading your passkeys
      </p>
      <div
        aria-hidden="true"
        className="h-24 animate-pulse rounded-lg border border-border bg-muted"
      />
    </div>
  );
}

export function PasskeysPanel() {
  const now = useNow(15_000);
  const locale = useDisplayLocale();
  const { state, signedInRecently, remove } = usePasskeys(now);
  const [supported, setSupported] = useState<boolean | null>(null);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState("");

  useEffect(() => setSupported(passkeysSupported()), []);

  if (state.status === "error") {
    return (
      <QueryErrorNotice
        error={state.error}
        message="Your passkeys could not be loaded. Reload the page to try again."
      />
    );
  }
  if (state.status === "pending" || supported === null) return <PasskeysLoading />;
  const { passkeys } = state.data;

  return (
    <div className="space-y-4">
      {!supported ? (
        <Notice tone="warning" title="This browser cannot create passkeys">
          Use a recent browser on a device with a screen lock to add one. Passkeys you already have
          are listed below.
        </Notice>
      ) : signedInRecently ? (
        <Button onClick={() => setAdding(true)}>Add a passkey</Button>
      ) : (
        <Notice title="Sign in again to add a passkey">
          <p>
            For your safety, adding a passkey needs a sign-in from the last 10 minutes. Signing in
            again signs this device out first: its cart and settings start afresh.
          </p>
          <form action={signInAgainAction} data-sign-out="" className="mt-3">
            <Button type="submit" variant="secondary" size="sm">
              Sign in again
            </Button>
          </form>
        </Notice>
      )}

      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {message}
      </p>

      {passkeys.length === 0 ? (
        <Notice title="No passkeys yet">
          Once you add one, you can sign in with it from the sign-in page on any device that has it.
        </Notice>
      ) : (
        <ul aria-label="Your passkeys" className="space-y-3">
          {passkeys.map((passkey) => (
            <PasskeyRow
              key={passkey.id}
              passkey={passkey}
              now={now}
              locale={locale}
              onRemove={remove}
              onMessage={setMessage}
            />
          ))}
        </ul>
      )}

      <AddPasskeyDialog open={adding} onOpenChange={setAdding} onAdded={setMessage} />
    </div>
  );
}
