// A real SMTP server in the test process (smtp-server), on a free port of this machine, that
// keeps every message it receives, parsed (mailparser). Nothing leaves the machine.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll } from "vitest";
import { closeMailer } from "#app/modules/mail/mailer.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";

export type SmtpSink = {
  /** The SMTP_URL that reaches this server. */
  url: string;
  messages: ParsedMail[];
  /** Resolves once `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor: (count: number, timeoutMs?: number) => Promise<ParsedMail[]>;
  /** Makes the next `count` messages fail with a 451 (a server that is down for a moment). */
  refuseNext: (count: number) => void;
  close: () => Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let refusals = 0;
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (refusals > 0) {
            refusals -= 1;
            const error = new Error("Try again later") as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          messages.push(mail);
          callback();
          for (const wake of waiters) wake();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("SMTP sink has no port");
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    refuseNext: (count) => {
      refusals = count;
    },
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(messages);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} messages, got ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The PUBLIC_URL tests mail with: every mailed link must start with it. */
export const TEST_PUBLIC_URL = "http://tracker.test";

/** Turns mail on for this sink (SMTP_URL, MAIL_FROM and PUBLIC_URL, which go together). */
export function setMailSettings(sink: Pick<SmtpSink, "url">, origin = TEST_PUBLIC_URL) {
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = "Tracker <tracker@example.org>";
  process.env.PUBLIC_URL = origin;
  resetEnvCache();
}

/** Turns mail off again. */
export function clearMailSettings() {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  delete process.env.PUBLIC_URL;
  resetEnvCache();
}

/**
 * A sink for the whole test file, started before its tests and closed after them, with mail
 * turned on for the whole file (`mail: "on"`, links on `origin`) or left off, each test turning it
 * on itself and off again after it (`mail: "per-test"`).
 */
export function smtpSinkForFile(options: { mail: "on" | "per-test"; origin?: string }): SmtpSink {
  let started: SmtpSink | undefined;
  const current = () => {
    if (!started) throw new Error("The SMTP sink starts in beforeAll");
    return started;
  };
  beforeAll(async () => {
    started = await startSmtpSink();
    if (options.mail === "on") setMailSettings(started, options.origin);
  });
  if (options.mail === "per-test") {
    afterEach(() => {
      clearMailSettings();
      closeMailer();
    });
  }
  afterAll(async () => {
    clearMailSettings();
    closeMailer();
    await started?.close();
  });
  return {
    get url() {
      return current().url;
    },
    get messages() {
      return current().messages;
    },
    waitFor: (count, timeoutMs) => current().waitFor(count, timeoutMs),
    refuseNext: (count) => current().refuseNext(count),
    close: () => current().close(),
  };
}
