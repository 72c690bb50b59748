import type { Role } from "#app/generated/prisma/enums.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { PUBLIC_NAME_MAX } from "#app/modules/tracking/people.ts";
import { isUniqueViolation } from "#app/modules/tracking/versioning.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server.ts";
import { issueDeviceCookie, trustedDeviceId } from "./device-cookie.server.ts";
import { loginGate, passwordCheckGate } from "./rate-limit.server.ts";
import { createSession, invalidateUserSessions } from "./session.server.ts";
import { auditFailedLogin, auditLogin } from "./sign-in-audit.server.ts";
import { generateToken, hashToken } from "./token.server.ts";
import { createChallenge } from "./two-step.server.ts";

const HOUR = 60 * 60 * 1000;
export const INVITE_LIFETIME_MS = 7 * 24 * HOUR;
export const SETUP_LIFETIME_MS = 24 * HOUR;
export const RESET_LIFETIME_MS = 24 * HOUR;

export type Failure<Code extends string> = { ok: false; code: Code; field?: string };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const publicUser = { id: true, email: true, name: true, role: true, locale: true } as const;

// ---------------------------------------------------------------------------------------------
// Logging in

export type LoginResult =
  | {
      ok: true;
      token: string;
      expiresAt: Date;
      user: { id: string; locale: string | null };
      /** Set-Cookie value marking the browser as a known device of the account. */
      deviceCookie: string | null;
    }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "rate_limited"; retryAfter: number }
  /** The password was right and the person has two-step sign-in on: a code comes next. */
  | { ok: false; code: "two_step"; challenge: string; expiresAt: Date };

/**
 * Checks the password and opens a session. Rate-limited per account and address, per address, and
 * per account unless `device` is a valid device cookie of the account (rate-limit.server.ts); the
 * result never says whether the email exists or the account is disabled.
 */
export async function login(input: {
  email: string;
  password: string;
  ip: string;
  device?: string | null;
}): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabled: true, locale: true, totpEnabledAt: true },
  });
  const gate = await loginGate({
    email,
    ip: input.ip,
    trustedDeviceId: user && !user.disabled ? trustedDeviceId(input.device, user) : null,
  });
  if (!gate.ok) return { ok: false, code: "rate_limited", retryAfter: gate.retryAfter };
  const valid =
    user?.passwordHash && !user.disabled
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!valid || !user) {
    await auditFailedLogin({ email, userId: user?.id ?? null, ip: input.ip });
    return { ok: false, code: "invalid" };
  }
  await gate.succeeded();
  if (user.totpEnabledAt) {
    // No session yet: the code's page (two-step.server.ts) opens it.
    const challenge = await createChallenge(user.id);
    return {
      ok: false,
      code: "two_step",
      challenge: challenge.token,
      expiresAt: challenge.expiresAt,
    };
  }
  const session = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await auditLogin(tx, { userId: user.id, ip: input.ip });
    return createSession(user.id, tx);
  });
  return {
    ok: true,
    ...session,
    user: { id: user.id, locale: user.locale },
    deviceCookie: issueDeviceCookie(user),
  };
}

// ---------------------------------------------------------------------------------------------
// Invitations (also the first-admin setup link)

export async function createInvite(
  input: { email?: string | null; role: Role; createdById: string | null; lifetimeMs?: number },
  db: Tx,
) {
  const token = generateToken();
  const invite = await db.invite.create({
    data: {
      tokenHash: hashToken(token),
      email: input.email ? normalizeEmail(input.email) : null,
      role: input.role,
      createdById: input.createdById,
      expiresAt: new Date(Date.now() + (input.lifetimeMs ?? INVITE_LIFETIME_MS)),
    },
  });
  await recordAudit(db, {
    actorId: input.createdById,
    action: "invite.created",
    entityType: "Invite",
    entityId: invite.id,
    after: { email: invite.email, role: invite.role, expiresAt: invite.expiresAt },
  });
  return { token, invite };
}

export async function inviteUser(
  input: { email: string; role: Role },
  actorId: string,
): Promise<{ ok: true; token: string } | Failure<"email_taken">> {
  const email = normalizeEmail(input.email);
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    return { ok: false, code: "email_taken", field: "email" };
  }
  const { token } = await prisma.$transaction((tx) =>
    createInvite({ email, role: input.role, createdById: actorId }, tx),
  );
  return { ok: true, token };
}

/**
 * Invitations still waiting to be accepted (not used, not expired), soonest to expire first. The
 * first-admin setup link is among them (no sender). Tokens are stored only as hashes, so a
 * pending invitation's link cannot be shown again: the list never holds it.
 */
