// A reverse proxy like the one a real deployment puts in front of Next.js (nginx with
// `proxy_add_x_forwarded_for`): it forwards every request to the app and appends the
// address it was reached from to X-Forwarded-For. The end-to-end harness runs the
// production build behind it with TRUSTED_PROXY_HOPS=1, so the app reads client IPs the
// way it does in production, and whatever a client puts in X-Forwarded-For stays the
// client's word, to the left of the entry this proxy appends.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ForwardingProxy = { port: number; close(): Promise<void> };

/** The socket's address as a proxy writes it ("::ffff:127.0.0.1" is plain 127.0.0.1). */
function peerAddress(socket: { remoteAddress?: string }): string {
  return (socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}

export async function startForwardingProxy(options: {
  host: string;
  port: number;
  /** The app, e.g. { host: "127.0.0.1", port: 3150 }. */
  target: { host: string; port: number };
}): Promise<ForwardingProxy> {
  const server = http.createServer((req, res) => {
    const forwardedFor = [req.headers["x-forwarded-for"], peerAddress(req.socket)]
      .filter((part) => part !== undefined && part !== "")
      .join(", ");
    const upstream = http.request(
      {
        host: options.target.host,
        port: options.target.port,
        method: req.method,
        path: req.url,
        // A fresh connection per request (loopback, cheap): a pooled one that the app
        // closed while idle would fail the next request with a spurious 502.
        agent: false,
        headers: { ...req.headers, "x-forwarded-for": forwardedFor },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("The app is not answering.\n");
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
