// Two-step sign-in against the real database: enrolment, signing in with a code, a code used
// twice, a wrong code, recovery codes, an admin's reset and the tracker-wide rule.
import { generateHOTP } from "@oslojs/otp";
import { RouterContextProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { authMiddleware } from "./auth.server.ts";
import { hashPassword } from "./password.server.ts";
import { createSession, validateSessionToken } from "./session.server.ts";
import {
  completeSignIn,
  confirmEnrolment,
  createChallenge,
  getTwoStepRequirement,
  pendingEnrolment,
  replaceOwnRecoveryCodes,
  requiredFor,
  resetTwoStep,
  setTwoStepRequirement,
  stepAt,
  turnOffTwoStep,
} from "./two-step.server.ts";
import { login } from "./users.server.ts";

const PASSWORD = "a long enough password";
let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;

const codeAt = (key: Uint8Array, at: Date) => generateHOTP(key, stepAt(at), 6);

async function enrolledUser(role: "viewer" | "editor" | "admin" = "editor", at = new Date()) {
  const user = await createUser({ role });
  await prisma.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(PASSWORD) },
  });
  const enrolment = await pendingEnrolment(user.id, "Tracker");
  if (!enrolment) throw new Error("expected a pending key");
  const confirmed = await confirmEnrolment(user.id, codeAt(enrolment.key, at), at);
  if (!confirmed.ok) throw new Error(`enrolment failed: ${confirmed.code}`);
  return { user, key: enrolment.key, recoveryCodes: confirmed.recoveryCodes };
}

describe("enrolment", () => {
  test("a pending key is kept until a current code confirms it; then ten recovery codes", async () => {
    const user = await createUser({ role: "editor" });
    const first = await pendingEnrolment(user.id, "Policy tracker");
    const again = await pendingEnrolment(user.id, "Policy tracker");
    expect(first?.keyText).toBe(again?.keyText);
    expect(first?.key).toHaveLength(20);
    expect(first?.uri).toMatch(/^otpauth:\/\/totp\/Policy%20tracker:/);

    const now = new Date();
    expect(await confirmEnrolment(user.id, "000000x", now)).toEqual({
      ok: false,
      code: "invalid_code",
    });
    const wrong = codeAt(first!.key, new Date(now.getTime() - 5 * 60_000));
    expect((await confirmEnrolment(user.id, wrong, now)).ok).toBe(false);

    const confirmed = await confirmEnrolment(user.id, codeAt(first!.key, now), now);
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    // Only hashes are kept.
    for (const code of confirmed.recoveryCodes) {
      expect(stored.some((row) => row.codeHash.includes(code.replaceAll("-", "")))).toBe(false);
    }
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpPendingKey).toBeNull();
    expect(await pendingEnrolment(user.id, "Policy tracker")).toBeNull();
    expect(
      await prisma.auditEvent.count({
        where: { entityId: user.id, action: "user.two_step_enabled" },
      }),
    ).toBe(1);
  });
});

