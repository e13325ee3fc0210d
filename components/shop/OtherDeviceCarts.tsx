"use client";
// "Your other devices' carts": the carts the same person keeps on their other signed-in
// devices in this store (Convex only returns the caller's own sessions), each with a
// way to copy it into this device's cart.
import { useState } from "react";
import { useLiveAuth, useLiveMutation, useLiveQuery } from "@/components/live/hooks";
import { Button } from "@/components/ui/Button";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { messageOf } from "./cart";
import { LiveMessage } from "./LiveMessage";
import { Price } from "./Price";

export function OtherDeviceCarts({ storeId }: { storeId: Id<"stores"> }) {
  const { isAuthenticated } = useLiveAuth();
  const others = useLiveQuery(api.carts.otherDevices, isAuthenticated ? { storeId } : "skip");
  const mutate = useLiveMutation();
  const [status, setStatus] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [busy, setBusy] = useState<Id<"sessions"> | null>(null);

  if (others.status !== "success" || others.data.length === 0) {
    // Nothing to offer; the live region stays so a late result is still announced.
    return <LiveMessage message={status?.text ?? null} tone={status?.tone} />;
  }
  return (
    <section aria-labelledby="other-devices-heading" className="mt-8 border-t border-border pt-6">
      <h3 id="other-devices-heading" className="font-semibold">
        Your other devices&apos; carts
      </h3>
      <ul className="mt-3 space-y-4">
        {others.data.map((device) => (
          <li
            key={device.sessionId}
            aria-label={`Cart on ${device.deviceName}`}
            className="rounded-md border border-border p-3"
          >
            <p className="text-sm font-medium">{device.deviceName}</p>
            <ul className="mt-1 text-sm text-muted-foreground">
              {device.cart.lines.map((line) => (
                <li key={line.productId}>
                  {line.quantity} × {line.name}
                </li>
              ))}
            </ul>
            <div className="mt-2 flex items-center justify-between gap-2">
              <Price
                minor={device.cart.subtotalMinor}
                currency={device.cart.currency}
                className="text-sm"
              />
              <Button
                size="sm"
                variant="secondary"
                disabled={busy !== null}
                onClick={async () => {
                  setBusy(device.sessionId);
                  setStatus(null);
                  try {
                    const result = await mutate(api.carts.copyFromDevice, {
                      storeId,
                      fromSessionId: device.sessionId,
                    });
                    const copied =
                      result.copied === 0
                        ? "Nothing was copied."
                        : `Copied ${result.copied} ${result.copied === 1 ? "item" : "items"} from ${device.deviceName}.`;
                    setStatus({ text: [copied, ...result.notes].join(" "), tone: "info" });
                  } catch (error) {
                    setStatus({ text: messageOf(error), tone: "error" });
                  } finally {
                    setBusy(null);
                  }
                }}
              >
                Copy to this device
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <LiveMessage message={status?.text ?? null} tone={status?.tone} className="mt-2" />
    </section>
  );
}
