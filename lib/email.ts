// Sending e-mail: render a React Email component to HTML + plain text and hand it to
// the resend SDK. The SDK reads RESEND_BASE_URL, so in dev the same code path reaches
// the local mail catcher instead of api.resend.com.
import "server-only";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { renderEmail } from "@/emails/render";
import { getServerEnv } from "@/lib/env";

export class EmailSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmailSendError";
  }
}

export type SendEmailInput = {
  to: string;
  subject: string;
  react: ReactElement;
};

let client: Resend | null = null;

function resendClient(apiKey: string, baseUrl: string | null): Resend {
  // Passed explicitly (the SDK would also read RESEND_BASE_URL itself) so the parsed,
  // validated env is the only source of where mail goes.
  client ??= new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return client;
}

/** Sends one e-mail; throws `EmailSendError` naming the recipient when it fails. */
export async function sendEmail({ to, subject, react }: SendEmailInput): Promise<{ id: string }> {
  const email = getServerEnv().providers.email;
  if (email === null) {
    throw new EmailSendError("E-mail is not configured: set AUTH_RESEND_KEY and EMAIL_FROM");
  }
  const { html, text } = await renderEmail(react);
  let result: Awaited<ReturnType<Resend["emails"]["send"]>>;
  try {
    result = await resendClient(email.apiKey, email.baseUrl).emails.send({
      from: email.from,
      to,
      subject,
      html,
      text,
    });
  } catch (cause) {
    throw new EmailSendError(`Could not reach the e-mail service to send "${subject}" to ${to}`, {
      cause,
    });
  }
  if (result.error || !result.data) {
    const reason = result.error ? `${result.error.name}: ${result.error.message}` : "no id returned";
    throw new EmailSendError(`Sending "${subject}" to ${to} failed (${reason})`);
  }
  return { id: result.data.id };
}
