// Small HTTP helpers shared by the dev services (demo OpenID provider, mail catcher): listening
// with a clear "port busy" error, reading request bodies, closing servers without waiting for
// idle keep-alive sockets.
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Thrown when a dev service cannot bind its port; `start.ts` turns it into one line + exit 1. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `${service}: port ${port} on ${host} is already in use (is another dev stack running?)`,
    );
    this.name = "PortInUseError";
  }
}

/** Listens and resolves with the bound port (useful with port 0 in tests). */
export function listen(
  server: Server,
  service: string,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(
        error.code === "EADDRINUSE"
          ? new PortInUseError(service, host, port)
          : error,
      );
    };
    const onListening = () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Closes a server, dropping keep-alive connections so `close()` does not hang for seconds. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** Reads a request body as text, refusing bodies over `limit` bytes. */
export async function readBody(
  req: IncomingMessage,
  limit = 5 * 1024 * 1024,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** URL host part for a bind address: IPv6 literals need brackets. */
export function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