export async function listPendingInvites(now = new Date()) {
  return prisma.invite.findMany({
    where: { usedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      createdBy: { select: { name: true } },
    },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
  });
}

export type InviteFailure = Failure<"not_found" | "used" | "expired" | "email_taken">;

/**
 * Ends a pending invitation inside `tx`: its row is deleted and the revocation audited. The row
 * is locked first, so a link being accepted at the same moment either wins (the invitation then
 * reads as used) or finds nothing.
 */
async function revokeInviteIn(
  tx: Tx,
  inviteId: string,
  actorId: string,
): Promise<{ ok: true; invite: { email: string | null; role: Role } } | InviteFailure> {
  const rows = await tx.$queryRaw<
    Array<{ email: string | null; role: Role; usedAt: Date | null; expiresAt: Date }>
  >`SELECT email, role, "usedAt", "expiresAt" FROM "Invite" WHERE id = ${inviteId} FOR UPDATE`;
  const invite = rows[0];
  if (!invite) return { ok: false, code: "not_found" };
  if (invite.usedAt) return { ok: false, code: "used" };
  if (invite.expiresAt.getTime() <= Date.now()) return { ok: false, code: "expired" };
  await tx.invite.delete({ where: { id: inviteId } });
  await recordAudit(tx, {
    actorId,
    action: "invite.revoked",
    entityType: "Invite",
    entityId: inviteId,
    before: { email: invite.email, role: invite.role, expiresAt: invite.expiresAt },
  });
  return { ok: true, invite: { email: invite.email, role: invite.role } };
}

/** Revokes a pending invitation: its link stops working at once. */
export async function revokeInvite(
  inviteId: string,
  actorId: string,
): Promise<{ ok: true } | InviteFailure> {
  return prisma.$transaction(async (tx) => {
    const result = await revokeInviteIn(tx, inviteId, actorId);
    return result.ok ? { ok: true as const } : result;
  });
}

/**
 * Replaces a pending invitation's link (lost, or sent to the wrong place): the old link stops
 * working and a new one, valid for a full lifetime, is made for the same email and role.
 */
export async function reissueInvite(
  inviteId: string,
  actorId: string,
): Promise<{ ok: true; token: string; email: string | null; role: Role } | InviteFailure> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.invite.findUnique({
      where: { id: inviteId },
      select: { email: true },
    });
    if (current?.email) {
      const taken = await tx.user.findUnique({
        where: { email: current.email },
        select: { id: true },
      });
      if (taken) return { ok: false as const, code: "email_taken" as const, field: "email" };
    }
    const revoked = await revokeInviteIn(tx, inviteId, actorId);
    if (!revoked.ok) return revoked;
    const { token } = await createInvite(
      { email: revoked.invite.email, role: revoked.invite.role, createdById: actorId },
      tx,
    );
    return { ok: true as const, token, email: revoked.invite.email, role: revoked.invite.role };
  });
}

/** An unused, unexpired invite for this token, or null. */
export async function findInvite(token: string) {
  const invite = await prisma.invite.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!invite || invite.usedAt || invite.expiresAt.getTime() <= Date.now()) return null;
  return invite;
}

export async function acceptInvite(input: {
  token: string;
  email: string;
  name: string;
  password: string;
}): Promise<
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | Failure<"invalid_invite" | "email_taken">
> {
  const invite = await findInvite(input.token);
  if (!invite) return { ok: false, code: "invalid_invite" };
  const email = invite.email ?? normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    return { ok: false, code: "email_taken", field: "email" };
  }
  try {
    return await claimInviteAndCreateUser(invite, { email, name: input.name, passwordHash });
  } catch (error) {
    // Another acceptance (this link or another) created the same email meanwhile: the
    // transaction rolled back, the invitation is still unused.
    if (isUniqueViolation(error, "email")) {
      return { ok: false, code: "email_taken", field: "email" };
    }
    throw error;
  }
}

/**
 * The write of acceptInvite, all or nothing: the invitation is claimed with a conditional update
 * (of two uses of one link at once, the second waits on its row and then finds it used), then the
 * user, its audit event and a session are created.
 */
async function claimInviteAndCreateUser(
  invite: { id: string; role: Role; createdById: string | null },
  input: { email: string; name: string; passwordHash: string },
) {
  const { email, passwordHash } = input;
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (claimed.count === 0) return { ok: false as const, code: "invalid_invite" as const };
    const user = await tx.user.create({
      data: { email, name: input.name.trim(), role: invite.role, passwordHash },
      select: publicUser,
    });
    await recordAudit(tx, {
      actorId: invite.createdById ?? user.id,
      action: "user.created",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, inviteId: invite.id },
    });
    const session = await createSession(user.id, tx);
    return { ok: true as const, ...session, userId: user.id };
  });
}

