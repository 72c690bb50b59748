import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { NotFoundError, ValidationError, VersionConflictError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { failAuditEvents, isoDay, withRowLocked } from "#tests/tracking-factories.ts";
import type { UpdateTrackingInput } from "./schemas.ts";
import { changeStatus } from "./status-change.server.ts";
import { markVerified, updateTracking } from "./tracking-fields.server.ts";
import { rejection } from "#tests/rejection.ts";

async function load(id: string) {
  return prisma.recommendation.findUniqueOrThrow({
    where: { id },
    include: {
      actors: { select: { code: true } },
      goals: { select: { code: true } },
      tags: { select: { slug: true } },
    },
  });
}

describe("updateTracking", () => {
  test("saves every tracking field, bumps the version and audits only what changed", async () => {
    const editor = await createUser({ role: "editor" });
    const tag = await prisma.tag.create({ data: { slug: "data-sharing", name: "Data sharing" } });
    const id = "gao-21-322-atf-data";
    const before = await load(id);
    const actorsBefore = before.actors.map((actor) => actor.code).sort();
    expect(actorsBefore).toEqual(["ATF", "DOJ"]);
    expect(before.goals.map((goal) => goal.code)).toEqual(["2"]);

    const values = await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: before.version,
      statusOfficial: "open",
      statusOfficialAsOf: "2024-05-01",
      actors: ["atf", "actor-ice"],
      goals: "1.1.1",
      tags: [tag.id],
      priority: "high",
      dueDate: isoDay(200),
      statusNote: "  GAO listed it as open on its recommendations page.  ",
    });

    const after = await load(id);
    expect(after).toMatchObject({
      statusOfficial: "open",
      priority: "high",
      version: before.version + 1,
      status: before.status,
    });
    expect(after.statusOfficialAsOf?.toISOString().slice(0, 10)).toBe("2024-05-01");
    expect(after.statusNote).toBe("GAO listed it as open on its recommendations page.");
    expect(after.dueDate?.toISOString().slice(0, 10)).toBe(isoDay(200));
    expect(after.actors.map((actor) => actor.code).sort()).toEqual(["ATF", "ICE"]);
    expect(after.goals.map((goal) => goal.code)).toEqual(["1.1.1"]);
    expect(after.tags.map((item) => item.slug)).toEqual(["data-sharing"]);
    expect(values).toMatchObject({ actors: ["ATF", "ICE"], version: before.version + 1 });

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: "recommendation.tracking_updated" },
    });
    expect(audit.actorId).toBe(editor.id);
    expect(audit.before).toEqual({
      statusOfficial: null,
      statusOfficialAsOf: null,
      actors: actorsBefore,
      goals: ["2"],
      tags: [],
      priority: null,
      dueDate: null,
      statusNote: before.statusNote,
      version: before.version,
    });
    expect(audit.after).toEqual({
      statusOfficial: "open",
      statusOfficialAsOf: "2024-05-01",
      actors: ["ATF", "ICE"],
      goals: ["1.1.1"],
      tags: ["data-sharing"],
      priority: "high",
      dueDate: isoDay(200),
      statusNote: "GAO listed it as open on its recommendations page.",
      version: before.version + 1,
    });
  });

  test("fields left out are cleared, as the form shows them", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-ice-data";
    const first = await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: (await load(id)).version,
      actors: ["ICE"],
      priority: "low",
      dueDate: "2030-01-01",
    });
    await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: first.version,
      actors: "",
      priority: "",
    });
    const after = await load(id);
    expect(after).toMatchObject({ priority: null, dueDate: null, statusOfficial: null });
    expect(after.actors).toEqual([]);
    expect(after.goals).toEqual([]);
  });

  test("a change of official status is kept in its history; other saves add nothing", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-doj-mou";
    const history = () =>
      prisma.officialStatusChange.findMany({
        where: { recommendationId: id },
        orderBy: { createdAt: "asc" },
      });
    const first = await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: (await load(id)).version,
      statusOfficial: "open",
      statusOfficialAsOf: "2024-05-01",
    });
    // Same official status and date, another field: no new history row.
    const second = await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: first.version,
      statusOfficial: "open",
      statusOfficialAsOf: "2024-05-01",
      priority: "high",
    });
    await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: second.version,
      statusOfficial: "closed_implemented",
      statusOfficialAsOf: "2025-02-03",
    });
    const rows = await history();
    expect(
      rows.map((row) => ({
        from: row.fromStatus,
        fromAsOf: row.fromAsOf?.toISOString().slice(0, 10) ?? null,
        to: row.toStatus,
        asOf: row.asOf?.toISOString().slice(0, 10) ?? null,
        by: row.createdById,
      })),
    ).toEqual([
      { from: null, fromAsOf: null, to: "open", asOf: "2024-05-01", by: editor.id },
      {
        from: "open",
        fromAsOf: "2024-05-01",
        to: "closed_implemented",
        asOf: "2025-02-03",
        by: editor.id,
      },
    ]);
  });

  test("an official status needs its date; a date without a status is dropped", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-info-sharing";
    const version = (await load(id)).version;
    const error = await rejection(
      updateTracking(editor.id, {
        recommendationId: id,
        expectedVersion: version,
        statusOfficial: "closed_implemented",
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["statusOfficialAsOf"]);
    expect((await load(id)).version).toBe(version);

    await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: version,
      statusOfficialAsOf: "2024-01-01",
    });
    expect((await load(id)).statusOfficialAsOf).toBeNull();
  });

  test("bad values are refused field by field and nothing changes", async () => {
    const editor = await createUser({ role: "editor" });
    const archived = await prisma.actor.create({
      data: { code: "OLD-AGENCY", name: "Old agency", country: "US", archivedAt: new Date() },
    });
    const id = "gao-21-322-atf-measures";
    const before = await load(id);
    const cases: Array<[Partial<UpdateTrackingInput>, string]> = [
      [{ actors: ["ATF", "NOPE"] }, "actors"],
      [{ actors: [archived.code] }, "actors"],
      [{ goals: ["9.9.9"] }, "goals"],
      [{ tags: ["no-such-tag"] }, "tags"],
      [{ priority: "urgent" }, "priority"],
      [{ statusOfficial: "closed", statusOfficialAsOf: "2024-01-01" }, "statusOfficial"],
      [{ statusOfficial: "open", statusOfficialAsOf: isoDay(5) }, "statusOfficialAsOf"],
      [{ dueDate: "2030-13-01" }, "dueDate"],
    ];
    for (const [extra, field] of cases) {
      const error = await rejection(
        updateTracking(editor.id, {
          recommendationId: id,
          expectedVersion: before.version,
          ...extra,
        }),
      );
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors), field).toEqual([field]);
    }
    const after = await load(id);
    expect(after.version).toBe(before.version);
    expect(after.actors).toEqual(before.actors);
  });

  test("an archived actor already linked may stay", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-cbp-measures";
    const actor = await prisma.actor.create({
      data: { code: "LEGACY", name: "Legacy office", country: "US" },
    });
    await prisma.recommendation.update({
      where: { id },
      data: { actors: { connect: { id: actor.id } } },
    });
    await prisma.actor.update({ where: { id: actor.id }, data: { archivedAt: new Date() } });
    const values = await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: (await load(id)).version,
      actors: ["CBP", "LEGACY"],
    });
    expect(values.actors).toEqual(["CBP", "LEGACY"]);
  });

  test("a save from before someone's status change is a conflict listing that change", async () => {
    const first = await createUser({ role: "editor", name: "Status Setter" });
    const second = await createUser({ role: "editor" });
    const id = "gao-21-322-state-measures";
    const version = (await load(id)).version;
    await changeStatus(first.id, {
      recommendationId: id,
      expectedVersion: version,
      toStatus: "in_progress",
      summary: "Started",
      occurredOn: "2024-01-01",
    });
    const error = await rejection(
      updateTracking(second.id, {
        recommendationId: id,
        expectedVersion: version,
        priority: "high",
      }),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    const conflict = error as VersionConflictError;
    expect(conflict.current).toMatchObject({
      status: "in_progress",
      priority: null,
      actors: ["STATE"],
      version: version + 1,
    });
    expect(conflict.changes.map((change) => change.action)).toEqual([
      "recommendation.status_changed",
    ]);
    expect(conflict.changes[0]?.actor?.name).toBe("Status Setter");
    expect((await load(id)).priority).toBeNull();
  });

  test("two concurrent saves of the same version: exactly one wins", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-dhs-mou";
    const version = (await load(id)).version;
    const results = await withRowLocked("Recommendation", id, () =>
      Promise.allSettled(
        (["low", "high"] as const).map((priority) =>
          updateTracking(editor.id, { recommendationId: id, expectedVersion: version, priority }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(
      results.flatMap((result) => (result.status === "rejected" ? [result.reason] : [])),
    ).toEqual([expect.any(VersionConflictError)]);
    expect((await load(id)).version).toBe(version + 1);
    expect(
      await prisma.auditEvent.count({
        where: { entityId: id, action: "recommendation.tracking_updated" },
      }),
    ).toBe(1);
  });

  test("when the audit event cannot be written, nothing is saved", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-doj-mou";
    const before = await load(id);
    const restore = await failAuditEvents("recommendation.tracking_updated");
    try {
      await expect(
        updateTracking(editor.id, {
          recommendationId: id,
          expectedVersion: before.version,
          priority: "high",
          actors: ["ATF"],
        }),
      ).rejects.toThrow(/audit refused by test/);
    } finally {
      await restore();
    }
    const after = await load(id);
    expect(after).toMatchObject({ priority: null, version: before.version });
    expect(after.actors).toEqual(before.actors);
  });

  test("an unknown recommendation is not found", async () => {
    const editor = await createUser({ role: "editor" });
    await expect(
      updateTracking(editor.id, { recommendationId: "nope", expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("markVerified", () => {
  test("sets lastVerifiedAt and audits it without touching the version", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-235-atf-targets";
    const before = await load(id);
    expect(before.lastVerifiedAt).toBeNull();
    const started = Date.now();
    const { lastVerifiedAt } = await markVerified(id, editor.id);
    const after = await load(id);
    expect(after.lastVerifiedAt?.getTime()).toBe(lastVerifiedAt.getTime());
    expect(lastVerifiedAt.getTime()).toBeGreaterThanOrEqual(started);
    expect(after.version).toBe(before.version);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: "recommendation.verified" },
    });
    expect(audit).toMatchObject({ actorId: editor.id, before: { lastVerifiedAt: null } });

    // A form opened before the check still saves.
    await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: before.version,
      priority: "medium",
    });
    expect((await load(id)).priority).toBe("medium");
  });

  test("rolled back with its audit event; unknown items are not found", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-235-state-reports";
    const restore = await failAuditEvents("recommendation.verified");
    try {
      await expect(markVerified(id, editor.id)).rejects.toThrow(/audit refused by test/);
    } finally {
      await restore();
    }
    expect((await load(id)).lastVerifiedAt).toBeNull();
    await expect(markVerified("nope", editor.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
