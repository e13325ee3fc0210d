// An inline message box (info / success / warning / error). Errors use role="alert"
// so they are announced at once; the others are polite status messages.
import type { ReactNode } from "react";
import { cn } from "./cn";

export type NoticeTone = "info" | "success" | "warning" | "error";

const tones: Record<NoticeTone, string> = {
  info: "border-border bg-muted text-foreground",
  success: "border-success/40 bg-success/10 text-foreground",
  warning: "border-amber-500/40 bg-amber-500/10 text-foreground",
  error: "border-danger/40 bg-danger/10 text-foreground",
};

export function Notice({
  tone = "info",
  title,
  children,
  className,
}: {
  tone?: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
