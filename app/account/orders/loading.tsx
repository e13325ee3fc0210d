// While the orders load: a labelled spinner in the page's place.
import { Spinner } from "@/components/ui/Spinner";

export default function OrdersLoading() {
  return (
    <div className="flex justify-center py-16 text-muted-foreground">
      <Spinner size="lg" label="Loading your orders" />
    </div>
  );
}
