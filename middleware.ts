// Middleware only decides "is there a session cookie at all?" for the signed-in area
// and redirects to sign-in with a return URL when there is none. It never calls
// Convex: the page checks the session for real, once, via the cached auth()
// (server/session.ts). It also passes the requested path on, so that check can return
// the visitor to the same place if the cookie turns out to be stale.
import { NextResponse, type NextRequest } from "next/server";
import { RETURN_TO_HEADER, signInUrl } from "@/lib/routes";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const returnTo = `${pathname}${search}`;
  // Auth.js splits large cookies into `.0`, `.1`…; a database session token never is,
  // but accept the chunked form so a change of strategy cannot lock people out.
  const hasSession = request.cookies
    .getAll()
    .some(({ name, value }) =>
      value !== "" && SESSION_COOKIES.some((base) => name === base || name.startsWith(`${base}.`)),
    );
  if (!hasSession) {
    return NextResponse.redirect(new URL(signInUrl(returnTo), request.url));
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(RETURN_TO_HEADER, returnTo);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  matcher: [
    "/account/:path*",
    "/admin/:path*",
    "/s/:store/checkout/:path*",
    "/s/:store/staff/:path*",
  ],
};
