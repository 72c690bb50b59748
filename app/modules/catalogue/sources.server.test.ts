import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { NotFoundError, ValidationError, VersionConflictError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { failAuditEvents, withRowLocked } from "#tests/tracking-factories.ts";
import { guardUnique } from "./common.server.ts";
import type { SourceInput } from "./schemas.ts";
import {
  archiveSource,
  createSource,
  getSource,
  listSources,
  unarchiveSource,
  updateSource,
} from "./sources.server.ts";
import { rejection } from "#tests/rejection.ts";

const gaoReport = (overrides: Partial<SourceInput> = {}): SourceInput => ({
  code: "GAO-24-106000",
  title: "Firearms Trafficking: Further Actions Needed",
  titleEs: "",
  publisher: "U.S. Government Accountability Office",
  kind: "gao_report",
  publishedDate: "2024-05",
  url: "https://www.gao.gov/products/gao-24-106000",
  ...overrides,
});

describe("createSource", () => {
  test("creates the source, version 1, and audits every field", async () => {
    const admin = await createUser({ role: "admin" });
    const source = await createSource(admin.id, gaoReport());
    expect(source).toMatchObject({
      code: "GAO-24-106000",
      titleEs: null,
      titleEsSource: "translation",
      publishedDate: "2024-05",
      archivedAt: null,
      version: 1,
    });
    const row = await prisma.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(row.publisher).toBe("U.S. Government Accountability Office");
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "Source", entityId: source.id },
    });
    expect(audit).toMatchObject({ action: "source.created", actorId: admin.id });
    expect(audit.after).toMatchObject({ code: "GAO-24-106000", kind: "gao_report", version: 1 });
  });

  test("a code already used, whatever its case, is a ValidationError on code", async () => {
    const admin = await createUser({ role: "admin" });
    const before = await prisma.source.count();
    for (const code of ["GAO-21-322", "gao-21-322"]) {
      const error = await rejection(createSource(admin.id, gaoReport({ code })));
      expect(error, code).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual({
        code: ["Code is already used by another source."],
      });
    }
    expect(await prisma.source.count()).toBe(before);
  });

  test("two admins creating the same code at once: one source, one field error", async () => {
    const admin = await createUser({ role: "admin" });
    const results = await Promise.allSettled([
      createSource(admin.id, gaoReport({ code: "RACE-1" })),
      createSource(admin.id, gaoReport({ code: "RACE-1" })),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const reasons = results.flatMap((result) =>
      result.status === "rejected" ? [result.reason] : [],
    );
    expect(reasons).toEqual([expect.any(ValidationError)]);
    expect((reasons[0] as ValidationError).fieldErrors.code).toBeDefined();
    expect(await prisma.source.count({ where: { code: "RACE-1" } })).toBe(1);
  });

  test("two admins creating one code in two cases at once: one source, one field error", async () => {
    const admin = await createUser({ role: "admin" });
    const results = await Promise.allSettled([
      createSource(admin.id, gaoReport({ code: "RACE-2" })),
      createSource(admin.id, gaoReport({ code: "race-2" })),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const reasons = results.flatMap((result) =>
      result.status === "rejected" ? [result.reason] : [],
    );
    expect(reasons).toEqual([expect.any(ValidationError)]);
    expect(
      await prisma.source.count({ where: { code: { equals: "RACE-2", mode: "insensitive" } } }),
    ).toBe(1);
  });

  test("a unique violation raised by the database itself becomes the field error", async () => {
    const duplicate = () =>
      prisma.source.create({
        data: { code: "GAO-21-322", title: "x", publisher: "x", kind: "other" },
      });
    const error = await rejection(guardUnique("code", "Code is taken.", duplicate));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ code: ["Code is taken."] });
    // A violation on another field is not disguised as this one.
    const other = await rejection(guardUnique("slug", "Slug is taken.", duplicate));
    expect(other).not.toBeInstanceOf(ValidationError);
  });

  test("bad fields are refused, each named, and nothing is written", async () => {
    const admin = await createUser({ role: "admin" });
    const before = { sources: await prisma.source.count(), audit: await prisma.auditEvent.count() };
    const cases: Array<[Partial<SourceInput>, string]> = [
      [{ code: "" }, "code"],
      [{ code: "GAO 24/1" }, "code"],
      [{ title: "  " }, "title"],
      [{ publisher: "" }, "publisher"],
      [{ kind: "blog" }, "kind"],
      [{ publishedDate: "2024-13" }, "publishedDate"],
      [{ publishedDate: "2023-02-29" }, "publishedDate"],
      [{ publishedDate: "May 2024" }, "publishedDate"],
      [{ url: "javascript:alert(1)" }, "url"],
      [{ url: "www.gao.gov" }, "url"],
      [{ titleEsSource: "machine" }, "titleEsSource"],
    ];
    for (const [override, field] of cases) {
      const error = await rejection(
        createSource(admin.id, gaoReport({ code: "NEW-1", ...override })),
      );
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors), field).toEqual([field]);
      expect((error as ValidationError).fieldErrors[field]?.[0], field).toMatch(/^[A-Z]/);
    }
    expect({
      sources: await prisma.source.count(),
      audit: await prisma.auditEvent.count(),
    }).toEqual(before);
  });

  test("published dates may be a year, a month or a day", async () => {
    const admin = await createUser({ role: "admin" });
    for (const [index, publishedDate] of ["2021", "2016-01", "2024-02-29", ""].entries()) {
      const source = await createSource(
        admin.id,
        gaoReport({ code: `DATE-${index}`, publishedDate }),
      );
      expect(source.publishedDate).toBe(publishedDate || null);
    }
  });

  test("when the audit event cannot be written, the source is not created", async () => {
    const admin = await createUser({ role: "admin" });
    const restore = await failAuditEvents("source.created");
    try {
      await expect(createSource(admin.id, gaoReport({ code: "LOST-1" }))).rejects.toThrow(
        /audit refused by test/,
      );
    } finally {
      await restore();
    }
    expect(await prisma.source.count({ where: { code: "LOST-1" } })).toBe(0);
  });
});

