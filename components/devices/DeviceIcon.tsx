// Inline SVG icons for a session's device type, so the devices page and the admin
// console need no icon font or image request. Decorative: the type is also in text.
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type DeviceKind =
  "desktop" | "mobile" | "tablet" | "tv" | "bot" | "unknown";

const paths: Record<DeviceKind, ReactNode> = {
  desktop: (
    <>
      <rect x="3" y="4" width="18" height="12" rx="1.5" />
      <path d="M8 20h8M12 16v4" />
    </>
  ),
  mobile: (
    <>
      <rect x="7" y="2.5" width="10" height="19" rx="2" />
      <path d="M11 18.5h2" />
    </>
  ),
  tablet: (
    <>
      <rect x="4.5" y="2.5" width="15" height="19" rx="2" />
      <path d="M11 18.5h2" />
    </>
  ),
  tv: (
    <>
      <rect x="2.5" y="5" width="19" height="12" rx="1.5" />
      <path d="M7 21h10M9 17l-1 4M15 17l1 4" />
    </>
  ),
  bot: (
    <>
      <rect x="5" y="8" width="14" height="11" rx="2" />
      <path d="M12 4v4M9 13h.01M15 13h.01M9.5 16h5" />
    </>
  ),
  unknown: (
    <>
      <rect x="4" y="4" width="16" height="16" rx="2" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.7M12 17h.01" />
    </>
  ),
};

/** What to call a device type in text (screen readers, tooltips, the admin table). */
export const deviceKindNames: Record<DeviceKind, string> = {
  desktop: "Computer",
  mobile: "Phone",
  tablet: "Tablet",
  tv: "TV",
  bot: "Automated client",
  unknown: "Unknown device",
};

export function DeviceIcon({
  kind,
  className,
}: {
  kind: DeviceKind | null;
  className?: string;
}) {
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
      {paths[kind ?? "unknown"]}
    </svg>
  );
}
