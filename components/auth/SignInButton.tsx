// The header's "Sign in" button: a form so it works without JavaScript, and a server
// action so a device that is already signed in skips the sign-in screen.
import { buttonClasses } from "@/components/ui/Button";
import { signInShortcut } from "./actions";

export function SignInButton({ className }: { className?: string }) {
  return (
    <form action={signInShortcut}>
      <button type="submit" className={buttonClasses("primary", "sm", className)}>
        Sign in
      </button>
    </form>
  );
}
