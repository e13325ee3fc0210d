// Site footer: small print only.
import { BRAND_NAME } from "@/lib/brand";

export function SiteFooter() {
  return (
    <footer className="border-t border-border">
      <div className="mx-auto max-w-6xl px-4 py-6 text-xs text-muted-foreground">
        {BRAND_NAME} · a reference app for Next.js, Auth.js and Convex. Payments are simulated.
      </div>
    </footer>
  );
}
