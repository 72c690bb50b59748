// Outgoing mail through one SMTP server set by SMTP_URL (with MAIL_FROM as the sender), sent with
// nodemailer. Without SMTP_URL the app runs as before: nothing is sent, and the features that need
// mail (following by e-mail) are not offered; `mailEnabled()` is the one place that says so.
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "#app/utils/env.server.ts";
import { logger } from "#app/utils/logger.server.ts";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
};

let transport: { url: string; transporter: Transporter } | null = null;

/** Whether mail is set up (SMTP_URL and MAIL_FROM). */
export function mailEnabled(): boolean {
  const env = getEnv();
  return Boolean(env.SMTP_URL && env.MAIL_FROM);
}

function transporterFor(url: string): Transporter {
  if (transport?.url === url) return transport.transporter;
  transport?.transporter.close();
  // A slow or silent server must not hold a job (or a request) for minutes.
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  transport = { url, transporter };
  return transporter;
}

/**
 * Sends one message; throws when the server refuses it or cannot be reached (the caller decides
 * whether to retry: a digest job does, a request says so to the person). Returns the server's
 * message id.
 */
export async function sendMail(message: MailMessage): Promise<string> {
  const env = getEnv();
  if (!env.SMTP_URL || !env.MAIL_FROM) throw new Error("Mail is not set up (SMTP_URL)");
  const info = await transporterFor(env.SMTP_URL).sendMail({
    from: env.MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
  });
  logger.info({ messageId: info.messageId }, "mail sent");
  return info.messageId;
}

/**
 * Sends when mail is set up, and never throws: for mail that only adds to what the page already
 * shows (an invitation's link is on the admin's screen too). Returns whether it was sent.
 */
export async function trySendMail(message: MailMessage): Promise<boolean> {
  if (!mailEnabled()) return false;
  try {
    await sendMail(message);
    return true;
  } catch (error) {
    logger.warn({ err: error }, "mail not sent");
    return false;
  }
}

/** For tests and shutdown: closes the pooled connection. */
export function closeMailer(): void {
  transport?.transporter.close();
  transport = null;
}
