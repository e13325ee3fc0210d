// Whether a host name means "this machine": what dev-only settings must point at, and
// what may serve a production build over plain http (the end-to-end harness). Pure.

/** localhost, *.localhost (RFC 6761), 127.0.0.0/8 and ::1, as a URL's `hostname` gives them. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (/^(?:[a-z0-9-]+\.)*localhost$/.test(host)) return true;
  if (host === "::1") return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
}

/** Whether an absolute URL points at this machine. */
export function isLoopbackUrl(url: string): boolean {
  return URL.canParse(url) && isLoopbackHostname(new URL(url).hostname);
}
