import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import {
  ArchivedError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import {
  failAuditEvents,
  isoDay,
  sampleFiles,
  upload,
  withRowLocked,
} from "#tests/tracking-factories.ts";
import { addEvidence } from "./evidence.server.ts";
import type { ChangeStatusInput } from "./schemas.ts";
import { changeStatus } from "./status-change.server.ts";
import { rejection } from "#tests/rejection.ts";

async function versionOf(id: string) {
  const row = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
  return row.version;
}

async function counts(recommendationId: string) {
  return {
    changes: await prisma.statusChange.count({ where: { recommendationId } }),
    evidence: await prisma.evidence.count({ where: { recommendationId } }),
    files: await prisma.evidenceFile.count(),
    audit: await prisma.auditEvent.count(),
  };
}

describe("changeStatus", () => {
  test("records the change, moves status and version, and audits it", async () => {
    const editor = await createUser({ role: "editor", name: "Ana Editor" });
    const id = "gao-21-322-atf-data";
    const before = await prisma.recommendation.findUniqueOrThrow({ where: { id } });

    const result = await changeStatus(editor.id, {
      recommendationId: id,
      expectedVersion: String(before.version),
      toStatus: "in_progress",
      summary: "  ATF started a data review.  ",
      occurredOn: "2024-03-05",
    });

    const after = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("in_progress");
    expect(after.version).toBe(before.version + 1);
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(before.lastActivityAt.getTime());
    expect(result.version).toBe(after.version);

    const change = await prisma.statusChange.findUniqueOrThrow({ where: { id: result.id } });
    expect(change).toMatchObject({
      recommendationId: id,
      fromStatus: "not_started",
      toStatus: "in_progress",
      summary: "ATF started a data review.",
      createdById: editor.id,
    });
    expect(change.occurredOn.toISOString()).toBe("2024-03-05T00:00:00.000Z");

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: {
        entityType: "Recommendation",
        entityId: id,
        action: "recommendation.status_changed",
      },
    });
    expect(audit.actorId).toBe(editor.id);
    expect(audit.before).toMatchObject({ status: "not_started", version: before.version });
    expect(audit.after).toMatchObject({
      status: "in_progress",
      version: before.version + 1,
      statusChangeId: result.id,
      occurredOn: "2024-03-05",
    });
  });

  test("bad input is refused field by field and writes nothing", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-ice-data";
    const before = await counts(id);
    const base = { recommendationId: id, expectedVersion: 1, toStatus: "in_progress" };

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ summary: "   ", occurredOn: "2024-01-01" }, "summary"],
      [{ summary: "x".repeat(5001), occurredOn: "2024-01-01" }, "summary"],
      [{ summary: "ok", occurredOn: isoDay(2) }, "occurredOn"],
      [{ summary: "ok", occurredOn: "2024-02-30" }, "occurredOn"],
      [{ summary: "ok" }, "occurredOn"],
      [{ summary: "ok", occurredOn: "2024-01-01", toStatus: "done" }, "toStatus"],
      [{ summary: "ok", occurredOn: "2024-01-01", expectedVersion: "" }, "expectedVersion"],
    ];
    for (const [input, field] of cases) {
      const error = await rejection(
        changeStatus(editor.id, { ...base, ...input } as ChangeStatusInput),
      );
      expect(error, field).toBeInstanceOf(ValidationError);
      const fieldErrors = (error as ValidationError).fieldErrors;
      expect(Object.keys(fieldErrors), field).toEqual([field]);
      expect(fieldErrors[field]?.[0], field).toMatch(/\w/);
    }
    expect(await counts(id)).toEqual(before);
  });

  test("a summary of exactly 5000 characters is accepted", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-info-sharing";
    await changeStatus(editor.id, {
      recommendationId: id,
      expectedVersion: await versionOf(id),
      toStatus: "stalled",
      summary: "y".repeat(5000),
      occurredOn: isoDay(0),
    });
    expect((await prisma.recommendation.findUniqueOrThrow({ where: { id } })).status).toBe(
      "stalled",
    );
  });

  test("moving to the current status is a ValidationError on toStatus", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-atf-measures";
    const error = await rejection(
      changeStatus(editor.id, {
        recommendationId: id,
        expectedVersion: await versionOf(id),
        toStatus: "not_started",
        summary: "No change",
        occurredOn: "2024-01-01",
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.toStatus).toHaveLength(1);
    expect(await prisma.statusChange.count({ where: { recommendationId: id } })).toBe(0);
  });

  test("implemented and partially implemented need evidence", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-ice-measures";
    for (const toStatus of ["implemented", "partially_implemented"]) {
      const error = await rejection(
        changeStatus(editor.id, {
          recommendationId: id,
          expectedVersion: await versionOf(id),
          toStatus,
          summary: "Done, we think",
          occurredOn: "2024-01-01",
        }),
      );
      expect(error, toStatus).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["evidenceIds"]);
    }
    expect(await prisma.statusChange.count({ where: { recommendationId: id } })).toBe(0);
  });

  test("a change can rest on existing evidence of the same recommendation", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-cbp-measures";
    const evidence = await addEvidence(editor.id, {
      recommendationId: id,
      kind: "link",
      url: "https://www.gao.gov/products/gao-21-322",
      title: "GAO status page",
    });
    const result = await changeStatus(editor.id, {
      recommendationId: id,
      expectedVersion: await versionOf(id),
      toStatus: "implemented",
      summary: "GAO closed it as implemented.",
      occurredOn: "2024-06-01",
      evidenceIds: evidence.id,
    });
    const change = await prisma.statusChange.findUniqueOrThrow({
      where: { id: result.id },
      include: { evidence: true },
    });
    expect(change.evidence.map((item) => item.id)).toEqual([evidence.id]);
    expect(change.fromStatus).toBe("not_started");
  });

  test("evidence of another recommendation, or archived, or unknown, is refused", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-state-measures";
    const other = await addEvidence(editor.id, {
      recommendationId: "gao-16-223-dhs-mou",
      kind: "link",
      url: "https://example.org/other",
      title: "Other item's evidence",
    });
    const own = await addEvidence(editor.id, {
      recommendationId: id,
      kind: "link",
      url: "https://example.org/own",
      title: "Own evidence",
    });
    await prisma.evidence.update({ where: { id: own.id }, data: { archivedAt: new Date() } });
    for (const evidenceIds of [[other.id], [own.id], ["no-such-evidence"]]) {
      const error = await rejection(
        changeStatus(editor.id, {
          recommendationId: id,
          expectedVersion: await versionOf(id),
          toStatus: "implemented",
          summary: "Implemented",
          occurredOn: "2024-01-01",
          evidenceIds,
        }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["evidenceIds"]);
    }
    expect(await prisma.statusChange.count({ where: { recommendationId: id } })).toBe(0);
  });

  test("new links and files are added with the change and connected to it", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-doj-mou";
    const result = await changeStatus(editor.id, {
      recommendationId: id,
      expectedVersion: await versionOf(id),
      toStatus: "partially_implemented",
      summary: "DOJ signed part of the MOU.",
      occurredOn: "2024-02-10",
      newEvidence: [
        { kind: "link", url: "https://www.justice.gov/mou", title: "DOJ press release" },
        {
          kind: "file",
          file: upload("mou.pdf", sampleFiles.pdf()),
          title: "Signed MOU",
          documentedOn: "2024-02-09",
        },
      ],
    });
    const change = await prisma.statusChange.findUniqueOrThrow({
      where: { id: result.id },
      include: { evidence: { include: { file: true } } },
    });
    expect(change.evidence).toHaveLength(2);
    const file = change.evidence.find((item) => item.kind === "file")!;
    expect(file).toMatchObject({ fileName: "mou.pdf", mimeType: "application/pdf" });
    expect(file.file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.createdById).toBe(editor.id);
    const added = await prisma.auditEvent.count({
      where: { action: "evidence.added", entityId: { in: result.evidenceIds } },
    });
    expect(added).toBe(2);
  });

  test("a bad new file refuses the whole change, naming its field", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-ondcp-indicators";
    const before = await counts(id);
    const error = await rejection(
      changeStatus(editor.id, {
        recommendationId: id,
        expectedVersion: await versionOf(id),
        toStatus: "implemented",
        summary: "Done",
        occurredOn: "2024-01-01",
        newEvidence: [
          { kind: "link", url: "https://example.org/a", title: "A" },
          { kind: "file", file: upload("report.pdf", sampleFiles.png()), title: "B" },
        ],
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["newEvidence[1].file"]);
    expect(await counts(id)).toEqual(before);
  });

  test("a stale version is a conflict that says who changed what", async () => {
    const first = await createUser({ role: "editor", name: "First Editor" });
    const second = await createUser({ role: "editor" });
    const id = "gao-16-235-atf-targets";
    const version = await versionOf(id);
    await changeStatus(first.id, {
      recommendationId: id,
      expectedVersion: version,
      toStatus: "in_progress",
      summary: "Started",
      occurredOn: "2024-01-01",
    });
    const error = await rejection(
      changeStatus(second.id, {
        recommendationId: id,
        expectedVersion: version,
        toStatus: "stalled",
        summary: "Stalled",
        occurredOn: "2024-01-02",
      }),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    const conflict = error as VersionConflictError;
    expect(conflict.expectedVersion).toBe(version);
    expect(conflict.currentVersion).toBe(version + 1);
    expect(conflict.current).toMatchObject({ status: "in_progress", version: version + 1 });
    expect(conflict.changes).toHaveLength(1);
    expect(conflict.changes[0]).toMatchObject({
      action: "recommendation.status_changed",
      actor: { id: first.id, name: "First Editor" },
      before: { status: "not_started" },
      after: { status: "in_progress", version: version + 1 },
    });
    expect(conflict.changes[0]!.at).toBeInstanceOf(Date);
    const row = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("in_progress");
    expect(await prisma.statusChange.count({ where: { recommendationId: id } })).toBe(1);
  });

  test("two concurrent saves of the same version: exactly one wins", async () => {
    const a = await createUser({ role: "editor" });
    const b = await createUser({ role: "editor" });
    const id = "gao-16-235-state-reports";
    const version = await versionOf(id);
    // Both saves are under way before either can write: the race is certain.
    const results = await withRowLocked("Recommendation", id, () =>
      Promise.allSettled(
        [a, b].map((user, i) =>
          changeStatus(user.id, {
            recommendationId: id,
            expectedVersion: version,
            toStatus: i === 0 ? "in_progress" : "stalled",
            summary: `Save ${i}`,
            occurredOn: "2024-01-01",
          }),
        ),
      ),
    );
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result) => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect(await prisma.statusChange.count({ where: { recommendationId: id } })).toBe(1);
    expect(await versionOf(id)).toBe(version + 1);
  });

  test("when the audit event cannot be written, the change is rolled back too", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "pc-1-alignment";
    const before = await counts(id);
    const row = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    const restore = await failAuditEvents("recommendation.status_changed");
    try {
      await expect(
        changeStatus(editor.id, {
          recommendationId: id,
          expectedVersion: row.version,
          toStatus: "implemented",
          summary: "Done",
          occurredOn: "2024-01-01",
          newEvidence: [{ kind: "file", file: upload("a.csv", sampleFiles.csv()), title: "Data" }],
        }),
      ).rejects.toThrow(/audit refused by test/);
    } finally {
      await restore();
    }
    expect(await counts(id)).toEqual(before);
    const after = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ status: row.status, version: row.version });
    expect(after.lastActivityAt).toEqual(row.lastActivityAt);
  });

  test("an unknown recommendation is not found; an archived one refuses", async () => {
    const editor = await createUser({ role: "editor" });
    const input = {
      expectedVersion: 1,
      toStatus: "in_progress",
      summary: "x",
      occurredOn: "2024-01-01",
    };
    await expect(
      changeStatus(editor.id, { ...input, recommendationId: "no-such-item" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await prisma.recommendation.update({
      where: { id: "pc-4-prevention" },
      data: { archivedAt: new Date() },
    });
    await expect(
      changeStatus(editor.id, { ...input, recommendationId: "pc-4-prevention" }),
    ).rejects.toBeInstanceOf(ArchivedError);
  });
});
