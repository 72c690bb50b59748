import { describe, expect, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { prisma } from "#app/utils/db.server.ts";
import { hashPassword } from "./password.server.ts";
import { DEVICE_COOKIE } from "./device-cookie.server.ts";
import { createSession, validateSessionToken } from "./session.server.ts";
import { hashToken } from "./token.server.ts";
import {
  acceptInvite,
  bootstrapFirstAdmin,
  changePassword,
  changeRole,
  createInvite,
  findInvite,
  inviteUser,
  issuePasswordReset,
  listPendingInvites,
  login,
  reissueInvite,
  resetPassword,
  revokeInvite,
  setDisabled,
} from "./users.server.ts";

const PASSWORD = "a long enough password";

async function userWithPassword(role: "viewer" | "editor" | "admin" = "editor") {
  const user = await createUser({ role });
  await prisma.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(PASSWORD) },
  });
  return prisma.user.findUniqueOrThrow({ where: { id: user.id } });
}

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

describe("login", () => {
  test("the right password opens a session stored as a hash", async () => {
    const user = await userWithPassword();
    const result = await login({
      email: user.email.toUpperCase(),
      password: PASSWORD,
      ip: freshIp(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      await prisma.session.findUnique({ where: { id: hashToken(result.token) } }),
    ).not.toBeNull();
    expect((await validateSessionToken(result.token))?.user.id).toBe(user.id);
  });

  test("a wrong password and an unknown email give the same answer", async () => {
    const user = await userWithPassword();
    const wrong = await login({ email: user.email, password: "not the password", ip: freshIp() });
    const unknown = await login({ email: "nobody@example.org", password: PASSWORD, ip: freshIp() });
    expect(wrong).toEqual({ ok: false, code: "invalid" });
    expect(unknown).toEqual({ ok: false, code: "invalid" });
  });

  test("a disabled account cannot log in, and is not told why", async () => {
    const user = await userWithPassword();
    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await login({ email: user.email, password: PASSWORD, ip: freshIp() })).toEqual({
      ok: false,
      code: "invalid",
    });
  });

  test("five failures a minute per account and address, then rate-limited there only", async () => {
    const user = await userWithPassword();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect((await login({ email: user.email, password: "wrong", ip })).ok).toBe(false);
    }
    const blocked = await login({ email: user.email, password: PASSWORD, ip });
    expect(blocked).toMatchObject({ ok: false, code: "rate_limited" });
    if (!blocked.ok && blocked.code === "rate_limited") {
      expect(blocked.retryAfter).toBeGreaterThan(0);
      expect(blocked.retryAfter).toBeLessThanOrEqual(60);
    }
    expect((await login({ email: user.email, password: PASSWORD, ip: freshIp() })).ok).toBe(true);
  });

  test("twenty failures per address, whatever the account", async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      await login({ email: `someone-${i}@example.org`, password: "wrong", ip });
    }
    const user = await userWithPassword();
    expect(await login({ email: user.email, password: PASSWORD, ip })).toMatchObject({
      code: "rate_limited",
    });
    expect((await login({ email: user.email, password: PASSWORD, ip: freshIp() })).ok).toBe(true);
  });

  test("a flood of failures on an account keeps new browsers out, not the owner's known one", async () => {
    const user = await userWithPassword();
    const first = await login({ email: user.email, password: PASSWORD, ip: freshIp() });
    if (!first.ok) throw new Error("expected a login");
    expect(first.deviceCookie).toMatch(new RegExp(`^${DEVICE_COOKIE}=[^;]+; Path=/; HttpOnly`));
    const device = first.deviceCookie!.split(";")[0]!.slice(DEVICE_COOKIE.length + 1);

    for (let i = 0; i < 20; i++) {
      await login({ email: user.email, password: "guess", ip: freshIp() });
    }
    expect(await login({ email: user.email, password: PASSWORD, ip: freshIp() })).toMatchObject({
      code: "rate_limited",
    });
    expect((await login({ email: user.email, password: PASSWORD, ip: freshIp(), device })).ok).toBe(
      true,
    );
    // A forged or another account's cookie does not help.
    const other = await userWithPassword();
    const forged = `${user.id}.${device.split(".")[1]}.AAAA`;
    expect(
      await login({ email: user.email, password: PASSWORD, ip: freshIp(), device: forged }),
    ).toMatchObject({ code: "rate_limited" });
    const otherLogin = await login({ email: other.email, password: PASSWORD, ip: freshIp() });
    if (!otherLogin.ok) throw new Error("expected a login");
    const otherDevice = otherLogin.deviceCookie!.split(";")[0]!.slice(DEVICE_COOKIE.length + 1);
    expect(
      await login({ email: user.email, password: PASSWORD, ip: freshIp(), device: otherDevice }),
    ).toMatchObject({ code: "rate_limited" });
  });

  test("a device cookie signed before a password change is no longer trusted", async () => {
    const user = await userWithPassword();
    const first = await login({ email: user.email, password: PASSWORD, ip: freshIp() });
    if (!first.ok) throw new Error("expected a login");
    const device = first.deviceCookie!.split(";")[0]!.slice(DEVICE_COOKIE.length + 1);
    await prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(PASSWORD) },
    });
    for (let i = 0; i < 20; i++) {
      await login({ email: user.email, password: "guess", ip: freshIp() });
    }
    expect(
      await login({ email: user.email, password: PASSWORD, ip: freshIp(), device }),
    ).toMatchObject({ code: "rate_limited" });
  });
});

