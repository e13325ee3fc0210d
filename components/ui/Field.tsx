// A labelled form field with optional hint and error. It wires the ids for us
// (label → input, aria-describedby → hint/error) so every form gets them right.
import { useId, type ReactNode } from "react";
import { Input, type InputProps } from "./Input";
import { cn } from "./cn";

export type FieldProps = InputProps & {
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the input and announced; also marks the input invalid. */
  error?: string | null;
  containerClassName?: string;
};

export function Field({ label, hint, error, id, containerClassName, ...inputProps }: FieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = `${inputId}-error`;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", containerClassName)}>
      <label htmlFor={inputId} className="block text-sm font-medium">
        {label}
      </label>
      <Input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...inputProps}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** The error line under a control, for fields `Field` does not cover (radios, selects). */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  // Always rendered so the live region exists before an error appears in it.
  return (
    <p id={id} aria-live="polite" className="min-h-5 text-sm text-danger">
      {error ?? ""}
    </p>
  );
}
