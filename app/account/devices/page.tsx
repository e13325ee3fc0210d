// /account/devices: where this account is signed in. The account layout has already
// checked the session; the list itself is live from Convex (./DevicesPanel).
import type { Metadata } from "next";
import { QueryErrorBoundary } from "@/components/QueryErrorBoundary";
import { DevicesPanel } from "./DevicesPanel";

export const metadata: Metadata = { title: "Devices" };

export default function DevicesPage() {
  return (
    <div>
      <h1 className="text-2xl font-bold">Devices</h1>
      <p className="mt-1 max-w-prose text-muted-foreground">
        Everywhere you are signed in. Each device keeps its own cart and
        settings. If you don&apos;t recognise one, sign it out: it loses access
        at once.
      </p>
      <div className="mt-6">
        <QueryErrorBoundary message="Your devices could not be loaded. Reload the page to try again.">
          <DevicesPanel />
        </QueryErrorBoundary>
      </div>
    </div>
  );
}
