import { describe, expect, test } from "vitest";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import {
  ArchivedError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { failAuditEvents, withRowLocked } from "#tests/tracking-factories.ts";
import {
  archiveRecommendation,
  createRecommendation,
  getRecommendationValues,
  unarchiveRecommendation,
  updateRecommendation,
} from "./recommendations.server.ts";
import type { RecommendationInput } from "./schemas.ts";
import { slugify, uniqueSlug } from "./slug.ts";
import { rejection } from "#tests/rejection.ts";

const item = (overrides: Partial<RecommendationInput> = {}): RecommendationInput => ({
  source: "gao-21-322",
  reference: "GAO-21-322 #8",
  title: "Assess tracing data",
  titleEs: "Evaluar los datos de rastreo",
  text: "The Director of ATF should assess firearms tracing data.",
  textIsParaphrase: "on",
  country: "US",
  actors: ["ATF"],
  goals: ["2"],
  verificationLevel: "official_summary",
  sourceUrl: "https://www.gao.gov/products/gao-21-322",
  ...overrides,
});

describe("createRecommendation", () => {
  test("a new item gets a slug id from its reference and is audited", async () => {
    const admin = await createUser({ role: "admin" });
    const created = await createRecommendation(admin.id, item());
    expect(created).toMatchObject({
      id: "gao-21-322-8",
      source: "GAO-21-322",
      reference: "GAO-21-322 #8",
      textIsParaphrase: true,
      verified: false,
      goalMapping: "editorial",
      titleEsSource: "translation",
      actors: ["ATF"],
      goals: ["2"],
      status: "not_started",
      version: 1,
    });
    const row = await prisma.recommendation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.sourceId).toBe("src-gao-21-322");
    const maxPosition = await prisma.recommendation.aggregate({ _max: { position: true } });
    expect(row.position).toBe(maxPosition._max.position);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "Recommendation", entityId: created.id },
    });
    expect(audit).toMatchObject({ action: "recommendation.created", actorId: admin.id });
    expect(audit.after).toMatchObject({
      reference: "GAO-21-322 #8",
      status: "not_started",
      version: 1,
    });
  });

  test("the same reference in another source gets the next free id", async () => {
    const admin = await createUser({ role: "admin" });
    const reference = "Acción 1.1 (México)";
    const first = await createRecommendation(admin.id, item({ reference }));
    const second = await createRecommendation(admin.id, item({ reference, source: "GAO-16-223" }));
    const third = await createRecommendation(
      admin.id,
      item({ reference: "acción 1.1 méxico", source: "GAO-16-235" }),
    );
    expect([first.id, second.id, third.id]).toEqual([
      "accion-1-1-mexico",
      "accion-1-1-mexico-2",
      "accion-1-1-mexico-3",
    ]);
  });

  test("bad fields are refused, each named, and nothing is written", async () => {
    const admin = await createUser({ role: "admin" });
    const before = await prisma.recommendation.count();
    const archivedSource = await prisma.source.create({
      data: {
        code: "OLD-SRC",
        title: "Old",
        publisher: "x",
        kind: "other",
        archivedAt: new Date(),
      },
    });
    const cases: Array<[Partial<RecommendationInput>, string]> = [
      [{ source: "GAO-00-000" }, "source"],
      [{ source: archivedSource.code }, "source"],
      [{ reference: " " }, "reference"],
      [{ title: "" }, "title"],
      [{ text: "" }, "text"],
      [{ country: "CA" }, "country"],
      [{ actors: ["ATF", "FBI"] }, "actors"],
      [{ goals: ["5"] }, "goals"],
      [{ verificationLevel: "rumour" }, "verificationLevel"],
      [{ sourceUrl: "javascript:alert(1)" }, "sourceUrl"],
      [{ sourceUrl: "" }, "sourceUrl"],
      [{ goalMapping: "guess" }, "goalMapping"],
    ];
    for (const [override, field] of cases) {
      const error = await rejection(createRecommendation(admin.id, item(override)));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors), field).toEqual([field]);
    }
    expect(await prisma.recommendation.count()).toBe(before);
  });

  test("when the audit event cannot be written, the item is not created", async () => {
    const admin = await createUser({ role: "admin" });
    const before = await prisma.recommendation.count();
    const restore = await failAuditEvents("recommendation.created");
    try {
      await expect(createRecommendation(admin.id, item({ reference: "Lost #1" }))).rejects.toThrow(
        /audit refused by test/,
      );
    } finally {
      await restore();
    }
    expect(await prisma.recommendation.count()).toBe(before);
  });
});

