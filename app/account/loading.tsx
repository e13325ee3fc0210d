// Shown while an account page loads (streamed inside the account shell, after its
// session check, so a redirect to sign-in stays a real HTTP redirect).
import { Spinner } from "@/components/ui/Spinner";

export default function Loading() {
  return (
    <div className="flex justify-center py-24 text-muted-foreground">
      <Spinner size="lg" label="Loading page" />
    </div>
  );
}
