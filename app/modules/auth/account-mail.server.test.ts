import { describe, expect, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { setMailSettings, smtpSinkForFile } from "#tests/setup/smtp-sink.ts";
import { prisma } from "#app/utils/db.server.ts";
import { mailInvitation, mailPasswordReset } from "./account-mail.server.ts";

const sink = smtpSinkForFile({ mail: "per-test" });

function mailOn() {
  setMailSettings(sink);
}

const invite = {
  email: "invited@example.org",
  link: "http://tracker.test/invite/abc",
  role: "editor" as const,
  invitedBy: "Ana Admin",
};

describe("invitation and reset mail", () => {
  test("nothing is sent without SMTP_URL", async () => {
    const before = sink.messages.length;
    expect(await mailInvitation({ ...invite, locale: "en" })).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.messages.length).toBe(before);
  });

  test("an invitation arrives with its link, in the admin's language", async () => {
    mailOn();
    const before = sink.messages.length;
    expect(await mailInvitation({ ...invite, locale: "es" })).toBe(true);
    const mail = (await sink.waitFor(before + 1))[before]!;
    expect(mail.to).toMatchObject({ text: invite.email });
    expect(mail.subject).toBe("Su invitación al Seguimiento de Recomendaciones");
    expect(mail.text).toContain("Ana Admin le invita");
    expect(mail.text).toContain("Edición");
    expect(mail.text).toContain(invite.link);
    expect(mail.html).toContain(`href="${invite.link}"`);
  });

  test("a reset link goes to the user in their own language, else the admin's", async () => {
    mailOn();
    const spanish = await createUser();
    await prisma.user.update({ where: { id: spanish.id }, data: { locale: "es" } });
    const unset = await createUser();
    const before = sink.messages.length;
    const link = "http://tracker.test/reset/xyz";
    expect(
      await mailPasswordReset({ userId: spanish.id, link, issuedBy: "Ana", fallback: "en" }),
    ).toBe(true);
    expect(
      await mailPasswordReset({ userId: unset.id, link, issuedBy: "Ana", fallback: "en" }),
    ).toBe(true);
    const [first, second] = (await sink.waitFor(before + 2)).slice(before);
    const byAddress = new Map(
      [first!, second!].map((mail) => [
        (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address,
        mail,
      ]),
    );
    expect(byAddress.get(spanish.email)?.subject).toMatch(/^Elija una nueva contraseña/);
    expect(byAddress.get(unset.email)?.subject).toMatch(/^Set a new password/);
    expect(byAddress.get(unset.email)?.text).toContain(link);
  });

  test("a server that refuses the message: reported as not sent, not thrown", async () => {
    mailOn();
    sink.refuseNext(1);
    expect(await mailInvitation({ ...invite, locale: "en" })).toBe(false);
  });
});
