// /account/security: the passkeys of this account (add, see, remove). The account layout
// has already checked the session; the list is preloaded here (the page's one Convex
// call) and live in ./PasskeysPanel.
import type { Metadata } from "next";
import { api } from "@/convex/_generated/api";
import { convexAsDevice, redirectIfSignedOut } from "@/server/convex";
import { PasskeysPanel } from "./PasskeysPanel";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const returnTo = "/account/security";
  const convex = await convexAsDevice(returnTo);
  const preloaded = await convex.preload(api.passkeys.listMine, {}).catch((error: unknown) => {
    redirectIfSignedOut(error, returnTo);
    throw error;
  });
  return (
    <div>
      <h1 className="text-2xl font-bold">Security</h1>
      <p className="mt-1 max-w-prose text-muted-foreground">
        Passkeys let you sign in with your fingerprint, face or device PIN instead of an e-mail link
        or another account. Each one stays on the device or password manager that made it.
      </p>
      <div className="mt-6">
        <PasskeysPanel preloaded={preloaded} />
      </div>
    </div>
  );
}
