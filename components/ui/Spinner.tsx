// A small loading indicator. It carries an accessible label because a bare animation
// says nothing to a screen reader.
import { cn } from "./cn";

const sizes = { sm: "size-4 border-2", md: "size-6 border-2", lg: "size-10 border-4" } as const;

export function Spinner({
  size = "md",
  label = "Loading",
  className,
}: {
  size?: keyof typeof sizes;
  label?: string;
  className?: string;
}) {
  return (
    <span role="status" className={cn("inline-flex items-center", className)}>
      <span
        aria-hidden="true"
        className={cn(
          "animate-spin rounded-full border-current border-t-transparent opacity-80",
          sizes[size],
        )}
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}