describe("updateSource", () => {
  test("saves the form under a version check and audits only what changed", async () => {
    const admin = await createUser({ role: "admin" });
    const source = await createSource(admin.id, gaoReport({ code: "EDIT-1" }));
    const updated = await updateSource(admin.id, {
      ...gaoReport({ code: "EDIT-1", title: "New title", titleEs: "Nuevo título" }),
      id: source.id,
      expectedVersion: "1",
    });
    expect(updated).toMatchObject({ title: "New title", titleEs: "Nuevo título", version: 2 });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: source.id, action: "source.edited" },
    });
    expect(audit.before).toEqual({
      title: "Firearms Trafficking: Further Actions Needed",
      titleEs: null,
      version: 1,
    });
    expect(audit.after).toEqual({ title: "New title", titleEs: "Nuevo título", version: 2 });
  });

  test("renaming to another source's code is refused; keeping its own code is fine", async () => {
    const admin = await createUser({ role: "admin" });
    const source = await createSource(admin.id, gaoReport({ code: "EDIT-2" }));
    const error = await rejection(
      updateSource(admin.id, {
        ...gaoReport({ code: "gao-16-223" }),
        id: source.id,
        expectedVersion: 1,
      }),
    );
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["code"]);
    const renamed = await updateSource(admin.id, {
      ...gaoReport({ code: "edit-2" }),
      id: source.id,
      expectedVersion: 1,
    });
    expect(renamed.code).toBe("edit-2");
  });

  test("a stale version is a conflict with the current values and who changed them", async () => {
    const first = await createUser({ role: "admin", name: "First Admin" });
    const second = await createUser({ role: "admin" });
    const source = await createSource(first.id, gaoReport({ code: "EDIT-3" }));
    await updateSource(first.id, {
      ...gaoReport({ code: "EDIT-3", publisher: "GAO" }),
      id: source.id,
      expectedVersion: 1,
    });
    const error = await rejection(
      updateSource(second.id, {
        ...gaoReport({ code: "EDIT-3", title: "Mine" }),
        id: source.id,
        expectedVersion: 1,
      }),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    const conflict = error as VersionConflictError;
    expect(conflict.current).toMatchObject({ publisher: "GAO", version: 2 });
    expect(conflict.changes).toEqual([
      expect.objectContaining({
        action: "source.edited",
        actor: { id: first.id, name: "First Admin" },
        before: { publisher: "U.S. Government Accountability Office", version: 1 },
        after: { publisher: "GAO", version: 2 },
      }),
    ]);
    expect((await getSource(source.id)).title).toBe(source.title);
  });

  test("two concurrent edits of the same version: exactly one wins", async () => {
    const admin = await createUser({ role: "admin" });
    const source = await createSource(admin.id, gaoReport({ code: "EDIT-4" }));
    const results = await withRowLocked("Source", source.id, () =>
      Promise.allSettled(
        ["A", "B"].map((title) =>
          updateSource(admin.id, {
            ...gaoReport({ code: "EDIT-4", title }),
            id: source.id,
            expectedVersion: 1,
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(
      results.flatMap((result) => (result.status === "rejected" ? [result.reason] : [])),
    ).toEqual([expect.any(VersionConflictError)]);
    expect((await getSource(source.id)).version).toBe(2);
  });

  test("a missing version or unknown id is refused", async () => {
    const admin = await createUser({ role: "admin" });
    const error = await rejection(
      updateSource(admin.id, { ...gaoReport(), id: "src-gao-21-322", expectedVersion: "" }),
    );
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["expectedVersion"]);
    await expect(
      updateSource(admin.id, { ...gaoReport({ code: "X-1" }), id: "nope", expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("archiveSource and unarchiveSource", () => {
  test("archive and bring back, each audited with the new version", async () => {
    const admin = await createUser({ role: "admin" });
    const source = await createSource(admin.id, gaoReport({ code: "ARCH-1" }));
    const archived = await archiveSource(admin.id, { id: source.id, expectedVersion: 1 });
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.version).toBe(2);
    expect((await listSources()).some((item) => item.id === source.id)).toBe(false);
    expect(
      (await listSources({ includeArchived: true })).some((item) => item.id === source.id),
    ).toBe(true);

    await expect(
      unarchiveSource(admin.id, { id: source.id, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    const back = await unarchiveSource(admin.id, { id: source.id, expectedVersion: 2 });
    expect(back).toMatchObject({ archivedAt: null, version: 3 });

    const actions = await prisma.auditEvent.findMany({
      where: { entityId: source.id },
      orderBy: { id: "asc" },
      select: { action: true, after: true },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "source.created",
      "source.archived",
      "source.unarchived",
    ]);
    expect(actions[1]?.after).toMatchObject({ version: 2 });
    expect(actions[2]?.after).toEqual({ archivedAt: null, version: 3 });
  });

  test("archiving keeps the source's recommendations and counts them", async () => {
    const admin = await createUser({ role: "admin" });
    const before = await prisma.recommendation.count({ where: { sourceId: "src-gao-16-223" } });
    const listed = (await listSources()).find((item) => item.code === "GAO-16-223");
    expect(listed?.recommendationCount).toBe(before);
    await archiveSource(admin.id, { id: "src-gao-16-223", expectedVersion: 1 });
    expect(await prisma.recommendation.count({ where: { sourceId: "src-gao-16-223" } })).toBe(
      before,
    );
  });

  test("when the audit event cannot be written, the source stays as it was", async () => {
    const admin = await createUser({ role: "admin" });
    const source = await createSource(admin.id, gaoReport({ code: "ARCH-2" }));
    const restore = await failAuditEvents("source.archived");
    try {
      await expect(archiveSource(admin.id, { id: source.id, expectedVersion: 1 })).rejects.toThrow(
        /audit refused by test/,
      );
    } finally {
      await restore();
    }
    expect(await getSource(source.id)).toMatchObject({ archivedAt: null, version: 1 });
  });
});
