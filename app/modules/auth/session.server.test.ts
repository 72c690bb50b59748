import { describe, expect, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { prisma } from "#app/utils/db.server.ts";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from "./session.server.ts";
import { hashToken } from "./token.server.ts";

const DAY = 24 * 60 * 60 * 1000;

describe("sessions", () => {
  test("the database holds the token's SHA-256, never the token", async () => {
    const user = await createUser();
    const { token } = await createSession(user.id);
    const rows = await prisma.session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(hashToken(token));
    expect(rows[0]?.id).not.toContain(token);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a valid token gives the session's user, with a 30-day expiry", async () => {
    const user = await createUser({ role: "editor" });
    const now = new Date();
    const { token, expiresAt } = await createSession(user.id, prisma, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(SESSION_LIFETIME_MS);
    const session = await validateSessionToken(token, now);
    expect(session?.user).toMatchObject({ id: user.id, role: "editor" });
    expect(session?.renewed).toBe(false);
  });

  test("an expired session is refused and deleted", async () => {
    const user = await createUser();
    const start = new Date();
    const { token } = await createSession(user.id, prisma, start);
    const later = new Date(start.getTime() + SESSION_LIFETIME_MS + 1000);
    expect(await validateSessionToken(token, later)).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("sliding expiry: renewed for 30 days when less than 15 remain, not before", async () => {
    const user = await createUser();
    const start = new Date();
    const { token } = await createSession(user.id, prisma, start);

    const day10 = new Date(start.getTime() + 10 * DAY);
    const early = await validateSessionToken(token, day10);
    expect(early?.renewed).toBe(false);

    const day16 = new Date(start.getTime() + 16 * DAY);
    const renewed = await validateSessionToken(token, day16);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBe(day16.getTime() + SESSION_LIFETIME_MS);
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: hashToken(token) } });
    expect(stored.expiresAt.getTime()).toBe(day16.getTime() + SESSION_LIFETIME_MS);

    // Still valid past the first expiry, because it was renewed.
    const day40 = new Date(start.getTime() + 40 * DAY);
    expect(await validateSessionToken(token, day40)).not.toBeNull();
  });

  test("a tampered or unknown token is refused", async () => {
    const user = await createUser();
    const { token } = await createSession(user.id);
    const flipped = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    expect(await validateSessionToken(flipped)).toBeNull();
    expect(await validateSessionToken(`${token}x`)).toBeNull();
    expect(await validateSessionToken("")).toBeNull();
    expect(await validateSessionToken('\'; DROP TABLE "Session"; --')).toBeNull();
    // The real one still works.
    expect(await validateSessionToken(token)).not.toBeNull();
  });

  test("logout deletes one session; revocation ends all of a user's sessions", async () => {
    const user = await createUser();
    const first = await createSession(user.id);
    const second = await createSession(user.id);
    await invalidateSession(hashToken(first.token));
    expect(await validateSessionToken(first.token)).toBeNull();
    expect(await validateSessionToken(second.token)).not.toBeNull();
    await createSession(user.id);
    await invalidateUserSessions(user.id);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await validateSessionToken(second.token)).toBeNull();
  });

  test("a disabled user's session is refused", async () => {
    const user = await createUser();
    const { token } = await createSession(user.id);
    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await validateSessionToken(token)).toBeNull();
  });
});
