// Invitations and password-reset links by e-mail, when the tracker sends mail. The admin still
// sees the link on the page (the mail only adds to it), so a failure is reported, never thrown.
import { trySendMail } from "#app/modules/mail/mailer.server.ts";
import { simpleMessage } from "#app/modules/mail/message.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { isLocale, translator, type Locale } from "#app/utils/i18n.ts";
import type { Role } from "#app/generated/prisma/enums.ts";

/**
 * Mails an invitation's link to `email`, in `locale` (the inviting admin's: the invited person's
 * own language is not known yet). Returns whether it was sent.
 */
export async function mailInvitation(input: {
  email: string;
  link: string;
  role: Role;
  invitedBy: string;
  locale: Locale;
}): Promise<boolean> {
  const t = translator(input.locale);
  const app = t("app.name");
  return trySendMail({
    to: input.email,
    subject: t("follow.mail.inviteSubject", { app }),
    ...simpleMessage(input.locale, [
      {
        text: t("follow.mail.inviteIntro", {
          name: input.invitedBy,
          app,
          role: t(`roles.${input.role}`),
        }),
      },
      { text: t("follow.mail.inviteAction"), link: input.link },
      { text: t("follow.mail.accountIgnore") },
    ]),
  });
}

/**
 * Mails a password-reset link to the user it is for, in their own language when they chose one,
 * else in `fallback` (the admin's). Returns whether it was sent.
 */
export async function mailPasswordReset(input: {
  userId: string;
  link: string;
  issuedBy: string;
  fallback: Locale;
}): Promise<boolean> {
  const user = await prisma.user.findUnique({
    where: { id: input.userId },
    select: { email: true, locale: true },
  });
  if (!user) return false;
  const locale = isLocale(user.locale) ? user.locale : input.fallback;
  const t = translator(locale);
  const app = t("app.name");
  return trySendMail({
    to: user.email,
    subject: t("follow.mail.resetSubject", { app }),
    ...simpleMessage(locale, [
      { text: t("follow.mail.resetIntro", { name: input.issuedBy, app }) },
      { text: t("follow.mail.resetAction"), link: input.link },
      { text: t("follow.mail.accountIgnore") },
    ]),
  });
}
