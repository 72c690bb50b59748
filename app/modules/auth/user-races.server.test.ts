// Two saves at once: a profile saved twice from the same version keeps one and answers the other
// with a conflict; one invitation accepted twice at once, or two open invitations accepted with
// one email, make one account and answer the other clearly (never an error).
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { withRowLocked } from "#tests/tracking-factories.ts";
import { acceptInvite, createInvite, setPublicName, updateProfile } from "./users.server.ts";

const PASSWORD = "a long enough password";

describe("updateProfile", () => {
  test("two saves from the same version at once: one is kept, the other conflicts", async () => {
    const user = await createUser({ role: "editor", name: "Before" });
    const results = await withRowLocked("User", user.id, () =>
      Promise.all(
        ["From tab A", "From tab B"].map((name) =>
          updateProfile({ userId: user.id, expectedVersion: 1, name, locale: null }),
        ),
      ),
    );
    const kept = results.filter((result) => result.ok);
    const refused = results.filter((result) => !result.ok);
    expect(kept).toHaveLength(1);
    expect(refused).toEqual([
      expect.objectContaining({
        code: "conflict",
        current: expect.objectContaining({ version: 2 }),
      }),
    ]);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.version).toBe(2);
    expect(["From tab A", "From tab B"]).toContain(row.name);
    const refusedResult = refused[0];
    if (refusedResult && refusedResult.code === "conflict") {
      expect(refusedResult.current.name).toBe(row.name);
    }
    const audits = await prisma.auditEvent.count({
      where: { entityId: user.id, action: "user.profile_updated" },
    });
    expect(audits).toBe(1);
  });

  test("a save from an old version conflicts and writes nothing", async () => {
    const user = await createUser({ role: "editor", name: "Before" });
    await updateProfile({ userId: user.id, expectedVersion: 1, name: "First", locale: "es" });
    const stale = await updateProfile({
      userId: user.id,
      expectedVersion: 1,
      name: "Second",
      locale: null,
    });
    expect(stale).toMatchObject({
      ok: false,
      code: "conflict",
      current: { name: "First", locale: "es", version: 2 },
    });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ name: "First", locale: "es", version: 2 });
  });
});

describe("acceptInvite at the same time", () => {
  test("one link accepted twice at once makes one account; the other is told the link is used", async () => {
    const admin = await createUser({ role: "admin" });
    const { token, invite } = await prisma.$transaction((tx) =>
      createInvite({ email: "twice@example.org", role: "editor", createdById: admin.id }, tx),
    );
    const results = await withRowLocked("Invite", invite.id, () =>
      Promise.all(
        ["First", "Second"].map((name) =>
          acceptInvite({ token, email: "", name, password: PASSWORD }),
        ),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([
      expect.objectContaining({ ok: false, code: "invalid_invite" }),
    ]);
    expect(await prisma.user.count({ where: { email: "twice@example.org" } })).toBe(1);
  });

  test("two open links accepted with one email at once: one account, an email error for the other", async () => {
    const admin = await createUser({ role: "admin" });
    const links = await prisma.$transaction(async (tx) => [
      await createInvite({ role: "editor", createdById: admin.id }, tx),
      await createInvite({ role: "viewer", createdById: admin.id }, tx),
    ]);
    const results = await withRowLocked("Invite", links[0]!.invite.id, () =>
      Promise.all(
        links.map(({ token }, index) =>
          acceptInvite({
            token,
            email: "Same.Person@example.org",
            name: `Person ${index}`,
            password: PASSWORD,
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([
      { ok: false, code: "email_taken", field: "email" },
    ]);
    expect(await prisma.user.count({ where: { email: "same.person@example.org" } })).toBe(1);
    // The refused acceptance left its invitation unused: it can still be used with another email.
    const unused = await prisma.invite.count({
      where: { id: { in: links.map((link) => link.invite.id) }, usedAt: null },
    });
    expect(unused).toBe(1);
  });
});

describe("how the public name a person", () => {
  test("the person chooses on their profile to show their name; audited", async () => {
    const user = await createUser({ role: "editor", name: "Pat" });
    expect(
      await updateProfile({
        userId: user.id,
        expectedVersion: 1,
        name: "Pat",
        locale: null,
        showNamePublicly: true,
      }),
    ).toEqual({ ok: true, version: 2 });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ showNamePublicly: true, version: 2 });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: user.id, action: "user.profile_updated" },
    });
    expect(audit.before).toMatchObject({ showNamePublicly: false });
    expect(audit.after).toMatchObject({ showNamePublicly: true });
  });

  test("an admin sets a display name, version-checked and audited; empty means the role", async () => {
    const admin = await createUser({ role: "admin" });
    const user = await createUser({ role: "editor" });
    const input = { userId: user.id, expectedVersion: 1, publicName: "  Field team  " };
    expect(await setPublicName(input, admin.id)).toEqual({ ok: true });
    expect(await setPublicName(input, admin.id)).toEqual({ ok: false, code: "conflict" });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ publicName: "Field team", version: 2 });
    await setPublicName({ userId: user.id, expectedVersion: 2, publicName: " " }, admin.id);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).publicName).toBe(null);
    const audits = await prisma.auditEvent.findMany({
      where: { entityId: user.id, action: "user.public_name_changed" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((event) => [event.actorId, event.after])).toEqual([
      [admin.id, { publicName: "Field team", version: 2 }],
      [admin.id, { publicName: null, version: 3 }],
    ]);
    expect(
      await setPublicName({ userId: "nobody", expectedVersion: 1, publicName: "x" }, admin.id),
    ).toEqual({ ok: false, code: "not_found" });
  });
});
