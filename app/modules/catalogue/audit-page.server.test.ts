import { describe, expect, test } from "vitest";
import { refKey } from "#app/modules/audit/audit-values.ts";
import { inviteUser, revokeInvite } from "#app/modules/auth/users.server.ts";
import { addEvidence } from "#app/modules/tracking/evidence.server.ts";
import { createNote } from "#app/modules/tracking/notes.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { createTag } from "./tags.server.ts";
import { entityHref, loadAuditPage, resolveAuditRefs } from "./audit-page.server.ts";

describe("loadAuditPage", () => {
  test("filters by the URL's query and keeps the filters as typed", async () => {
    const admin = await createUser({ role: "admin", name: "Ana Admin" });
    const tag = await createTag(admin.id, { slug: "audited", name: "Audited" });
    const page = await loadAuditPage(
      new URLSearchParams({ actorId: admin.id, entityType: "Tag", from: "2000-01-01", to: "" }),
    );
    expect(page.filters).toEqual({
      actorId: admin.id,
      entityType: "Tag",
      entityId: "",
      from: "2000-01-01",
      to: "",
    });
    expect(page.page.items).toEqual([
      expect.objectContaining({
        action: "tag.created",
        entityId: tag.id,
        actor: expect.objectContaining({ name: "Ana Admin" }),
        href: `/admin/catalogue/tags/${tag.id}`,
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      }),
    ]);
    expect(page.refs[refKey("Tag", tag.id)]).toMatchObject({ label: "audited" });
    expect(page.users).toContainEqual({ id: admin.id, name: "Ana Admin", email: admin.email });
  });

  test("a bad filter is a 400 naming it", async () => {
    for (const [query, field] of [
      ["from=2024-02-30", "from"],
      ["to=yesterday", "to"],
      ["page=0", "page"],
    ]) {
      try {
        await loadAuditPage(new URLSearchParams(query));
        throw new Error(`expected ${query} to be refused`);
      } catch (error) {
        const response = error as { data: { field: string }; init: ResponseInit };
        expect(response.init.status).toBe(400);
        expect(response.data.field).toBe(field);
      }
    }
  });
});

describe("resolveAuditRefs", () => {
  test("names the records a page of events mentions, by reference, code, title or name", async () => {
    const editor = await createUser({ role: "editor", name: "Rita Resolver" });
    const recommendation = await prisma.recommendation.findFirstOrThrow({
      where: { archivedAt: null },
      select: { id: true, reference: true },
    });
    const tag = await createTag(editor.id, { slug: "named-tag", name: "Named" });
    const note = await createNote(editor.id, {
      recommendationId: recommendation.id,
      body: "Checked",
    });
    const evidence = await addEvidence(editor.id, {
      recommendationId: recommendation.id,
      kind: "link",
      url: "https://example.org/letter",
      title: "Letter of the agency",
    });
    const invite = await inviteUser({ email: "gone@example.org", role: "viewer" }, editor.id);
    if (!invite.ok) throw new Error("invitation refused");
    const inviteRow = await prisma.invite.findFirstOrThrow({
      where: { email: "gone@example.org" },
    });
    await revokeInvite(inviteRow.id, editor.id);

    const events = await prisma.auditEvent.findMany({
      where: { actorId: editor.id },
      select: { entityType: true, entityId: true, before: true, after: true },
    });
    const refs = await resolveAuditRefs([
      ...events,
      { entityType: "User", entityId: editor.id, before: null, after: null },
      {
        entityType: "Recommendation",
        entityId: recommendation.id,
        before: null,
        after: { evidenceIds: [evidence.id, "no-such-evidence"] },
      },
    ]);

    expect(refs[refKey("Tag", tag.id)]).toEqual({
      label: "named-tag",
      href: `/admin/catalogue/tags/${tag.id}`,
    });
    expect(refs[refKey("Recommendation", recommendation.id)]).toEqual({
      label: recommendation.reference,
      href: `/recommendations/${recommendation.id}`,
    });
    expect(refs[refKey("Note", note.id)]).toMatchObject({
      label: recommendation.reference,
      on: true,
    });
    expect(refs[refKey("Evidence", evidence.id)]).toEqual({
      label: "Letter of the agency",
      href: `/recommendations/${recommendation.id}#evidence-heading`,
    });
    expect(refs[refKey("User", editor.id)]).toEqual({ label: "Rita Resolver", href: null });
    // The revoked invitation's row is gone; its event still says whom it was for.
    expect(refs[refKey("Invite", inviteRow.id)]).toEqual({ label: "gone@example.org", href: null });
    expect(refs[refKey("Evidence", "no-such-evidence")]).toBeUndefined();
  });
});

test("records link to their page where they have one", () => {
  expect(entityHref({ entityType: "Recommendation", entityId: "gao-21-322-atf-data" })).toBe(
    "/recommendations/gao-21-322-atf-data",
  );
  expect(entityHref({ entityType: "Source", entityId: "src-bf-2021" })).toBe(
    "/admin/catalogue/sources/src-bf-2021",
  );
  expect(entityHref({ entityType: "Goal", entityId: "goal-1.1" })).toBe(
    "/admin/catalogue/goals/goal-1.1",
  );
  expect(entityHref({ entityType: "User", entityId: "x" })).toBeNull();
});
