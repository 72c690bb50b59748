// Two-step sign-in (issue 17, item 3): after the password, a time-based one-time code (TOTP,
// RFC 6238: 30-second steps, 6 digits, one step of clock drift either way) or one of ten
// single-use recovery codes. A code is accepted once: the user's last accepted step is kept and
// only later steps pass. Checks of codes count against the login limits (rate-limit.server.ts),
// as wrong passwords do.
import { randomBytes } from "node:crypto";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import type { Role, TwoStepRequirement } from "#app/generated/prisma/enums.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { trustedDeviceId, issueDeviceCookie } from "./device-cookie.server.ts";
import { verifyPassword } from "./password.server.ts";
import { loginGate, passwordCheckGate } from "./rate-limit.server.ts";
import { createSession } from "./session.server.ts";
import { auditLogin, SIGN_IN_ENTITY } from "./sign-in-audit.server.ts";
import { generateToken, hashToken } from "./token.server.ts";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that are still accepted (a phone's clock a little off). */
const DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
export const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;

export const stepAt = (now: Date) => BigInt(Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS));

/** The step whose code `code` is, among now ± DRIFT_STEPS and later than `lastStep`; or null. */
export function matchingStep(
  key: Uint8Array,
  code: string,
  lastStep: bigint | null,
  now = new Date(),
): bigint | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = stepAt(now);
  for (let step = current - BigInt(DRIFT_STEPS); step <= current + BigInt(DRIFT_STEPS); step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (verifyHOTP(key, step, TOTP_DIGITS, code)) return step;
  }
  return null;
}

/** A code as apps show it ("123 456") in the form checked: the digits only, when it is digits. */
const digitsOf = (code: string) => (/^[\d\s]+$/.test(code) ? code.replace(/\s/g, "") : code.trim());

// ---------------------------------------------------------------------------------------------
// Recovery codes: 80 random bits each, shown once as four groups of four; kept as SHA-256 (a
// slow hash adds nothing against guessing 80 random bits).

function newRecoveryCode(): string {
  const text = encodeBase32UpperCaseNoPadding(randomBytes(10)).toLowerCase();
  return text.match(/.{4}/g)!.join("-");
}

/** What a person typed, in the form whose hash is stored: no spaces or dashes, lower case. */
export const normalizeRecoveryCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashToken(normalizeRecoveryCode(code)) })),
  });
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Enrolment

export type Enrolment = { key: Uint8Array; keyText: string; uri: string };

function describeKey(key: Uint8Array, issuer: string, accountName: string): Enrolment {
  return {
    key,
    // Grouped by four for typing into an authenticator by hand.
    keyText: encodeBase32UpperCaseNoPadding(key)
      .match(/.{1,4}/g)!
      .join(" "),
    uri: createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS),
  };
}

/**
 * The key being enrolled for this person, made (20 random bytes) when there is none yet: the same
 * key is shown again on reload, so a scanned code stays valid until the first code confirms it.
 */
export async function pendingEnrolment(userId: string, issuer: string): Promise<Enrolment | null> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, totpEnabledAt: true, totpPendingKey: true },
  });
  if (user.totpEnabledAt) return null;
  let key = user.totpPendingKey ? new Uint8Array(user.totpPendingKey) : null;
  if (!key) {
    key = new Uint8Array(randomBytes(20));
    await prisma.user.update({ where: { id: userId }, data: { totpPendingKey: key } });
  }
  return describeKey(key, issuer, user.email);
}

/**
 * Turns two-step sign-in on when `code` is a current code of the pending key; returns the ten
 * recovery codes, to be shown once.
 */
export async function confirmEnrolment(
  userId: string,
  code: string,
  now = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; code: "invalid_code" | "no_key" }> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ key: Uint8Array | null; enabled: Date | null }>>`
      SELECT "totpPendingKey" AS key, "totpEnabledAt" AS enabled FROM "User"
      WHERE id = ${userId} FOR UPDATE`;
    const row = rows[0];
    if (!row?.key || row.enabled) return { ok: false as const, code: "no_key" as const };
    const step = matchingStep(new Uint8Array(row.key), digitsOf(code), null, now);
    if (step === null) return { ok: false as const, code: "invalid_code" as const };
    await tx.user.update({
      where: { id: userId },
      data: {
        totpKey: new Uint8Array(row.key),
        totpPendingKey: null,
        totpEnabledAt: now,
        totpLastStep: step,
      },
    });
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, {
      actorId: userId,
      action: "user.two_step_enabled",
      entityType: "User",
      entityId: userId,
      after: { twoStep: true },
    });
    return { ok: true as const, recoveryCodes };
  });
}