describe("signing in with two steps", () => {
  test("the password alone opens no session; a current code does, once", async () => {
    const enrolledAt = new Date(Date.now() - 10 * 60_000);
    const { user, key } = await enrolledUser("editor", enrolledAt);
    const ip = freshIp();
    const first = await login({ email: user.email, password: PASSWORD, ip });
    expect(first.ok).toBe(false);
    if (first.ok || first.code !== "two_step") throw new Error("expected the second step");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    const now = new Date();
    const code = codeAt(key, now);
    const wrong = code === "123456" ? "654321" : "123456";
    expect(await completeSignIn({ challenge: first.challenge, code: wrong, ip, now })).toEqual({
      ok: false,
      code: "invalid",
    });
    // As authenticator apps show it, with a space in the middle.
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    const signedIn = await completeSignIn({ challenge: first.challenge, code: spaced, ip, now });
    expect(signedIn.ok).toBe(true);
    if (!signedIn.ok) return;
    expect((await validateSessionToken(signedIn.token))?.user.id).toBe(user.id);
    // The challenge is spent.
    expect((await completeSignIn({ challenge: first.challenge, code, ip, now })).ok).toBe(false);

    // The same code, in a new sign-in within its 30 seconds: refused.
    const second = await login({ email: user.email, password: PASSWORD, ip });
    if (second.ok || second.code !== "two_step") throw new Error("expected the second step");
    expect(await completeSignIn({ challenge: second.challenge, code, ip, now })).toEqual({
      ok: false,
      code: "invalid",
    });
    // The previous step's code (clock drift) is refused too: it is older than the one used.
    const earlier = codeAt(key, new Date(now.getTime() - 30_000));
    expect((await completeSignIn({ challenge: second.challenge, code: earlier, ip, now })).ok).toBe(
      false,
    );
    // The next step's code is accepted (a phone a little ahead).
    const later = codeAt(key, new Date(now.getTime() + 30_000));
    expect((await completeSignIn({ challenge: second.challenge, code: later, ip, now })).ok).toBe(
      true,
    );
    expect(
      await prisma.auditEvent.count({
        where: { entityId: user.id, action: "session.two_step_failed" },
      }),
    ).toBeGreaterThanOrEqual(3);
  });

  test("an expired challenge opens nothing", async () => {
    const { user, key } = await enrolledUser("editor", new Date(Date.now() - 10 * 60_000));
    const startedAt = new Date(Date.now() - 6 * 60_000);
    const { token } = await createChallenge(user.id, startedAt);
    const now = new Date();
    expect(
      await completeSignIn({ challenge: token, code: codeAt(key, now), ip: freshIp(), now }),
    ).toEqual({ ok: false, code: "expired" });
  });

  test("a recovery code works once, whatever its spacing and case", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const ip = freshIp();
    const code = recoveryCodes[3]!;
    const first = await login({ email: user.email, password: PASSWORD, ip });
    if (first.ok || first.code !== "two_step") throw new Error("expected the second step");
    const typed = ` ${code.toUpperCase().replaceAll("-", " ")} `;
    expect((await completeSignIn({ challenge: first.challenge, code: typed, ip })).ok).toBe(true);

    const second = await login({ email: user.email, password: PASSWORD, ip });
    if (second.ok || second.code !== "two_step") throw new Error("expected the second step");
    expect(await completeSignIn({ challenge: second.challenge, code, ip })).toEqual({
      ok: false,
      code: "invalid",
    });
    expect(
      (await completeSignIn({ challenge: second.challenge, code: recoveryCodes[4]!, ip })).ok,
    ).toBe(true);
    expect(
      await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } }),
    ).toBe(2);
  });

  test("wrong codes are limited like wrong passwords", async () => {
    const { user } = await enrolledUser();
    const ip = freshIp();
    const first = await login({ email: user.email, password: PASSWORD, ip });
    if (first.ok || first.code !== "two_step") throw new Error("expected the second step");
    // Five failures a minute per account and address, as for passwords.
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await completeSignIn({ challenge: first.challenge, code: "not-a-code", ip })).toEqual({
        ok: false,
        code: "invalid",
      });
    }
    const limited = await completeSignIn({ challenge: first.challenge, code: "000000", ip });
    expect(limited).toMatchObject({ ok: false, code: "rate_limited" });
  });
});

