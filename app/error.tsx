"use client";
// Error boundary for every route below the root layout: a friendly message, a retry,
// and the digest so a report can be matched with the server log.
import { useEffect } from "react";
import { Button } from "@/components/ui/Button";

export default function RouteError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="mt-3 text-muted-foreground">
        We could not show this page. Try again; if it keeps happening, come back a little later.
      </p>
      {error.digest ? (
        <p className="mt-2 font-mono text-xs text-muted-foreground">Reference: {error.digest}</p>
      ) : null}
      <Button className="mt-8" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
