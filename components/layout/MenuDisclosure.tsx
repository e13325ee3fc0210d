"use client";
// A dropdown built on <details>/<summary>: it opens and is keyboard-usable without
// JavaScript. With JavaScript we add what <details> lacks: close on Escape (focus back
// on the button), on a click outside, and after navigating.
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export function MenuDisclosure({
  label,
  summary,
  children,
  className,
  panelClassName,
}: {
  /** Says what the toggle opens, e.g. "Account menu"; read after the visible summary. */
  label: string;
  /** What the toggle shows (avatar, initials, "Menu"). */
  summary: ReactNode;
  children: ReactNode;
  className?: string;
  panelClassName?: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  const summaryId = useId();
  const labelId = useId();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) {
        details.open = false;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointerDown);
    details.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      details.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return (
    <details ref={ref} className={cn("group relative", className)}>
      {/* The name starts with what the toggle shows (a name, "Menu") and ends with what it
          opens, so speech input ("click Dana Demo") and screen readers agree (WCAG 2.5.3). */}
      <summary
        aria-labelledby={`${summaryId} ${labelId}`}
        className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-muted [&::-webkit-details-marker]:hidden"
      >
        <span id={summaryId} className="flex items-center gap-2">
          {summary}
        </span>
        <span id={labelId} className="sr-only">
          {label}
        </span>
        <span aria-hidden="true" className="text-xs text-muted-foreground transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div
        className={cn(
          "absolute right-0 z-30 mt-2 w-56 rounded-md border border-border bg-background p-1 shadow-lg",
          panelClassName,
        )}
      >
        {children}
      </div>
    </details>
  );
}
