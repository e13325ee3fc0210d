"use client";
// "Sign in with a passkey": shown only once the browser says it supports WebAuthn (never
// during server rendering, so a browser without it never sees a button that cannot work).
// A refusal (expired request, removed passkey, ...) is announced under the button.
import { useEffect, useState } from "react";
import { passkeysSupported, signInWithPasskey } from "@/components/auth/passkeys";
import { Button } from "@/components/ui/Button";
import { errorMessage } from "@/components/ui/FormDialog";
import { Spinner } from "@/components/ui/Spinner";

export function PasskeySignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [supported, setSupported] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setSupported(passkeysSupported()), []);
  if (!supported) return null;

  const signIn = async () => {
    setPending(true);
    setError(null);
    try {
      // A full page load, so the new session cookie is used from the first request.
      window.location.assign(await signInWithPasskey(callbackUrl));
    } catch (caught) {
      setError(errorMessage(caught));
      setPending(false);
    }
  };

  return (
    <section aria-label="Sign in with a passkey" className="mt-6 space-y-2">
      <Button
        variant="primary"
        className="w-full"
        onClick={signIn}
        disabled={pending}
        aria-busy={pending}
      >
        {pending ? <Spinner size="sm" label="Waiting for your passkey" /> : null}
        Sign in with a passkey
      </Button>
      <p role="alert" className="min-h-5 text-sm text-danger">
        {error ?? ""}
      </p>
    </section>
  );
}