// ---------------------------------------------------------------------------------------------
// First administrator

/**
 * When no admin exists: creates one from ADMIN_EMAIL/ADMIN_PASSWORD, or else a one-time setup
 * link (24 h) for creating one. Returns what it did.
 */
export async function bootstrapFirstAdmin(env: {
  ADMIN_EMAIL?: string;
  ADMIN_PASSWORD?: string;
}): Promise<
  { kind: "exists" } | { kind: "created"; email: string } | { kind: "setup_link"; path: string }
> {
  const admins = await prisma.user.count({ where: { role: "admin", disabled: false } });
  if (admins > 0) return { kind: "exists" };
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const email = normalizeEmail(env.ADMIN_EMAIL);
    const passwordHash = await hashPassword(env.ADMIN_PASSWORD);
    await prisma.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email } });
      const user = existing
        ? await tx.user.update({
            where: { id: existing.id },
            data: { role: "admin", disabled: false, passwordHash, version: { increment: 1 } },
          })
        : await tx.user.create({
            data: { email, name: "Administrator", role: "admin", passwordHash },
          });
      await recordAudit(tx, {
        actorId: null,
        action: "user.bootstrap_admin",
        entityType: "User",
        entityId: user.id,
        before: existing ? { role: existing.role, disabled: existing.disabled } : undefined,
        after: { email, role: "admin", version: user.version },
      });
    });
    return { kind: "created", email };
  }
  const { token } = await prisma.$transaction(async (tx) => {
    // Only the newest setup link works.
    await tx.invite.deleteMany({ where: { createdById: null, role: "admin", usedAt: null } });
    return createInvite({ role: "admin", createdById: null, lifetimeMs: SETUP_LIFETIME_MS }, tx);
  });
  return { kind: "setup_link", path: `/invite/${token}` };
}

// ---------------------------------------------------------------------------------------------
// Administration of users

export async function listUsers() {
  return prisma.user.findMany({
    select: {
      id: true,
      email: true,
      name: true,
      publicName: true,
      showNamePublicly: true,
      role: true,
      disabled: true,
      lastLoginAt: true,
      createdAt: true,
      version: true,
      totpEnabledAt: true,
    },
    orderBy: [{ disabled: "asc" }, { name: "asc" }],
  });
}

type AdminChangeFailure = Failure<"not_found" | "conflict" | "last_admin">;

/**
 * Changes a user's role or disabled flag, refusing to leave no active admin. Locks the admins
 * so that two admins demoting each other at once cannot both succeed.
 */
async function changeUser(
  input: { userId: string; expectedVersion: number; role?: Role; disabled?: boolean },
  actorId: string,
  action: string,
): Promise<{ ok: true } | AdminChangeFailure> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) return { ok: false as const, code: "not_found" as const };
    if (user.version !== input.expectedVersion)
      return { ok: false as const, code: "conflict" as const };
    const role = input.role ?? user.role;
    const disabled = input.disabled ?? user.disabled;
    const losesAdmin = user.role === "admin" && !user.disabled && (role !== "admin" || disabled);
    if (losesAdmin) {
      const others = await tx.user.count({
        where: { role: "admin", disabled: false, id: { not: user.id } },
      });
      if (others === 0) return { ok: false as const, code: "last_admin" as const };
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role, disabled, version: { increment: 1 } },
    });
    if (disabled && !user.disabled) await invalidateUserSessions(user.id, tx);
    await recordAudit(tx, {
      actorId,
      action,
      entityType: "User",
      entityId: user.id,
      before: { role: user.role, disabled: user.disabled, version: user.version },
      after: { role, disabled, version: updated.version },
    });
    return { ok: true as const };
  });
}

/**
 * An admin sets the name public pages and exports show for a user who has not chosen to show
 * their own (empty: their role). Version-checked like the other changes of a user.
 */
export async function setPublicName(
  input: { userId: string; expectedVersion: number; publicName: string },
  actorId: string,
): Promise<{ ok: true } | Failure<"not_found" | "conflict">> {
  // The form refuses longer ones; this only keeps the column within its bound.
  const publicName = input.publicName.trim().slice(0, PUBLIC_NAME_MAX) || null;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) return { ok: false as const, code: "not_found" as const };
    if (user.version !== input.expectedVersion) {
      return { ok: false as const, code: "conflict" as const };
    }
    const version = input.expectedVersion + 1;
    const written = await tx.user.updateMany({
      where: { id: user.id, version: input.expectedVersion },
      data: { publicName, version },
    });
    if (written.count === 0) return { ok: false as const, code: "conflict" as const };
    await recordAudit(tx, {
      actorId,
      action: "user.public_name_changed",
      entityType: "User",
      entityId: user.id,
      before: { publicName: user.publicName, version: user.version },
      after: { publicName, version },
    });
    return { ok: true as const };
  });
}