describe("invitations", () => {
  test("an invite creates the account with its role, once", async () => {
    const admin = await createUser({ role: "admin" });
    const invite = await inviteUser({ email: "New.Editor@example.org", role: "editor" }, admin.id);
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    const stored = await prisma.invite.findFirstOrThrow({
      where: { email: "new.editor@example.org" },
    });
    expect(stored.tokenHash).toBe(hashToken(invite.token));
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    const accepted = await acceptInvite({
      token: invite.token,
      email: "ignored@example.org",
      name: "Nora",
      password: PASSWORD,
    });
    expect(accepted.ok).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "new.editor@example.org" },
    });
    expect(user.role).toBe("editor");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const again = await acceptInvite({
      token: invite.token,
      email: "x@example.org",
      name: "X",
      password: PASSWORD,
    });
    expect(again).toMatchObject({ ok: false, code: "invalid_invite" });
    expect(
      await prisma.auditEvent.count({ where: { action: "user.created", entityId: user.id } }),
    ).toBe(1);
  });

  test("an expired invite does not work", async () => {
    const admin = await createUser({ role: "admin" });
    const { token } = await prisma.$transaction((tx) =>
      createInvite(
        { email: "late@example.org", role: "viewer", createdById: admin.id, lifetimeMs: -1000 },
        tx,
      ),
    );
    expect(await findInvite(token)).toBeNull();
    expect(
      await acceptInvite({ token, email: "", name: "Late", password: PASSWORD }),
    ).toMatchObject({
      code: "invalid_invite",
    });
  });

  test("inviting an existing email is refused", async () => {
    const admin = await createUser({ role: "admin" });
    const existing = await createUser();
    expect(await inviteUser({ email: existing.email, role: "viewer" }, admin.id)).toMatchObject({
      ok: false,
      field: "email",
    });
  });
});

