"use client";
// A sign-out of many devices runs in batches for a few seconds; this line counts it down
// live ("Signing out 9 800 devices… 4 200 left") and reports the end.
import { useEffect, useRef } from "react";
import type { DevicesOverview } from "./useMyDevices";

export function countOf(count: number, locale: string | undefined): string {
  return count.toLocaleString(locale);
}

export function SignOutProgress({
  progress,
  locale,
  onDone,
}: {
  progress: DevicesOverview["signingOut"];
  locale: string | undefined;
  onDone: (message: string) => void;
}) {
  // The last progress seen, to say how many went once the job row is gone.
  const last = useRef<DevicesOverview["signingOut"]>(null);
  useEffect(() => {
    if (progress === null && last.current !== null) {
      const total = last.current.total;
      onDone(
        total === null
          ? "All the other devices are signed out."
          : `Signed out ${countOf(total, locale)} ${total === 1 ? "device" : "devices"}.`,
      );
    }
    last.current = progress;
  }, [progress, locale, onDone]);

  if (progress === null) return null;
  const { total, ended } = progress;
  return (
    <p role="status" aria-live="polite" className="text-sm font-medium">
      {total === null
        ? `Signing out devices… ${countOf(ended, locale)} signed out so far.`
        : `Signing out ${countOf(total, locale)} ${total === 1 ? "device" : "devices"}… ${countOf(
            Math.max(total - ended, 0),
            locale,
          )} left.`}
    </p>
  );
}
