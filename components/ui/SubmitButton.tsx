"use client";
// A submit button for server-action forms: disabled with a spinner while the form's
// action runs. Without JavaScript it is a plain submit button, so forms still work.
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./Button";
import { Spinner } from "./Spinner";

export function SubmitButton({
  children,
  pendingLabel,
  disabled,
  ...props
}: Omit<ButtonProps, "type"> & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || disabled} aria-disabled={pending || disabled} {...props}>
      {pending ? <Spinner size="sm" label={pendingLabel ?? "Working"} /> : null}
      {children}
    </Button>
  );
}
