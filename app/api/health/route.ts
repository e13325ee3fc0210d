// Liveness probe for process managers and the end-to-end harness: answers without touching
// Convex or the session, so it says only that this Next.js server is up.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
