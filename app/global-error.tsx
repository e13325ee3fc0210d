"use client";
// Last resort when the root layout itself fails (e.g. the backend is unreachable while
// reading the session). It must render its own <html> and cannot use our CSS.
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center" }}>
        <h1>Something went wrong</h1>
        <p>The site could not load. Please try again in a moment.</p>
        {error.digest ? <p style={{ fontSize: 12, color: "#666" }}>Reference: {error.digest}</p> : null}
        <button type="button" onClick={reset} style={{ marginTop: 24, padding: "8px 16px" }}>
          Try again
        </button>
      </body>
    </html>
  );
}