describe("admin reset and the tracker-wide rule", () => {
  test("an admin's reset turns two-step off, removes the codes and is audited", async () => {
    const admin = await createUser({ role: "admin" });
    const { user } = await enrolledUser();
    expect(await resetTwoStep(user.id, admin.id)).toBe(true);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpKey).toBeNull();
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: user.id, action: "user.two_step_reset" },
    });
    expect(event.actorId).toBe(admin.id);
    // The password alone now signs in.
    const result = await login({ email: user.email, password: PASSWORD, ip: freshIp() });
    expect(result.ok).toBe(true);
    expect(await resetTwoStep("no-such-user", admin.id)).toBe(false);
  });

  test("the rule is stored, audited when it changes, and read by role", async () => {
    const admin = await createUser({ role: "admin" });
    expect(await getTwoStepRequirement()).toBe("nobody");
    await setTwoStepRequirement("admins_and_editors", admin.id);
    expect(await getTwoStepRequirement()).toBe("admins_and_editors");
    await setTwoStepRequirement("admins_and_editors", admin.id);
    const events = await prisma.auditEvent.findMany({
      where: { action: "setting.two_step_required_changed" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toEqual({ twoStepRequiredFor: "admins_and_editors" });
    await setTwoStepRequirement("nobody", admin.id);

    expect(requiredFor("nobody", "admin")).toBe(false);
    expect(requiredFor("admins", "admin")).toBe(true);
    expect(requiredFor("admins", "editor")).toBe(false);
    expect(requiredFor("admins_and_editors", "editor")).toBe(true);
    expect(requiredFor("admins_and_editors", "viewer")).toBe(false);
  });
});

describe("the rule at every request, and turning two-step off", () => {
  /** What the app answers `path` for this session: the middleware, then a page saying 200. */
  async function visit(token: string, path: string): Promise<Response> {
    const request = new Request(`http://localhost${path}`, {
      headers: { Cookie: `session=${token}` },
    });
    try {
      return (await authMiddleware(
        {
          request,
          context: new RouterContextProvider(),
          params: {},
          unstable_pattern: "",
        } as never,
        async () => new Response("page"),
      )) as Response;
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
  }

  test("an editor without two-step is sent to enrolment while the rule covers editors", async () => {
    const admin = await createUser({ role: "admin" });
    const editor = await createUser({ role: "editor" });
    const viewer = await createUser({ role: "viewer" });
    const { user: enrolled } = await enrolledUser("editor");
    const [editorSession, viewerSession, enrolledSession] = await Promise.all(
      [editor, viewer, enrolled].map((user) => createSession(user.id)),
    );
    await setTwoStepRequirement("admins", admin.id);
    expect((await visit(editorSession!.token, "/recommendations")).status).toBe(200);
    await setTwoStepRequirement("admins_and_editors", admin.id);
    try {
      const sent = await visit(editorSession!.token, "/recommendations");
      expect(sent.status).toBe(302);
      expect(sent.headers.get("Location")).toBe("/account/two-step");
      expect((await visit(editorSession!.token, "/recommendations.data")).status).toBe(302);
      for (const path of ["/account/two-step", "/account/two-step.data", "/logout", "/language"]) {
        expect((await visit(editorSession!.token, path)).status, path).toBe(200);
      }
      expect((await visit(viewerSession!.token, "/recommendations")).status).toBe(200);
      expect((await visit(enrolledSession!.token, "/recommendations")).status).toBe(200);
    } finally {
      await setTwoStepRequirement("nobody", admin.id);
    }
    expect((await visit(editorSession!.token, "/recommendations")).status).toBe(200);
  });

  test("turning off needs the password or a current code", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    expect(await turnOffTwoStep(user.id, "not the password")).toEqual({
      ok: false,
      code: "invalid",
    });
    expect(await turnOffTwoStep(user.id, recoveryCodes[0]!)).toEqual({ ok: true });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).toBeNull();
    expect(
      await prisma.auditEvent.count({
        where: { entityId: user.id, action: "user.two_step_disabled" },
      }),
    ).toBe(1);
  });

  test("new recovery codes need the password or a code; the old ones stop working", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    expect(await replaceOwnRecoveryCodes(user.id, "not the password")).toEqual({
      ok: false,
      code: "invalid",
    });
    const replaced = await replaceOwnRecoveryCodes(user.id, PASSWORD);
    if (!replaced.ok) throw new Error(`expected new codes: ${replaced.code}`);
    expect(replaced.recoveryCodes).toHaveLength(10);
    expect(replaced.recoveryCodes).not.toContain(recoveryCodes[0]);

    const ip = freshIp();
    const first = await login({ email: user.email, password: PASSWORD, ip });
    if (first.ok || first.code !== "two_step") throw new Error("expected the second step");
    expect(
      await completeSignIn({ challenge: first.challenge, code: recoveryCodes[0]!, ip }),
    ).toEqual({ ok: false, code: "invalid" });
    expect(
      (await completeSignIn({ challenge: first.challenge, code: replaced.recoveryCodes[0]!, ip }))
        .ok,
    ).toBe(true);
    expect(
      await prisma.auditEvent.count({
        where: { entityId: user.id, action: "user.two_step_codes_replaced" },
      }),
    ).toBe(1);

    // Nothing to replace for a person without two-step sign-in.
    const other = await createUser({ role: "editor" });
    await prisma.user.update({
      where: { id: other.id },
      data: { passwordHash: await hashPassword(PASSWORD) },
    });
    expect(await replaceOwnRecoveryCodes(other.id, PASSWORD)).toEqual({
      ok: false,
      code: "not_enabled",
    });
  });
});
