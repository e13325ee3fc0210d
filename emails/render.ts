// Renders an e-mail component to the HTML and plain-text bodies we send. Kept apart
// from the sending code so templates can be tested without network or secrets.
import { render } from "@react-email/render";
import type { ReactElement } from "react";

export type RenderedEmail = { html: string; text: string };

export async function renderEmail(email: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(email), render(email, { plainText: true })]);
  return { html, text };
}
