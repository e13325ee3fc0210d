// Sign-out as a server-action form: deletes this device's session (and with it its
// carts and settings, in Convex) and returns to the landing page.
import { cn } from "@/components/ui/cn";
import { signOutAction } from "./actions";

export function SignOutButton({ className, label = "Sign out" }: { className?: string; label?: string }) {
  return (
    // data-sign-out: SessionWatch then knows this sign-out is wanted, not a revocation.
    <form action={signOutAction} data-sign-out="">
      <button type="submit" className={cn("w-full text-left", className)}>
        {label}
      </button>
    </form>
  );
}