describe("pending invitations", () => {
  test("lists only unused, unexpired invitations, with who sent them; never a token", async () => {
    const admin = await createUser({ role: "admin", name: "Pat Sender" });
    const pending = await inviteUser({ email: "pending@example.org", role: "editor" }, admin.id);
    const used = await inviteUser({ email: "used@example.org", role: "viewer" }, admin.id);
    if (!pending.ok || !used.ok) throw new Error("invitations were refused");
    await acceptInvite({ token: used.token, email: "", name: "Used", password: PASSWORD });
    await prisma.$transaction((tx) =>
      createInvite(
        { email: "expired@example.org", role: "viewer", createdById: admin.id, lifetimeMs: -1 },
        tx,
      ),
    );

    const list = await listPendingInvites();
    const emails = list.map((invite) => invite.email);
    expect(emails).toContain("pending@example.org");
    expect(emails).not.toContain("used@example.org");
    expect(emails).not.toContain("expired@example.org");
    const row = list.find((invite) => invite.email === "pending@example.org")!;
    expect(row).toMatchObject({ role: "editor", createdBy: { name: "Pat Sender" } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(row.createdAt.getTime());
    expect(Object.keys(row)).not.toContain("tokenHash");
  });

  test("a revoked invitation's link no longer works; the revocation is audited", async () => {
    const admin = await createUser({ role: "admin" });
    const invite = await inviteUser({ email: "revoked@example.org", role: "editor" }, admin.id);
    if (!invite.ok) throw new Error("invitation refused");
    const stored = await prisma.invite.findUniqueOrThrow({
      where: { tokenHash: hashToken(invite.token) },
    });

    expect(await revokeInvite(stored.id, admin.id)).toEqual({ ok: true });
    expect(await findInvite(invite.token)).toBeNull();
    expect(
      await acceptInvite({ token: invite.token, email: "", name: "Late", password: PASSWORD }),
    ).toMatchObject({ ok: false, code: "invalid_invite" });
    expect(await prisma.user.count({ where: { email: "revoked@example.org" } })).toBe(0);
    expect((await listPendingInvites()).map((row) => row.id)).not.toContain(stored.id);

    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "invite.revoked", entityId: stored.id },
    });
    expect(event.actorId).toBe(admin.id);
    expect(event.before).toMatchObject({ email: "revoked@example.org", role: "editor" });

    // A second revocation finds nothing to revoke.
    expect(await revokeInvite(stored.id, admin.id)).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  test("a used or expired invitation cannot be revoked, and nothing is audited", async () => {
    const admin = await createUser({ role: "admin" });
    const used = await inviteUser({ email: "taken-up@example.org", role: "viewer" }, admin.id);
    if (!used.ok) throw new Error("invitation refused");
    await acceptInvite({ token: used.token, email: "", name: "Taken", password: PASSWORD });
    const usedRow = await prisma.invite.findUniqueOrThrow({
      where: { tokenHash: hashToken(used.token) },
    });
    const { invite: expired } = await prisma.$transaction((tx) =>
      createInvite(
        { email: "gone@example.org", role: "viewer", createdById: admin.id, lifetimeMs: -1 },
        tx,
      ),
    );

    expect(await revokeInvite(usedRow.id, admin.id)).toMatchObject({ ok: false, code: "used" });
    expect(await revokeInvite(expired.id, admin.id)).toMatchObject({
      ok: false,
      code: "expired",
    });
    expect(await revokeInvite("no-such-invite", admin.id)).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await prisma.auditEvent.count({ where: { action: "invite.revoked", actorId: admin.id } }),
    ).toBe(0);
  });

  test("a revocation and an acceptance at the same moment: exactly one wins", async () => {
    const admin = await createUser({ role: "admin" });
    const invite = await inviteUser({ email: "race@example.org", role: "viewer" }, admin.id);
    if (!invite.ok) throw new Error("invitation refused");
    const { id } = await prisma.invite.findUniqueOrThrow({
      where: { tokenHash: hashToken(invite.token) },
    });
    const [revoked, accepted] = await Promise.all([
      revokeInvite(id, admin.id),
      acceptInvite({ token: invite.token, email: "", name: "Racer", password: PASSWORD }),
    ]);
    expect([revoked.ok, accepted.ok].filter(Boolean)).toHaveLength(1);
    expect(await prisma.user.count({ where: { email: "race@example.org" } })).toBe(
      accepted.ok ? 1 : 0,
    );
  });

  test("issuing a new link ends the old one and keeps the email and role", async () => {
    const admin = await createUser({ role: "admin" });
    const other = await createUser({ role: "admin", name: "Other Admin" });
    const first = await inviteUser({ email: "lost-link@example.org", role: "editor" }, admin.id);
    if (!first.ok) throw new Error("invitation refused");
    const old = await prisma.invite.findUniqueOrThrow({
      where: { tokenHash: hashToken(first.token) },
    });

    const again = await reissueInvite(old.id, other.id);
    expect(again).toMatchObject({ ok: true, email: "lost-link@example.org" });
    if (!again.ok) return;
    expect(await findInvite(first.token)).toBeNull();
    const fresh = await findInvite(again.token);
    expect(fresh).toMatchObject({
      email: "lost-link@example.org",
      role: "editor",
      createdById: other.id,
    });
    expect(
      await prisma.auditEvent.findMany({
        where: { action: { in: ["invite.revoked", "invite.created"] }, actorId: other.id },
        select: { action: true, entityId: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual([
      { action: "invite.revoked", entityId: old.id },
      { action: "invite.created", entityId: fresh!.id },
    ]);
    expect(await reissueInvite(old.id, other.id)).toMatchObject({ code: "not_found" });
  });

  test("no new link for an email that has an account meanwhile", async () => {
    const admin = await createUser({ role: "admin" });
    const invite = await inviteUser({ email: "joined@example.org", role: "viewer" }, admin.id);
    if (!invite.ok) throw new Error("invitation refused");
    const { id } = await prisma.invite.findUniqueOrThrow({
      where: { tokenHash: hashToken(invite.token) },
    });
    await createUser({ email: "joined@example.org" });
    expect(await reissueInvite(id, admin.id)).toMatchObject({ ok: false, code: "email_taken" });
    expect(await findInvite(invite.token)).not.toBeNull();
  });
});

describe("first administrator", () => {
  test("without ADMIN_EMAIL a setup link is made; it creates an admin once", async () => {
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const first = await bootstrapFirstAdmin({});
    const second = await bootstrapFirstAdmin({});
    expect(first.kind).toBe("setup_link");
    expect(second.kind).toBe("setup_link");
    if (first.kind !== "setup_link" || second.kind !== "setup_link") return;
    const oldToken = first.path.split("/").pop()!;
    const newToken = second.path.split("/").pop()!;
    // Only the newest link works; it lasts 24 hours.
    expect(await findInvite(oldToken)).toBeNull();
    const invite = await findInvite(newToken);
    expect(invite?.role).toBe("admin");
    // Listed as pending, without a sender, so that an admin can revoke it later.
    expect(await listPendingInvites()).toContainEqual(
      expect.objectContaining({ id: invite!.id, email: null, role: "admin", createdBy: null }),
    );
    expect(invite!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);

    const created = await acceptInvite({
      token: newToken,
      email: "First@Example.org",
      name: "First",
      password: PASSWORD,
    });
    expect(created.ok).toBe(true);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "first@example.org" } });
    expect(admin.role).toBe("admin");
    expect(await bootstrapFirstAdmin({})).toEqual({ kind: "exists" });
  });
});

describe("administration", () => {
  test("the last active admin cannot be demoted or disabled", async () => {
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const admin = await createUser({ role: "admin" });
    expect(
      await changeRole({ userId: admin.id, expectedVersion: 1, role: "editor" }, admin.id),
    ).toMatchObject({
      code: "last_admin",
    });
    expect(
      await setDisabled({ userId: admin.id, expectedVersion: 1, disabled: true }, admin.id),
    ).toMatchObject({
      code: "last_admin",
    });
    const second = await createUser({ role: "admin" });
    expect(
      await changeRole({ userId: admin.id, expectedVersion: 1, role: "editor" }, second.id),
    ).toEqual({ ok: true });
    expect(
      await setDisabled({ userId: second.id, expectedVersion: 1, disabled: true }, second.id),
    ).toMatchObject({
      code: "last_admin",
    });
  });

  test("two admins demoting each other at once leave one admin", async () => {
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const a = await createUser({ role: "admin" });
    const b = await createUser({ role: "admin" });
    const results = await Promise.all([
      changeRole({ userId: a.id, expectedVersion: 1, role: "viewer" }, b.id),
      changeRole({ userId: b.id, expectedVersion: 1, role: "viewer" }, a.id),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await prisma.user.count({ where: { role: "admin", disabled: false } })).toBe(1);
  });

  test("a stale version is refused", async () => {
    const admin = await createUser({ role: "admin" });
    const user = await createUser();
    expect(
      await changeRole({ userId: user.id, expectedVersion: 1, role: "editor" }, admin.id),
    ).toEqual({ ok: true });
    expect(
      await changeRole({ userId: user.id, expectedVersion: 1, role: "admin" }, admin.id),
    ).toMatchObject({
      code: "conflict",
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("editor");
  });

  test("disabling ends the user's sessions and is audited", async () => {
    const admin = await createUser({ role: "admin" });
    const user = await createUser({ role: "editor" });
    const { token } = await createSession(user.id);
    expect(
      await setDisabled({ userId: user.id, expectedVersion: 1, disabled: true }, admin.id),
    ).toEqual({ ok: true });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.disabled", entityId: user.id },
    });
    expect(event.actorId).toBe(admin.id);
    expect(event.before).toMatchObject({ disabled: false });
    expect(event.after).toMatchObject({ disabled: true, version: 2 });
  });
});

describe("passwords", () => {
  test("changing the password ends every session and opens a new one", async () => {
    const user = await userWithPassword();
    const old = await createSession(user.id);
    expect(
      await changePassword({
        userId: user.id,
        currentPassword: "wrong password!",
        newPassword: "another long password",
      }),
    ).toMatchObject({ ok: false, field: "currentPassword" });
    const changed = await changePassword({
      userId: user.id,
      currentPassword: PASSWORD,
      newPassword: "another long password",
    });
    expect(changed.ok).toBe(true);
    expect(await validateSessionToken(old.token)).toBeNull();
    if (changed.ok) expect(await validateSessionToken(changed.token)).not.toBeNull();
    expect(
      (await login({ email: user.email, password: "another long password", ip: freshIp() })).ok,
    ).toBe(true);
  });

  test("five wrong current passwords in 15 minutes, then even the right one waits", async () => {
    const user = await userWithPassword();
    for (let i = 0; i < 5; i++) {
      expect(
        await changePassword({
          userId: user.id,
          currentPassword: `guess number ${i}`,
          newPassword: "another long password",
        }),
      ).toMatchObject({ ok: false, code: "wrong_password" });
    }
    const blocked = await changePassword({
      userId: user.id,
      currentPassword: PASSWORD,
      newPassword: "another long password",
    });
    expect(blocked).toMatchObject({ ok: false, code: "rate_limited" });
    if (!blocked.ok && blocked.code === "rate_limited") {
      expect(blocked.retryAfter).toBeGreaterThan(14 * 60);
    }
    const unchanged = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(unchanged.passwordHash).toBe(user.passwordHash);
  });

  test("a reset link sets a new password once and ends old sessions", async () => {
    const admin = await createUser({ role: "admin" });
    const user = await userWithPassword();
    const old = await createSession(user.id);
    const issued = await issuePasswordReset(user.id, admin.id);
    expect(issued).not.toBeNull();
    const result = await resetPassword({ token: issued!.token, password: "brand new password" });
    expect(result.ok).toBe(true);
    expect(await validateSessionToken(old.token)).toBeNull();
    expect(
      await resetPassword({ token: issued!.token, password: "yet another password" }),
    ).toMatchObject({
      ok: false,
    });
    expect(
      (await login({ email: user.email, password: "brand new password", ip: freshIp() })).ok,
    ).toBe(true);
  });
});