async function clearTwoStep(tx: Tx, userId: string) {
  await tx.user.update({
    where: { id: userId },
    data: { totpKey: null, totpPendingKey: null, totpEnabledAt: null, totpLastStep: null },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.twoStepChallenge.deleteMany({ where: { userId } });
}

/**
 * Turns two-step sign-in off for the person themself, when `secret` is their password or a
 * current code (or an unused recovery code). Limited as the current-password check on /account.
 */
export async function turnOffTwoStep(
  userId: string,
  secret: string,
): Promise<
  | { ok: true }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "rate_limited"; retryAfter: number }
> {
  const proof = await proveSelf(userId, secret);
  if (!proof.ok) return proof;
  await disableTwoStep(userId);
  return { ok: true };
}

/**
 * Ten new recovery codes for a person who has used some or lost them, when `secret` is their
 * password or a current code: the old ones stop working. Returns the new ones, to be shown once.
 */
export async function replaceOwnRecoveryCodes(
  userId: string,
  secret: string,
): Promise<
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; code: "invalid" | "not_enabled" }
  | { ok: false; code: "rate_limited"; retryAfter: number }
> {
  const proof = await proveSelf(userId, secret);
  if (!proof.ok) return proof;
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ enabled: Date | null }>>`
      SELECT "totpEnabledAt" AS enabled FROM "User" WHERE id = ${userId} FOR UPDATE`;
    if (!rows[0]?.enabled) return { ok: false as const, code: "not_enabled" as const };
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, {
      actorId: userId,
      action: "user.two_step_codes_replaced",
      entityType: "User",
      entityId: userId,
      after: { recoveryCodes: recoveryCodes.length },
    });
    return { ok: true as const, recoveryCodes };
  });
}

/**
 * Whether `secret` is the person's password or a current code (or an unused recovery code,
 * which it uses up). Limited as the current-password check on /account.
 */
async function proveSelf(
  userId: string,
  secret: string,
): Promise<
  | { ok: true }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "rate_limited"; retryAfter: number }
> {
  const gate = await passwordCheckGate(userId);
  if (!gate.ok) return { ok: false, code: "rate_limited", retryAfter: gate.retryAfter };
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  const proven =
    (user.passwordHash !== null && (await verifyPassword(user.passwordHash, secret))) ||
    (await checkCode(userId, secret)) !== null;
  if (!proven) return { ok: false, code: "invalid" };
  await gate.succeeded();
  return { ok: true };
}

async function disableTwoStep(userId: string) {
  await prisma.$transaction(async (tx) => {
    await clearTwoStep(tx, userId);
    await recordAudit(tx, {
      actorId: userId,
      action: "user.two_step_disabled",
      entityType: "User",
      entityId: userId,
      before: { twoStep: true },
      after: { twoStep: false },
    });
  });
}

/**
 * An admin turns two-step sign-in off for a person who lost their device; they enrol again (and
 * must, when the tracker requires it for their role). Returns false for an unknown person.
 */
export async function resetTwoStep(userId: string, adminId: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { totpEnabledAt: true },
    });
    if (!user) return false;
    await clearTwoStep(tx, userId);
    await recordAudit(tx, {
      actorId: adminId,
      action: "user.two_step_reset",
      entityType: "User",
      entityId: userId,
      before: { twoStep: Boolean(user.totpEnabledAt) },
      after: { twoStep: false },
    });
    return true;
  });
}

export async function twoStepStatus(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { totpEnabledAt: true },
  });
  const unusedCodes = await prisma.recoveryCode.count({ where: { userId, usedAt: null } });
  return { enabledAt: user.totpEnabledAt, unusedCodes };
}

// ---------------------------------------------------------------------------------------------
// Checking a code

/**
 * Checks a code from the authenticator (six digits) or a recovery code, and uses it up: the
 * step is remembered, the recovery code marked used. Runs in `tx`, holding the user's row, so
 * the same code sent twice at once is accepted once.
 */
export async function useCode(
  tx: Tx,
  userId: string,
  code: string,
  now = new Date(),
): Promise<"totp" | "recovery" | null> {
  const rows = await tx.$queryRaw<Array<{ key: Uint8Array | null; last: bigint | null }>>`
    SELECT "totpKey" AS key, "totpLastStep" AS last FROM "User" WHERE id = ${userId} FOR UPDATE`;
  const row = rows[0];
  if (!row?.key) return null;
  const typed = code.trim();
  if (/^\d{6}$/.test(digitsOf(typed))) {
    const step = matchingStep(new Uint8Array(row.key), digitsOf(typed), row.last, now);
    if (step === null) return null;
    await tx.user.update({ where: { id: userId }, data: { totpLastStep: step } });
    return "totp";
  }
  const normalized = normalizeRecoveryCode(typed);
  if (normalized.length === 0 || normalized.length > 64) return null;
  const used = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: hashToken(normalized), usedAt: null },
    data: { usedAt: now },
  });
  return used.count === 1 ? "recovery" : null;
}

