// The loopback guard shared by the data browser and the mail catcher: which Host headers and
// connections count as this machine, and the refusal a server sends otherwise.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServer } from "./http";
import { requestWithHost } from "./http-testing";
import { isLoopbackAddress, isLoopbackHost, refuseNonLoopback } from "./loopback";

describe("isLoopbackHost", () => {
  it.each([
    "localhost",
    "localhost:3210",
    "LOCALHOST:4020",
    "app.localhost",
    "a.b.localhost:3000",
    "127.0.0.1",
    "127.0.0.1:4020",
    "127.1.2.3:80",
    "127.255.255.255",
    "[::1]",
    "[::1]:3210",
  ])("accepts %s", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    undefined,
    "",
    "evil.example",
    "evil.example:4020",
    // Rebinding-style names that merely start or end like loopback.
    "127.0.0.1.evil.example",
    "127.0.0.1.nip.io:3210",
    "localhost.evil.example",
    "evillocalhost",
    "evil-localhost:3210",
    "localhost.",
    ".localhost",
    "a..localhost",
    // Other machines and non-canonical spellings a browser never sends.
    "0.0.0.0:3210",
    "10.0.0.1",
    "128.0.0.1",
    "127.0.0.256",
    "127.1",
    "2130706433",
    "[::]",
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:0:0:1]",
    "::1",
    // Not a bare host[:port].
    "localhost:3210@evil.example",
    "evil.example#@localhost",
    "localhost/evil",
    "localhost:port",
    "localhost:123456",
    "localhost evil.example",
  ])("refuses %s", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("isLoopbackAddress", () => {
  it.each(["127.0.0.1", "127.0.1.1", "::1", "::ffff:127.0.0.1"])("accepts %s", (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });
  it.each([undefined, "", "10.0.0.2", "::ffff:10.0.0.2", "::", "0.0.0.0", "fe80::1"])(
    "refuses %s",
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false);
    },
  );
});

describe("refuseNonLoopback on a real server", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!refuseNonLoopback(req, res)) res.end("served");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => closeServer(server));

  const get = (host: string) => requestWithHost(`http://127.0.0.1:${port}`, host);

  it("serves localhost and 127.0.0.1 and refuses a foreign Host with one plain-text line", async () => {
    expect((await get(`localhost:${port}`)).body).toBe("served");
    expect((await get(`127.0.0.1:${port}`)).body).toBe("served");
    const refused = await get("evil.example");
    expect(refused.status).toBe(403);
    expect(refused.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(refused.body).toMatch(/^Refused: Host "evil\.example" is not a loopback name.*\n$/);
    expect(refused.body.trimEnd()).not.toContain("\n");
  });
});
