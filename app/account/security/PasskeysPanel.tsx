"use client";
// The Security page's live part: this account's passkeys, adding one (only in a browser
// that supports passkeys, and after a recent sign-in), and removing one.
import type { Preloaded } from "convex/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { passkeysSupported } from "@/components/auth/passkeys";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { Button } from "@/components/ui/Button";
import { Notice } from "@/components/ui/Notice";
import type { api } from "@/convex/_generated/api";
import { PasskeyRow } from "./PasskeyRow";
import { signInAgainAction } from "./actions";
import { usePasskeys } from "./usePasskeys";

// Loaded when first opened: WebAuthn, zod and Radix stay off the page's first load.
const AddPasskeyDialog = lazy(() =>
  import("./AddPasskeyDialog").then((m) => ({ default: m.AddPasskeyDialog })),
);

export function PasskeysPanel({
  preloaded,
}: {
  preloaded: Preloaded<typeof api.passkeys.listMine>;
}) {
  const now = useNow(15_000);
  const locale = useDisplayLocale();
  const { passkeys, signedInRecently, remove } = usePasskeys(now, preloaded);
  const [supported, setSupported] = useState<boolean | null>(null);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState("");

  useEffect(() => setSupported(passkeysSupported()), []);

  return (
    <div className="space-y-4">
      {/* Whether this browser can make passkeys is known only after hydration. */}
      {supported === null ? null : !supported ? (
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

      {adding ? (
        <Suspense fallback={null}>
          <AddPasskeyDialog open={adding} onOpenChange={setAdding} onAdded={setMessage} />
        </Suspense>
      ) : null}
    </div>
  );
}
