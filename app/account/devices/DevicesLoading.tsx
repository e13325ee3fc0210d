// What the devices page shows until the list arrives: two placeholder rows, hidden from
// screen readers, which hear one status line instead.
function DeviceSkeleton() {
  return (
    <li aria-hidden="true" className="flex gap-4 rounded-lg border border-border p-4">
      <span className="size-10 shrink-0 animate-pulse rounded-full bg-muted" />
      <span className="flex-1 space-y-2">
        <span className="block h-4 w-40 animate-pulse rounded bg-muted" />
        <span className="block h-3 w-24 animate-pulse rounded bg-muted" />
        <span className="block h-3 w-56 animate-pulse rounded bg-muted" />
      </span>
    </li>
  );
}

export function DevicesLoading() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">
        Loading your devices
      </p>
      <ul className="space-y-3">
        <DeviceSkeleton />
        <DeviceSkeleton />
      </ul>
    </div>
  );
}
