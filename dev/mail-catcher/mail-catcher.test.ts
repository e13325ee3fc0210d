// The mail catcher, fed by the real `resend` SDK (pointed at it with RESEND_BASE_URL, as the app
// is in dev) and read back through its JSON API and pages.
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requestWithHost } from "../http-testing";
import {
  startMailCatcher,
  type CaughtMessage,
  type MailCatcher,
} from "./index";

let catcher: MailCatcher;
let resend: Resend;
const previousBaseUrl = process.env.RESEND_BASE_URL;

beforeAll(async () => {
  catcher = await startMailCatcher({ port: 0 });
  process.env.RESEND_BASE_URL = catcher.url;
  // No baseUrl option: the SDK must pick the catcher up from RESEND_BASE_URL, like the app does.
  resend = new Resend("re_dev_local");
});

afterAll(async () => {
  if (previousBaseUrl === undefined) delete process.env.RESEND_BASE_URL;
  else process.env.RESEND_BASE_URL = previousBaseUrl;
  await catcher.close();
});

beforeEach(async () => {
  const res = await fetch(`${catcher.url}/api/messages`, { method: "DELETE" });
  expect(res.status).toBe(204);
});

async function latestFor(address: string): Promise<Response> {
  return fetch(
    `${catcher.url}/api/messages/latest?to=${encodeURIComponent(address)}`,
  );
}

describe("mail catcher", () => {
  it("accepts a send from the resend SDK and serves it through the JSON API", async () => {
    const magicLink =
      "http://localhost:3000/api/auth/callback/resend?token=abc&email=ada%40example.com";
    const { data, error } = await resend.emails.send({
      from: "Demo Shop <no-reply@demo.shop>",
      to: "Ada@Example.com",
      replyTo: "help@demo.shop",
      subject: "Sign in to Demo Shop",
      html: `<p>Hello</p><a href="${magicLink.replace(/&/g, "&amp;")}">Sign in</a>`,
      text: `Sign in: ${magicLink}`,
    });
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);

    const res = await latestFor("ada@example.com");
    expect(res.status).toBe(200);
    const message = (await res.json()) as CaughtMessage;
    expect(message).toMatchObject({
      id: data?.id,
      from: "Demo Shop <no-reply@demo.shop>",
      to: ["Ada@Example.com"],
      replyTo: ["help@demo.shop"],
      subject: "Sign in to Demo Shop",
      text: `Sign in: ${magicLink}`,
    });
    expect(message.links).toEqual([magicLink]);

    // The inbox lists it and the message page makes the link clickable.
    const inbox = await (await fetch(catcher.url)).text();
    expect(inbox).toContain(`href="/messages/${message.id}"`);
    const page = await (
      await fetch(`${catcher.url}/messages/${message.id}`)
    ).text();
    expect(page).toContain(`<a href="${magicLink.replace(/&/g, "&amp;")}"`);
    const frame = await fetch(`${catcher.url}/messages/${message.id}/html`);
    expect(frame.headers.get("content-security-policy")).toContain("sandbox");
    expect(await frame.text()).toContain("Sign in</a>");
  });

  it("lists messages for an address newest first and 404s the latest when there is none", async () => {
    for (const subject of ["first", "second"]) {
      const { error } = await resend.emails.send({
        from: "no-reply@demo.shop",
        to: ["bob@example.com"],
        subject,
        text: subject,
      });
      expect(error).toBeNull();
    }
    await resend.emails.send({
      from: "no-reply@demo.shop",
      to: "eve@example.com",
      subject: "other",
      text: "x",
    });

    const list = (await (
      await fetch(`${catcher.url}/api/messages?to=BOB@example.com`)
    ).json()) as CaughtMessage[];
    expect(list.map((m) => m.subject)).toEqual(["second", "first"]);

    const none = await latestFor("nobody@example.com");
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({
      error: "No message to nobody@example.com.",
    });

    await fetch(`${catcher.url}/api/messages`, { method: "DELETE" });
    expect((await latestFor("bob@example.com")).status).toBe(404);
  });

  it("refuses a body without a recipient with Resend's 422 error, and keeps nothing", async () => {
    const { data, error } = await resend.emails.send({
      from: "no-reply@demo.shop",
      to: [],
      subject: "No one",
      text: "hello",
    });
    expect(data).toBeNull();
    expect(error).toMatchObject({
      statusCode: 422,
      name: "missing_required_field",
      message: "Missing `to` field.",
    });
    expect(await (await fetch(`${catcher.url}/api/messages`)).json()).toEqual(
      [],
    );
  });

  it("names the field of a malformed address", async () => {
    const res = await fetch(`${catcher.url}/emails`, {
      method: "POST",
      headers: {
        authorization: "Bearer re_dev_local",
        "content-type": "application/json",
      },
      body: JSON.stringify({
        from: "not an address",
        to: "a@example.com",
        subject: "s",
        text: "t",
      }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { name: string; message: string };
    expect(body.name).toBe("validation_error");
    expect(body.message).toContain("Invalid `from` field");
  });

  it("refuses a send without an API key like Resend", async () => {
    const res = await fetch(`${catcher.url}/emails`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        from: "a@example.com",
        to: "b@example.com",
        subject: "s",
        text: "t",
      }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { name: string }).name).toBe(
      "missing_api_key",
    );
  });

  it("accepts a batch and returns one id per e-mail", async () => {
    const { data, error } = await resend.batch.send([
      {
        from: "no-reply@demo.shop",
        to: "x@example.com",
        subject: "one",
        text: "1",
      },
      {
        from: "no-reply@demo.shop",
        to: "y@example.com",
        subject: "two",
        html: "<b>2</b>",
      },
    ]);
    expect(error).toBeNull();
    expect(data?.data).toHaveLength(2);
    const latest = (await (
      await latestFor("y@example.com")
    ).json()) as CaughtMessage;
    expect(latest.subject).toBe("two");
  });
});