/** Checks a code outside a sign-in (turning two-step off); a used code is used up. */
export async function checkCode(userId: string, code: string, now = new Date()) {
  return prisma.$transaction((tx) => useCode(tx, userId, code, now));
}

// ---------------------------------------------------------------------------------------------
// The second step of signing in. The pending state is a row keyed by the hash of a token that
// only this browser holds (a short-lived cookie): not a session, nothing else opens with it.

/** Starts the second step after a correct password; returns the token for the cookie. */
export async function createChallenge(userId: string, now = new Date()) {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + CHALLENGE_LIFETIME_MS);
  await prisma.$transaction([
    // Past challenges of anyone are swept here: they are few and short-lived.
    prisma.twoStepChallenge.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.twoStepChallenge.create({ data: { id: hashToken(token), userId, expiresAt } }),
  ]);
  return { token, expiresAt };
}

/** The person a live challenge token belongs to, or null. */
export async function findChallenge(token: string | null, now = new Date()) {
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
  const challenge = await prisma.twoStepChallenge.findUnique({
    where: { id: hashToken(token) },
    select: { expiresAt: true, user: { select: { id: true, email: true, disabled: true } } },
  });
  if (!challenge || challenge.expiresAt <= now || challenge.user.disabled) return null;
  return challenge.user;
}

export type SecondStepResult =
  | {
      ok: true;
      token: string;
      expiresAt: Date;
      user: { id: string; locale: string | null };
      deviceCookie: string | null;
    }
  | { ok: false; code: "expired" | "invalid" }
  | { ok: false; code: "rate_limited"; retryAfter: number };

/**
 * Checks the code of a pending sign-in and, when right, opens the session (and ends the
 * challenge). Rate-limited by the login limits, like a password.
 */
export async function completeSignIn(input: {
  challenge: string | null;
  code: string;
  ip: string;
  device?: string | null;
  now?: Date;
}): Promise<SecondStepResult> {
  const now = input.now ?? new Date();
  const pending = await findChallenge(input.challenge, now);
  if (!pending) return { ok: false, code: "expired" };
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: pending.id },
    select: { id: true, email: true, passwordHash: true, locale: true },
  });
  const gate = await loginGate({
    email: user.email,
    ip: input.ip,
    trustedDeviceId: trustedDeviceId(input.device, user),
  });
  if (!gate.ok) return { ok: false, code: "rate_limited", retryAfter: gate.retryAfter };
  const session = await prisma.$transaction(async (tx) => {
    const used = await useCode(tx, user.id, input.code, now);
    if (!used) return null;
    const ended = await tx.twoStepChallenge.deleteMany({
      where: { id: hashToken(input.challenge!) },
    });
    // The same challenge completed twice at once: only the first opens a session.
    if (ended.count !== 1) return null;
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await auditLogin(tx, { userId: user.id, ip: input.ip });
    if (used === "recovery") {
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.recovery_code_used",
        entityType: "User",
        entityId: user.id,
        after: { ip: input.ip },
      });
    }
    return createSession(user.id, tx, now);
  });
  if (!session) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, {
        actorId: null,
        action: "session.two_step_failed",
        entityType: SIGN_IN_ENTITY,
        entityId: user.id,
        after: { ip: input.ip },
      }),
    );
    return { ok: false, code: "invalid" };
  }
  await gate.succeeded();
  return {
    ok: true,
    ...session,
    user: { id: user.id, locale: user.locale },
    deviceCookie: issueDeviceCookie(user),
  };
}

// ---------------------------------------------------------------------------------------------
// The tracker-wide rule

export async function getTwoStepRequirement(db: Tx | typeof prisma = prisma) {
  const setting = await db.trackerSetting.findUnique({
    where: { id: 1 },
    select: { twoStepRequiredFor: true },
  });
  return setting?.twoStepRequiredFor ?? "nobody";
}

export async function setTwoStepRequirement(value: TwoStepRequirement, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const before = await getTwoStepRequirement(tx);
    await tx.trackerSetting.upsert({
      where: { id: 1 },
      create: { id: 1, twoStepRequiredFor: value },
      update: { twoStepRequiredFor: value },
    });
    if (before === value) return;
    await recordAudit(tx, {
      actorId,
      action: "setting.two_step_required_changed",
      entityType: "TrackerSetting",
      entityId: "1",
      before: { twoStepRequiredFor: before },
      after: { twoStepRequiredFor: value },
    });
  });
}

/** Whether the rule asks two-step sign-in of someone with this role. */
export function requiredFor(requirement: TwoStepRequirement, role: Role): boolean {
  if (requirement === "admins") return role === "admin";
  if (requirement === "admins_and_editors") return role === "admin" || role === "editor";
  return false;
}
