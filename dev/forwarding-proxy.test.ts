// The e2e harness's stand-in for a production proxy: requests reach the app unchanged but
// for the address appended to X-Forwarded-For, and streamed answers stream through.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startForwardingProxy, type ForwardingProxy } from "./forwarding-proxy";

let app: http.Server;
let proxy: ForwardingProxy;
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  app = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { "content-type": "text/plain", "set-cookie": ["a=1", "b=2"] });
    res.write(`${req.method} ${req.url}\n`);
    setTimeout(() => res.end("done\n"), 20);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
  proxy = await startForwardingProxy({
    host: "127.0.0.1",
    port: 0,
    target: { host: "127.0.0.1", port: (app.address() as AddressInfo).port },
  });
});

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => app.close(resolve));
});

it("appends the connecting address after whatever the client claimed", async () => {
  const base = `http://127.0.0.1:${proxy.port}`;
  const plain = await fetch(`${base}/a?b=1`);
  expect(await plain.text()).toBe("GET /a?b=1\ndone\n");
  expect(plain.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  expect(seen.at(-1)?.["x-forwarded-for"]).toBe("127.0.0.1");

  await fetch(base, { headers: { "x-forwarded-for": "203.0.113.66" } });
  expect(seen.at(-1)?.["x-forwarded-for"]).toBe("203.0.113.66, 127.0.0.1");
  expect(seen.at(-1)?.host).toBe(`127.0.0.1:${proxy.port}`);
});

it("forwards bodies", async () => {
  const answer = await fetch(`http://127.0.0.1:${proxy.port}/form`, { method: "POST", body: "x=1" });
  expect(await answer.text()).toBe("POST /form\ndone\n");
});