describe("mail catcher and DNS rebinding", () => {
  const send = (host: string, subject: string) =>
    requestWithHost(catcher.url, host, "/emails", {
      method: "POST",
      headers: {
        authorization: "Bearer re_dev_local",
        "content-type": "application/json",
      },
      body: JSON.stringify({
        from: "no-reply@demo.shop",
        to: "ada@example.com",
        subject,
        text: "http://localhost:3000/api/auth/callback/resend?token=secret-link",
      }),
    });
  const subjects = async () =>
    (
      (await (
        await fetch(`${catcher.url}/api/messages`)
      ).json()) as CaughtMessage[]
    ).map((m) => m.subject);

  it.each(["evil.example", "evil.example:4020", "127.0.0.1.evil.example"])(
    "refuses Host %s on the pages, the JSON API and the Resend API",
    async (host) => {
      const { data } = await resend.emails.send({
        from: "no-reply@demo.shop",
        to: "ada@example.com",
        subject: "Sign in",
        text: "http://localhost:3000/api/auth/callback/resend?token=secret-link",
      });
      for (const path of [
        "/",
        `/messages/${data?.id}`,
        `/messages/${data?.id}/html`,
        "/api/messages",
        "/api/messages/latest?to=ada@example.com",
        `/emails/${data?.id}`,
      ]) {
        const res = await requestWithHost(catcher.url, host, path, {
          headers: { authorization: "Bearer re_dev_local" },
        });
        expect(res.status, path).toBe(403);
        expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
        expect(res.body).toMatch(/^Refused: Host .* is not a loopback name.*\n$/);
        expect(res.body).not.toContain("secret-link");
      }
      expect((await send(host, "forged")).status).toBe(403);
      const cleared = await requestWithHost(catcher.url, host, "/api/messages", {
        method: "DELETE",
      });
      expect(cleared.status).toBe(403);
      expect(await subjects()).toEqual(["Sign in"]);
    },
  );

  it("serves localhost:<port> and 127.0.0.1:<port>", async () => {
    const port = new URL(catcher.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await send(host, `via ${host}`)).status).toBe(200);
      const inbox = await requestWithHost(catcher.url, host, "/");
      expect(inbox.status).toBe(200);
      expect(inbox.body).toContain(`via ${host}`);
      const api = await requestWithHost(catcher.url, host, "/api/messages");
      expect(api.status).toBe(200);
    }
    expect(await subjects()).toEqual([
      `via 127.0.0.1:${port}`,
      `via localhost:${port}`,
    ]);
  });
});
