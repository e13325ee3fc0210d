// A polite live region for the result of a cart action. Always rendered, so the region
// exists before a message appears in it (screen readers ignore regions added late).
import { cn } from "@/components/ui/cn";

export function LiveMessage({
  message,
  tone = "error",
  className,
}: {
  message: string | null;
  tone?: "error" | "info";
  className?: string;
}) {
  return (
    <p
      aria-live="polite"
      className={cn(
        "min-h-5 text-sm",
        tone === "error" ? "text-danger" : "text-muted-foreground",
        className,
      )}
    >
      {message ?? ""}
    </p>
  );
}
