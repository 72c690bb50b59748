// Logging in, failing to and logging out each leave an audit event: who, from where, and for a
// failure the email tried, never the password.
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { hashPassword } from "./password.server.ts";
import { createSession } from "./session.server.ts";
import { logout } from "./sign-in-audit.server.ts";
import { login } from "./users.server.ts";

const PASSWORD = "a long enough password";
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

async function userWithPassword() {
  const user = await createUser({ role: "editor" });
  await prisma.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(PASSWORD) },
  });
  return user;
}

describe("sign-in audit events", () => {
  test("a login records who logged in and from where", async () => {
    const user = await userWithPassword();
    const ip = freshIp();
    const result = await login({ email: user.email, password: PASSWORD, ip });
    expect(result.ok).toBe(true);
    const events = await prisma.auditEvent.findMany({ where: { action: "session.login" } });
    expect(events.filter((event) => event.actorId === user.id)).toEqual([
      expect.objectContaining({ entityType: "Session", entityId: user.id, after: { ip } }),
    ]);
  });

  test("a failed login records the email tried and the address, never the password", async () => {
    const user = await userWithPassword();
    const ip = freshIp();
    const wrongPassword = "not-the-password-123";
    expect((await login({ email: user.email, password: wrongPassword, ip })).ok).toBe(false);
    expect((await login({ email: " Nobody@Example.org ", password: wrongPassword, ip })).ok).toBe(
      false,
    );
    const events = await prisma.auditEvent.findMany({
      where: { action: "session.login_failed", after: { path: ["ip"], equals: ip } },
      orderBy: { id: "asc" },
    });
    expect(events).toEqual([
      expect.objectContaining({
        actorId: null,
        entityType: "Session",
        entityId: user.id,
        after: { email: user.email, ip },
      }),
      expect.objectContaining({
        actorId: null,
        entityType: "Session",
        entityId: "nobody@example.org",
        after: { email: "nobody@example.org", ip },
      }),
    ]);
    expect(JSON.stringify(events.map(({ id: _id, ...event }) => event))).not.toContain(
      wrongPassword,
    );
  });

  test("a logout ends the session and records it; an unknown session records nothing", async () => {
    const user = await createUser({ role: "viewer" });
    const session = await createSession(user.id);
    const sessionId = (await prisma.session.findFirstOrThrow({ where: { userId: user.id } })).id;
    expect(session.token).toBeTruthy();
    const ip = freshIp();
    await logout(sessionId, { ip });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const events = await prisma.auditEvent.findMany({ where: { actorId: user.id } });
    expect(events).toEqual([
      expect.objectContaining({
        action: "session.logout",
        entityType: "Session",
        entityId: user.id,
        after: { ip },
      }),
    ]);
    await logout(sessionId, { ip });
    expect(await prisma.auditEvent.count({ where: { actorId: user.id } })).toBe(1);
  });
});
