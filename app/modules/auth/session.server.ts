import type { Role } from "#app/generated/prisma/enums.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { generateToken, hashToken } from "./token.server.ts";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** A session is renewed for another 30 days when less than 15 remain. */
export const SESSION_RENEW_BEFORE_MS = 15 * DAY;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
};

export type ValidatedSession = {
  sessionId: string;
  expiresAt: Date;
  /** True when the expiry moved: the cookie must be sent again. */
  renewed: boolean;
  user: SessionUser;
  /** Whether the user has two-step sign-in on (the tracker may require it of their role). */
  twoStepOn: boolean;
};

/** Creates a session; returns the token for the cookie (the database keeps only its hash). */
export async function createSession(
  userId: string,
  db: Tx | typeof prisma = prisma,
  now = new Date(),
) {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/**
 * The session and user behind a cookie token, or null when the token is unknown, expired or
 * belongs to a disabled user (expired and disabled sessions are deleted).
 */
export async function validateSessionToken(
  token: string,
  now = new Date(),
): Promise<ValidatedSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const sessionId = hashToken(token);
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          locale: true,
          disabled: true,
          totpEnabledAt: true,
        },
      },
    },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime() || session.user.disabled) {
    await prisma.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  let expiresAt = session.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_BEFORE_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await prisma.session.update({ where: { id: sessionId }, data: { expiresAt } });
    renewed = true;
  }
  const { disabled: _disabled, totpEnabledAt, ...user } = session.user;
  return { sessionId, expiresAt, renewed, user, twoStepOn: totpEnabledAt !== null };
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user (password change, disabling, reset). */
export async function invalidateUserSessions(userId: string, db: Tx | typeof prisma = prisma) {
  await db.session.deleteMany({ where: { userId } });
}
