// Test helper for the dev servers' tests: one HTTP request with a chosen `Host` header, which
// `fetch` cannot send (it always derives Host from the URL), to play a DNS-rebinding browser.
import { request } from "node:http";

export type RawResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** Sends `method path` to the server at `url` (its origin is used) with `Host: host`. */
export function requestWithHost(
  url: string,
  host: string,
  path = "/",
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ""),
        port: target.port,
        path,
        method: init.method ?? "GET",
        headers: { ...init.headers, Host: host },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
