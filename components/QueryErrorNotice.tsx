// What a signed-in page shows when its live query fails: a calm warning when this
// device was signed out (SessionWatch is already taking the page away), else the
// page's own message.
import { Notice } from "@/components/ui/Notice";
import { appErrorData, ErrorCode } from "@/convex/errors";

export function QueryErrorNotice({ error, message }: { error: Error; message: string }) {
  const signedOut = appErrorData(error)?.code === ErrorCode.UNAUTHENTICATED;
  return (
    <Notice tone={signedOut ? "warning" : "error"}>
      {signedOut ? "This device is no longer signed in." : message}
    </Notice>
  );
}
