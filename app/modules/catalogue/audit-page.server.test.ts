import { describe, expect, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { createTag } from "./tags.server.ts";
import { entityHref, loadAuditPage } from "./audit-page.server.ts";

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
