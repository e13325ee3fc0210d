// Shown while a route's server components load (streamed): a quiet spinner.
import { Spinner } from "@/components/ui/Spinner";

export default function Loading() {
  return (
    <div className="flex justify-center py-24 text-muted-foreground">
      <Spinner size="lg" label="Loading page" />
    </div>
  );
}
