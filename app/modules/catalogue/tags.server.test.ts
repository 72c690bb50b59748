import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import {
  NotFoundError,
  type ValidationError,
  VersionConflictError,
} from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { failAuditEvents } from "#tests/tracking-factories.ts";
import { archiveTag, createTag, getTag, listTags, unarchiveTag, updateTag } from "./tags.server.ts";
import { rejection } from "#tests/rejection.ts";

describe("tags", () => {
  test("create, edit, archive and unarchive, each audited with its version", async () => {
    const admin = await createUser({ role: "admin" });
    const tag = await createTag(admin.id, {
      slug: "data-sharing",
      name: "Data sharing",
      nameEs: "Intercambio de datos",
    });
    expect(tag).toMatchObject({ slug: "data-sharing", version: 1 });
    await updateTag(admin.id, {
      id: tag.id,
      expectedVersion: 1,
      slug: "information-sharing",
      name: "Information sharing",
    });
    await archiveTag(admin.id, { id: tag.id, expectedVersion: 2 });
    expect((await listTags()).map((item) => item.id)).not.toContain(tag.id);
    await unarchiveTag(admin.id, { id: tag.id, expectedVersion: 3 });
    expect(await getTag(tag.id)).toMatchObject({
      slug: "information-sharing",
      nameEs: null,
      archivedAt: null,
      version: 4,
    });
    const events = await prisma.auditEvent.findMany({
      where: { entityType: "Tag", entityId: tag.id },
      orderBy: { id: "asc" },
    });
    expect(
      events.map((event) => [event.action, (event.after as { version: number }).version]),
    ).toEqual([
      ["tag.created", 1],
      ["tag.edited", 2],
      ["tag.archived", 3],
      ["tag.unarchived", 4],
    ]);
  });

  test("a duplicate slug is a ValidationError on slug; a bad slug is named", async () => {
    const admin = await createUser({ role: "admin" });
    await createTag(admin.id, { slug: "prosecutions", name: "Prosecutions" });
    const duplicate = await rejection(createTag(admin.id, { slug: "prosecutions", name: "Again" }));
    expect((duplicate as ValidationError).fieldErrors).toEqual({
      slug: ["Slug is already used by another tag."],
    });
    for (const slug of ["Has Spaces", "UPPER", "trailing-", "a--b", ""]) {
      const error = await rejection(createTag(admin.id, { slug, name: "x" }));
      expect(Object.keys((error as ValidationError).fieldErrors), slug).toEqual(["slug"]);
    }
    expect(await prisma.tag.count({ where: { name: "x" } })).toBe(0);
  });

  test("a stale edit conflicts, an unknown tag is not found", async () => {
    const admin = await createUser({ role: "admin" });
    const tag = await createTag(admin.id, { slug: "border", name: "Border" });
    await updateTag(admin.id, { id: tag.id, expectedVersion: 1, slug: "border", name: "Border!" });
    await expect(
      updateTag(admin.id, { id: tag.id, expectedVersion: 1, slug: "border", name: "Mine" }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await expect(archiveTag(admin.id, { id: "nope", expectedVersion: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  test("when the audit event cannot be written, the tag is not created", async () => {
    const admin = await createUser({ role: "admin" });
    const restore = await failAuditEvents("tag.created");
    try {
      await expect(createTag(admin.id, { slug: "lost", name: "Lost" })).rejects.toThrow(
        /audit refused by test/,
      );
    } finally {
      await restore();
    }
    expect(await prisma.tag.count({ where: { slug: "lost" } })).toBe(0);
  });
});
