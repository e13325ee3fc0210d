// The 404 page for unknown routes (and `notFound()` calls, e.g. an unknown store).
import Link from "next/link";
import { buttonClasses } from "@/components/ui/Button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 className="mt-2 text-3xl font-bold">Page not found</h1>
      <p className="mt-3 text-muted-foreground">
        The page you asked for does not exist, or you do not have access to it.
      </p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-8")}>
        Back to the home page
      </Link>
    </div>
  );
}