describe("updateRecommendation", () => {
  test("saves the catalogue fields, keeps the id and audits what changed", async () => {
    const admin = await createUser({ role: "admin" });
    const id = "gao-16-223-dhs-mou";
    const before = await getRecommendationValues(id);
    const updated = await updateRecommendation(admin.id, {
      ...item({
        source: before.source,
        reference: "GAO-16-223 #1 (DHS)",
        referenceEs: "GAO-16-223 n.º 1 (DHS)",
        title: before.title,
        titleEs: before.titleEs,
        titleEsSource: before.titleEsSource,
        text: before.text,
        textIsParaphrase: before.textIsParaphrase,
        addressee: before.addressee,
        country: before.country,
        actors: [...before.actors, "CBP"],
        goals: before.goals,
        goalMapping: before.goalMapping,
        verificationLevel: before.verificationLevel,
        // Flip the checkbox: unchecked boxes are not sent at all.
        verified: before.verified ? undefined : "on",
        verificationNotes: before.verificationNotes,
        sourceUrl: before.sourceUrl,
      }),
      id,
      expectedVersion: before.version,
    });
    expect(updated).toMatchObject({
      id,
      reference: "GAO-16-223 #1 (DHS)",
      referenceEs: "GAO-16-223 n.º 1 (DHS)",
      verified: !before.verified,
    });
    expect(updated.version).toBe(before.version + 1);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: "recommendation.edited" },
    });
    expect(audit.before).toEqual({
      reference: before.reference,
      referenceEs: before.referenceEs,
      actors: before.actors,
      verified: before.verified,
      version: before.version,
    });
    expect(audit.after).toEqual({
      reference: "GAO-16-223 #1 (DHS)",
      referenceEs: "GAO-16-223 n.º 1 (DHS)",
      actors: [...before.actors, "CBP"].sort(),
      verified: !before.verified,
      version: before.version + 1,
    });
  });

  test("the Spanish reference: saved, searchable, audited, cleared when left blank", async () => {
    const admin = await createUser({ role: "admin" });
    const created = await createRecommendation(
      admin.id,
      item({ reference: "GAO-21-322 #9", referenceEs: "GAO-21-322 n.º 9 (rastreo)" }),
    );
    expect(created.referenceEs).toBe("GAO-21-322 n.º 9 (rastreo)");
    expect((await getRecommendationValues(created.id)).referenceEs).toBe(
      "GAO-21-322 n.º 9 (rastreo)",
    );
    const createdEvent = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: created.id, action: "recommendation.created" },
    });
    expect(createdEvent.after).toMatchObject({ referenceEs: "GAO-21-322 n.º 9 (rastreo)" });

    const edited = await updateRecommendation(admin.id, {
      ...item({
        reference: "GAO-21-322 #9",
        referenceEs: "  GAO-21-322 n.º 9 (armas aseguradas) ",
      }),
      id: created.id,
      expectedVersion: 1,
    });
    expect(edited).toMatchObject({
      referenceEs: "GAO-21-322 n.º 9 (armas aseguradas)",
      version: 2,
    });
    // The search column follows the Spanish reference (accents folded).
    const [found] = await prisma.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM "Recommendation"
      WHERE id = ${created.id} AND "searchText" LIKE '%armas aseguradas%'`;
    expect(found?.count).toBe(1);

    const cleared = await updateRecommendation(admin.id, {
      ...item({ reference: "GAO-21-322 #9", referenceEs: "" }),
      id: created.id,
      expectedVersion: 2,
    });
    expect(cleared.referenceEs).toBeNull();
    const events = await prisma.auditEvent.findMany({
      where: { entityId: created.id, action: "recommendation.edited" },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.before, event.after])).toEqual([
      [
        { referenceEs: "GAO-21-322 n.º 9 (rastreo)", version: 1 },
        { referenceEs: "GAO-21-322 n.º 9 (armas aseguradas)", version: 2 },
      ],
      [
        { referenceEs: "GAO-21-322 n.º 9 (armas aseguradas)", version: 2 },
        { referenceEs: null, version: 3 },
      ],
    ]);

    const tooLong = await rejection(
      updateRecommendation(admin.id, {
        ...item({ reference: "GAO-21-322 #9", referenceEs: "x".repeat(201) }),
        id: created.id,
        expectedVersion: 3,
      }),
    );
    expect((tooLong as ValidationError).fieldErrors).toEqual({
      referenceEs: ["Spanish reference must be at most 200 characters."],
    });
  });

  test("a catalogue form opened before a status change is a conflict", async () => {
    const admin = await createUser({ role: "admin" });
    const editor = await createUser({ role: "editor", name: "Status Editor" });
    const id = "gao-16-223-doj-mou";
    const before = await getRecommendationValues(id);
    await changeStatus(editor.id, {
      recommendationId: id,
      expectedVersion: before.version,
      toStatus: "in_progress",
      summary: "Work started",
      occurredOn: "2024-01-01",
    });
    const error = await rejection(
      updateRecommendation(admin.id, {
        ...item({ source: before.source, reference: before.reference }),
        id,
        expectedVersion: before.version,
      }),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    const conflict = error as VersionConflictError;
    expect(conflict.current).toMatchObject({ status: "in_progress", title: before.title });
    expect(conflict.changes.map((change) => [change.action, change.actor?.name])).toEqual([
      ["recommendation.status_changed", "Status Editor"],
    ]);
    expect((await getRecommendationValues(id)).title).toBe(before.title);
  });

  test("two concurrent edits of the same version: exactly one wins", async () => {
    const admin = await createUser({ role: "admin" });
    const created = await createRecommendation(admin.id, item({ reference: "Race #1" }));
    const results = await withRowLocked("Recommendation", created.id, () =>
      Promise.allSettled(
        ["Title A", "Title B"].map((title) =>
          updateRecommendation(admin.id, {
            ...item({ reference: "Race #1", title }),
            id: created.id,
            expectedVersion: 1,
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(
      results.flatMap((result) => (result.status === "rejected" ? [result.reason] : [])),
    ).toEqual([expect.any(VersionConflictError)]);
    expect((await getRecommendationValues(created.id)).version).toBe(2);
  });

  test("an unknown item is not found", async () => {
    const admin = await createUser({ role: "admin" });
    await expect(
      updateRecommendation(admin.id, { ...item(), id: "nope", expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("archive and unarchive", () => {
  test("an archived item cannot be tracked until it is brought back", async () => {
    const admin = await createUser({ role: "admin" });
    const created = await createRecommendation(admin.id, item({ reference: "Archive #1" }));
    const archived = await archiveRecommendation(admin.id, { id: created.id, expectedVersion: 1 });
    expect(archived.archivedAt).not.toBeNull();
    const change = {
      recommendationId: created.id,
      expectedVersion: 2,
      toStatus: "in_progress",
      summary: "x",
      occurredOn: "2024-01-01",
    };
    await expect(changeStatus(admin.id, change)).rejects.toBeInstanceOf(ArchivedError);
    const back = await unarchiveRecommendation(admin.id, { id: created.id, expectedVersion: 2 });
    expect(back).toMatchObject({ archivedAt: null, version: 3 });
    await changeStatus(admin.id, { ...change, expectedVersion: 3 });
    const actions = await prisma.auditEvent.findMany({
      where: { entityId: created.id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "recommendation.created",
      "recommendation.archived",
      "recommendation.unarchived",
      "recommendation.status_changed",
    ]);
  });
});

describe("slugify", () => {
  test("URL-safe, lower-case, accent-free", () => {
    expect(slugify("GAO-21-322 #3")).toBe("gao-21-322-3");
    expect(slugify("  Acción 1.1.2 — Sección Ñ ")).toBe("accion-1-1-2-seccion-n");
    expect(slugify("###")).toBe("item");
    expect(slugify("a".repeat(100))).toHaveLength(80);
    expect(uniqueSlug("x", new Set(["x", "x-2"]))).toBe("x-3");
    expect(uniqueSlug("y", new Set(["x"]))).toBe("y");
  });
});
