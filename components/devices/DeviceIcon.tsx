// Inline SVG icons for a session's device type, so the devices page and the admin
// console need no icon font or image request. Decorative: the type is also in text.
// Every icon is one outline (a rounded rectangle) and one detail path.
import type { DeviceType } from "@/convex/shared/devices";
import { cn } from "@/components/ui/cn";

type Shape = { x: number; y: number; width: number; height: number; rx: number; d: string };

const shapes: Record<DeviceType, Shape> = {
  desktop: { x: 3, y: 4, width: 18, height: 12, rx: 1.5, d: "M8 20h8M12 16v4" },
  mobile: { x: 7, y: 2.5, width: 10, height: 19, rx: 2, d: "M11 18.5h2" },
  tablet: { x: 4.5, y: 2.5, width: 15, height: 19, rx: 2, d: "M11 18.5h2" },
  tv: { x: 2.5, y: 5, width: 19, height: 12, rx: 1.5, d: "M7 21h10M9 17l-1 4M15 17l1 4" },
  bot: { x: 5, y: 8, width: 14, height: 11, rx: 2, d: "M12 4v4M9 13h.01M15 13h.01M9.5 16h5" },
  unknown: {
    x: 4,
    y: 4,
    width: 16,
    height: 16,
    rx: 2,
    d: "M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.7M12 17h.01",
  },
};

export function DeviceIcon({ kind, className }: { kind: DeviceType | null; className?: string }) {
  const { d, ...outline } = shapes[kind ?? "unknown"];
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={cn("size-6 shrink-0", className)}
    >
      <rect {...outline} />
      <path d={d} />
    </svg>
  );
}
