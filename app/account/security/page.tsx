// /account/security: the passkeys of this account (add, see, remove). The account layout
// has already checked the session; the list itself is live from Convex (./PasskeysPanel).
import type { Metadata } from "next";
import { PasskeysPanel } from "./PasskeysPanel";

export const metadata: Metadata = { title: "Security" };

export default function SecurityPage() {
  return (
    <div>
      <h1 className="text-2xl font-bold">Security</h1>
      <p className="mt-1 max-w-prose text-muted-foreground">
        Passkeys let you sign in with your fingerprint, face or device PIN instead of an e-mail link
        or another account. Each one stays on the device or password manager that made it.
      </p>
      <div className="mt-6">
        <PasskeysPanel />
      </div>
    </div>
  );
}
