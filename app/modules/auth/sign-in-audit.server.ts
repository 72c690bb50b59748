// Signing in and out leave audit events: "session.login", "session.login_failed" (with the email
// tried and the address it came from, never the password) and "session.logout". Their record is
// the account ("Session" events name the user's id), or the email tried when no account has it.
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";

/** The kind of record of sign-in events in the audit trail. */
export const SIGN_IN_ENTITY = "Session";

/** A successful login, in the transaction that opens the session. */
export async function auditLogin(tx: Tx, input: { userId: string; ip: string }) {
  await recordAudit(tx, {
    actorId: input.userId,
    action: "session.login",
    entityType: SIGN_IN_ENTITY,
    entityId: input.userId,
    after: { ip: input.ip },
  });
}

/**
 * A refused login (wrong password, unknown or disabled account). No one is proven to be acting,
 * so the event has no actor; it holds the email tried and the address.
 */
export async function auditFailedLogin(input: {
  email: string;
  userId: string | null;
  ip: string;
}) {
  // Whatever was typed, kept short and without what PostgreSQL refuses in text (NUL).
  const email = input.email.replaceAll("\u0000", "").slice(0, 320);
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actorId: null,
      action: "session.login_failed",
      entityType: SIGN_IN_ENTITY,
      entityId: input.userId ?? email,
      after: { email, ip: input.ip },
    }),
  );
}

/** Ends a session and audits it, together; nothing happens for an unknown session. */
export async function logout(sessionId: string, input: { ip: string }) {
  await prisma.$transaction(async (tx) => {
    const session = await tx.session.findUnique({
      where: { id: sessionId },
      select: { userId: true },
    });
    if (!session) return;
    await tx.session.deleteMany({ where: { id: sessionId } });
    await recordAudit(tx, {
      actorId: session.userId,
      action: "session.logout",
      entityType: SIGN_IN_ENTITY,
      entityId: session.userId,
      after: { ip: input.ip },
    });
  });
}
