// sendEmail against a stand-in for Resend's HTTP API (the RESEND_BASE_URL route): it must send
// both bodies, the sender and the subject, and turn an API refusal into a clear error.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createElement } from "react";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
// The fake Resend API's URL is only known once it listens; the env mock reads it late.
const fakeApi = { url: "" };
vi.mock("@/lib/env", () => ({
  getServerEnv: () => ({
    providers: {
      email: { apiKey: "re_test_key", from: "Shop <shop@example.com>", baseUrl: fakeApi.url },
    },
  }),
}));

type Received = { auth: string | undefined; body: Record<string, unknown> };
let server: Server;
let received: Received[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: { id: "msg_1" } };

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push({ auth: req.headers.authorization, body: await readJson(req) });
    res.writeHead(reply.status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fakeApi.url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  reply = { status: 200, body: { id: "msg_1" } };
});

describe("sendEmail", () => {
  it("sends HTML and plain text through the resend SDK", async () => {
    const { sendEmail } = await import("./email");
    const result = await sendEmail({
      to: "ada@example.com",
      subject: "Hello",
      react: createElement("p", null, "Visit https://shop.example/x"),
    });
    expect(result).toEqual({ id: "msg_1" });
    expect(received).toHaveLength(1);
    const [{ auth, body }] = received as [Received];
    expect(auth).toBe("Bearer re_test_key");
    expect(body.from).toBe("Shop <shop@example.com>");
    expect(body.to).toBe("ada@example.com");
    expect(body.subject).toBe("Hello");
    expect(body.html).toContain("<p>Visit https://shop.example/x</p>");
    expect(body.text).toBe("Visit https://shop.example/x");
  });

  it("names the recipient and the API's reason when sending is refused", async () => {
    reply = {
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." },
    };
    const { sendEmail, EmailSendError } = await import("./email");
    const sending = sendEmail({ to: "bad", subject: "Hello", react: createElement("p", null, "x") });
    await expect(sending).rejects.toBeInstanceOf(EmailSendError);
    await expect(sending).rejects.toThrow(/"Hello" to bad failed \(validation_error: Invalid `to` field\.\)/);
  });
});
