"use client";
// The current time, refreshed on an interval, so "5 minutes ago" keeps counting while
// the page stays open (queries re-run on data changes, not on the clock).
import { useEffect, useState } from "react";

export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