export function changeRole(
  input: { userId: string; expectedVersion: number; role: Role },
  actorId: string,
) {
  return changeUser(input, actorId, "user.role_changed");
}

export function setDisabled(
  input: { userId: string; expectedVersion: number; disabled: boolean },
  actorId: string,
) {
  return changeUser(input, actorId, input.disabled ? "user.disabled" : "user.enabled");
}

// ---------------------------------------------------------------------------------------------
// Passwords

export async function issuePasswordReset(userId: string, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) return null;
    const token = generateToken();
    const reset = await tx.passwordReset.create({
      data: {
        tokenHash: hashToken(token),
        userId,
        createdById: actorId,
        expiresAt: new Date(Date.now() + RESET_LIFETIME_MS),
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "user.password_reset_issued",
      entityType: "User",
      entityId: userId,
      after: { resetId: reset.id, expiresAt: reset.expiresAt },
    });
    return { token, email: user.email };
  });
}

export async function findPasswordReset(token: string) {
  const reset = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { email: true, disabled: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now() || reset.user.disabled) {
    return null;
  }
  return reset;
}

/** Sets a new password from a reset link; ends every session of the user and opens a new one. */
export async function resetPassword(input: { token: string; password: string }) {
  const reset = await findPasswordReset(input.token);
  if (!reset) return { ok: false as const, code: "invalid_reset" as const };
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count === 0) return { ok: false as const, code: "invalid_reset" as const };
    const user = await tx.user.update({
      where: { id: reset.userId },
      data: { passwordHash, version: { increment: 1 } },
    });
    await invalidateUserSessions(user.id, tx);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_reset",
      entityType: "User",
      entityId: user.id,
      after: { version: user.version },
    });
    const session = await createSession(user.id, tx);
    return { ok: true as const, ...session };
  });
}

/**
 * Changes the password after checking the current one (5 failures in 15 minutes per user, then
 * `rate_limited`); ends every session and opens a new one.
 */
export async function changePassword(input: {
  userId: string;
  currentPassword: string;
  newPassword: string;
}) {
  const gate = await passwordCheckGate(input.userId);
  if (!gate.ok) {
    return { ok: false as const, code: "rate_limited" as const, retryAfter: gate.retryAfter };
  }
  const user = await prisma.user.findUnique({ where: { id: input.userId } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false as const, code: "wrong_password" as const, field: "currentPassword" };
  }
  await gate.succeeded();
  const passwordHash = await hashPassword(input.newPassword);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, version: { increment: 1 } },
    });
    await invalidateUserSessions(user.id, tx);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_changed",
      entityType: "User",
      entityId: user.id,
      after: { version: updated.version },
    });
    const session = await createSession(user.id, tx);
    return { ok: true as const, ...session };
  });
}

/**
 * Saves the account's own profile. The version the form was loaded at is part of the UPDATE's
 * WHERE, so of two saves from the same version only the first is kept; the other gets "conflict"
 * with what is stored now (the page keeps what was typed).
 */
export async function updateProfile(input: {
  userId: string;
  expectedVersion: number;
  name: string;
  locale: string | null;
  /** Whether public pages and exports may show the name (people.ts); unchanged when left out. */
  showNamePublicly?: boolean;
}) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) return { ok: false as const, code: "not_found" as const };
    const conflict = async () => {
      const current = await tx.user.findUniqueOrThrow({ where: { id: input.userId } });
      return {
        ok: false as const,
        code: "conflict" as const,
        current: {
          name: current.name,
          locale: current.locale,
          showNamePublicly: current.showNamePublicly,
          version: current.version,
        },
      };
    };
    if (user.version !== input.expectedVersion) return conflict();
    const version = input.expectedVersion + 1;
    const changes = {
      name: input.name.trim(),
      locale: input.locale,
      showNamePublicly: input.showNamePublicly ?? user.showNamePublicly,
    };
    // A save that read the same version a moment ago waits here on the row lock and then finds
    // the version moved on: nothing is written.
    const written = await tx.user.updateMany({
      where: { id: user.id, version: input.expectedVersion },
      data: { ...changes, version },
    });
    if (written.count === 0) return conflict();
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.profile_updated",
      entityType: "User",
      entityId: user.id,
      before: {
        name: user.name,
        locale: user.locale,
        showNamePublicly: user.showNamePublicly,
        version: user.version,
      },
      after: { ...changes, version },
    });
    return { ok: true as const, version };
  });
}
