// Middleware, on every request but static files: it gives the response its security
// headers (a Content-Security-Policy with a fresh nonce, which Next.js and the root
// layout put on their scripts), and for the signed-in area it decides only "is there a
// session cookie at all?", redirecting to sign-in with a return URL when there is none.
// It never calls Convex: the page checks the session for real, once, via the cached
// auth() (server/session.ts), and gets the requested path so it can come back to it.
import { NextResponse, type NextRequest } from "next/server";
import { getServerEnv } from "@/lib/env";
import { NONCE_HEADER, RETURN_TO_HEADER, signInUrl } from "@/lib/routes";
import {
  contentSecurityPolicy,
  cspSourcesOf,
  newNonce,
  staticSecurityHeaders,
} from "@/lib/security-headers";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREA = [/^\/account(\/|$)/, /^\/admin(\/|$)/, /^\/s\/[^/]+\/(checkout|staff)(\/|$)/];

function hasSessionCookie(request: NextRequest): boolean {
  // Auth.js splits large cookies into `.0`, `.1`…; a database session token never is,
  // but accept the chunked form so a change of strategy cannot lock people out.
  return request.cookies
    .getAll()
    .some(
      ({ name, value }) =>
        value !== "" &&
        SESSION_COOKIES.some((base) => name === base || name.startsWith(`${base}.`)),
    );
}

export function middleware(request: NextRequest) {
  const env = getServerEnv();
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, cspSourcesOf(env));
  const { pathname, search } = request.nextUrl;
  const returnTo = `${pathname}${search}`;

  let response: NextResponse;
  if (SIGNED_IN_AREA.some((area) => area.test(pathname)) && !hasSessionCookie(request)) {
    response = NextResponse.redirect(new URL(signInUrl(returnTo), env.AUTH_URL));
  } else {
    // Next.js reads the nonce from the request's CSP header for its own scripts.
    const forwarded = new Headers(request.headers);
    forwarded.set("Content-Security-Policy", csp);
    forwarded.set(NONCE_HEADER, nonce);
    forwarded.set(RETURN_TO_HEADER, returnTo);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of staticSecurityHeaders({ https: env.AUTH_URL.startsWith("https:") })) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Node.js, not the edge: it reads the server env at run time, as the rest of the app does.
  runtime: "nodejs",
  // Everything but Next.js's hashed static files and image optimiser (headers for those
  // come from next.config.ts).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
