// /account/settings: this device's settings (theme, number and date format, device
// name), stored per session in Convex. A new sign-in on the same browser starts over
// with the defaults, because each session is its own device. The settings are preloaded
// here (the page's one Convex call) and live in the form.
import type { Metadata } from "next";
import { api } from "@/convex/_generated/api";
import { convexAsDevice, redirectIfSignedOut } from "@/server/convex";
import { SettingsForm } from "./SettingsForm";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const returnTo = "/account/settings";
  const convex = await convexAsDevice(returnTo);
  const preloaded = await convex.preload(api.settings.mine, {}).catch((error: unknown) => {
    redirectIfSignedOut(error, returnTo);
    throw error;
  });
  return (
    <div>
      <h1 className="text-2xl font-bold">Settings</h1>
      <p className="mt-1 max-w-prose text-muted-foreground">
        These apply to this device only. Your other devices keep their own.
      </p>
      <div className="mt-6">
        <SettingsForm preloaded={preloaded} />
      </div>
    </div>
  );
}
