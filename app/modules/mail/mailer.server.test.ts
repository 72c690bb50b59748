import { describe, expect, it } from "vitest";
import { setMailSettings, smtpSinkForFile } from "#tests/setup/smtp-sink.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { mailEnabled, sendMail, trySendMail } from "./mailer.server.ts";

const sink = smtpSinkForFile({ mail: "per-test" });

function setMail(url: string) {
  setMailSettings({ url });
}

describe("mailer", () => {
  it("is off without SMTP_URL, and then sends nothing", async () => {
    expect(mailEnabled()).toBe(false);
    await expect(trySendMail({ to: "a@example.org", subject: "s", text: "t" })).resolves.toBe(
      false,
    );
    await expect(sendMail({ to: "a@example.org", subject: "s", text: "t" })).rejects.toThrow(
      /SMTP_URL/,
    );
  });

  it("delivers text, HTML and headers through the SMTP server", async () => {
    setMail(sink.url);
    expect(mailEnabled()).toBe(true);
    const before = sink.messages.length;
    await sendMail({
      to: "reader@example.org",
      subject: "Cambios — digest",
      text: "Plain body",
      html: "<p>HTML body</p>",
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    const mail = (await sink.waitFor(before + 1))[before]!;
    expect(mail.subject).toBe("Cambios — digest");
    expect(mail.from?.text).toBe('"Tracker" <tracker@example.org>');
    expect(mail.text?.trim()).toBe("Plain body");
    expect(mail.html).toContain("<p>HTML body</p>");
    expect(mail.headerLines.map((line) => line.line)).toContain(
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    );
  });

  it("says a refused message was not sent, without throwing, for mail that only adds", async () => {
    setMail(sink.url);
    sink.refuseNext(1);
    await expect(trySendMail({ to: "a@example.org", subject: "s", text: "t" })).resolves.toBe(
      false,
    );
  });

  it("refuses an SMTP_URL that is not smtp(s), a missing MAIL_FROM or PUBLIC_URL at start", async () => {
    const { getEnv } = await import("#app/utils/env.server.ts");
    process.env.SMTP_URL = "http://mail.example.org";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/SMTP_URL: must be an smtp/);
    process.env.SMTP_URL = "smtp://localhost:25";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/MAIL_FROM: is needed/);
    process.env.MAIL_FROM = "Tracker <tracker@example.org>";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/PUBLIC_URL: is needed when SMTP_URL is set/);
    process.env.PUBLIC_URL = "https://tracker.example.org";
    resetEnvCache();
    expect(getEnv().PUBLIC_URL).toBe("https://tracker.example.org");
  });
});
