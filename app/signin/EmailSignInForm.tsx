"use client";
// The magic-link form. It posts to a server action, so it works without JavaScript;
// with JavaScript, the error shows inline (aria-live) without a page load.
import { useActionState } from "react";
import { Field } from "@/components/ui/Field";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { requestMagicLink, type EmailFormState } from "./actions";

const initial: EmailFormState = { error: null, email: "" };

export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(requestMagicLink, initial);
  return (
    <form action={action} noValidate className="space-y-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        label="E-mail address"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        placeholder="name@example.com"
        required
        defaultValue={state.email}
        error={state.error}
      />
      <SubmitButton className="w-full" pendingLabel="Sending link">
        E-mail me a sign-in link
      </SubmitButton>
    </form>
  );
}
