// Sending e-mail: every message the app sends, each rendered from its React Email
// template to HTML + plain text and handed to the resend SDK. The SDK is given
// RESEND_BASE_URL when set, so in dev the same code path reaches the local mail catcher
// instead of api.resend.com.
import "server-only";
import { createElement, type ReactElement } from "react";
import { Resend } from "resend";
import { MagicLinkEmail } from "@/emails/MagicLinkEmail";
import { NewDeviceEmail, type NewDeviceEmailProps } from "@/emails/NewDeviceEmail";
import {
  OrderConfirmationEmail,
  type OrderConfirmationEmailProps,
} from "@/emails/OrderConfirmationEmail";
import { renderEmail } from "@/emails/render";
import { durationInWords } from "@/convex/shared/durations";
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

/** An absolute link into the app for an e-mail: always on AUTH_URL, never on a request's Host. */
export function linkTo(path: string): string {
  return new URL(path, getServerEnv().AUTH_URL).toString();
}

/** The e-mail sign-in link (Auth.js makes the URL and the token), valid for `validForMs`. */
export function sendMagicLink(to: string, url: string, validForMs: number) {
  const host = new URL(url).host;
  return sendEmail({
    to,
    subject: `Sign in to ${host}`,
    react: createElement(MagicLinkEmail, { url, host, validFor: durationInWords(validForMs) }),
  });
}

/** "New sign-in to your account", with the device and a link to the devices page. */
export function sendNewDeviceNotice(to: string, props: NewDeviceEmailProps) {
  return sendEmail({
    to,
    subject: "New sign-in to your account",
    react: createElement(NewDeviceEmail, props),
  });
}

/** The order confirmation, with what was bought, where it goes and a link to the order. */
export function sendOrderConfirmation(to: string, props: OrderConfirmationEmailProps) {
  return sendEmail({
    to,
    subject: `Your order at ${props.storeName}`,
    react: createElement(OrderConfirmationEmail, props),
  });
}
