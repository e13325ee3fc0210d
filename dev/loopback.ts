// Loopback guard for the dev servers that show data: the local backend's data browser and the
// mail catcher. Binding to 127.0.0.1 keeps other machines out, but not DNS rebinding: a page the
// developer visits at evil.example can re-point its own name at 127.0.0.1, and the browser then
// sends `Host: evil.example` to our port and lets that page read the answer. So a request must
// both come from this machine and name this machine in its `Host` header.
import { isIPv4 } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isLoopbackHostname } from "../lib/loopback";

/** The connection comes from this machine: 127.0.0.0/8, ::1, or IPv4-mapped 127.x. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return address === "::1" || (isIPv4(v4) && v4.startsWith("127."));
}

// host[:port], where host is a bracketed IPv6 literal or a DNS name / IPv4 address. Anything else
// (userinfo, a path, spaces) is not a Host a browser sends.
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i;

/**
 * The `Host` header names this machine: `localhost`, `*.localhost`, `127.x.y.z` or `[::1]`, with or
 * without a port. Browsers send IP hosts in canonical form, so other spellings are refused.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  const match = host === undefined ? null : HOST_HEADER.exec(host);
  // `localhost` and `*.localhost` (RFC 6761) are always loopback: browsers answer them without
  // DNS, so a rebinding page can never carry such a name.
  return match !== null && isLoopbackHostname(match[1]);
}

/** Why this request may not be served, or null when it is loopback by connection and by Host. */
export function loopbackRefusal(req: IncomingMessage): string | null {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    return "Refused: this dev server only answers connections from this machine.";
  }
  if (!isLoopbackHost(req.headers.host)) {
    const host = JSON.stringify((req.headers.host ?? "").slice(0, 100));
    return `Refused: Host ${host} is not a loopback name; use localhost or 127.0.0.1 (DNS rebinding guard).`;
  }
  return null;
}

/**
 * Answers 403 with a one-line plain-text reason and returns true when the request is not from and
 * for this machine; returns false (and writes nothing) when it may be served.
 */
export function refuseNonLoopback(req: IncomingMessage, res: ServerResponse): boolean {
  const reason = loopbackRefusal(req);
  if (reason === null) return false;
  res.writeHead(403, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(`${reason}\n`);
  return true;
}
