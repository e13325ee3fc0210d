"use client";
// A thin wrapper over Radix Dialog: focus trap, Escape to close and return of focus
// come from Radix; we add the title and description every dialog must have, our
// styles, and a `side` variant for drawers (the cart).
import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { cn } from "./cn";

export const DialogRoot = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

const panels = {
  center:
    "left-1/2 top-1/2 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg",
  right: "right-0 top-0 h-full w-full max-w-md overflow-y-auto",
} as const;

export type DialogContentProps = {
  title: ReactNode;
  /** Required: Radix warns without one and screen readers read it on open. */
  description: ReactNode;
  /** Hide the description visually while keeping it for assistive technology. */
  hideDescription?: boolean;
  side?: keyof typeof panels;
  children?: ReactNode;
  className?: string;
  /** Where focus goes on close when the dialog has no `DialogTrigger` (default: Radix's). */
  onCloseAutoFocus?: (event: Event) => void;
};

export function DialogContent({
  title,
  description,
  hideDescription,
  side = "center",
  children,
  className,
  onCloseAutoFocus,
}: DialogContentProps) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
      <RadixDialog.Content
        onCloseAutoFocus={onCloseAutoFocus}
        className={cn(
          "fixed z-50 border border-border bg-background p-6 text-foreground shadow-xl",
          "focus-visible:outline-none",
          panels[side],
          className,
        )}
      >
        <div className="flex items-start justify-between gap-4">
          <RadixDialog.Title className="text-lg font-semibold">{title}</RadixDialog.Title>
          <RadixDialog.Close
            className="rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground"
            aria-label="Close"
          >
            <span aria-hidden="true">✕</span>
          </RadixDialog.Close>
        </div>
        <RadixDialog.Description
          className={cn("mt-1 text-sm text-muted-foreground", hideDescription && "sr-only")}
        >
          {description}
        </RadixDialog.Description>
        <div className="mt-4">{children}</div>
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}

/** Convenience: a trigger and its content in one element. */
export function Dialog({
  trigger,
  open,
  onOpenChange,
  ...content
}: DialogContentProps & {
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger> : null}
      <DialogContent {...content} />
    </RadixDialog.Root>
  );
}
