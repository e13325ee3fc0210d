// The sign-in e-mail must carry the link (button and plain), the expiry and the
// "ignore it" advice, in both the HTML and the plain-text body.
import { describe, expect, it } from "vitest";
import { MagicLinkEmail } from "./MagicLinkEmail";
import { renderEmail } from "./render";

const url = "http://localhost:3000/api/auth/callback/resend?token=abc123&email=ada%40example.com";

describe("MagicLinkEmail", () => {
  it("renders HTML with the link as a button and as text", async () => {
    const { html } = await renderEmail(
      <MagicLinkEmail url={url} host="localhost:3000" validFor="15 minutes" />,
    );
    const escaped = url.replaceAll("&", "&amp;");
    // Button and plain link both point at the URL.
    expect(html.split(`href="${escaped}"`).length - 1).toBeGreaterThanOrEqual(2);
    expect(html).toContain("Sign in to <!-- -->localhost:3000");
    expect(html).toContain("expires in <!-- -->15 minutes");
    expect(html).toMatch(/didn(&#x27;|')t ask to sign in/);
    expect(html).toContain("Session Commerce");
  });

  it("renders a plain-text body with the full link and the expiry", async () => {
    const { text } = await renderEmail(
      <MagicLinkEmail url={url} host="shop.example" validFor="1 hour" />,
    );
    expect(text).toContain(url);
    expect(text).toContain("This link expires in 1 hour.");
    expect(text).toContain("If you didn't ask to sign in");
    expect(text).not.toContain("<");
  });
});
