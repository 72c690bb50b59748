// The catalogue update goes through the same plan and commit as a file: a field a person edited
// since seeding is a conflict, written only when the admin takes the new value.
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { catalogueUpdateSource, commitPreviewed, previewImport } from "./import-records.server.ts";
import type { Candidate } from "./types.ts";

const options = {
  locale: "en" as const,
  filter: { publications: [], words: [] },
  actorMappings: {},
};

describe("the catalogue update as an import source", () => {
  test("a conflict is shown, and kept unless its new value is taken", async () => {
    const user = await createUser({ role: "admin" });
    const item = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "gao-16-235-atf-targets" },
    });
    const candidate: Candidate = {
      key: `catalogue:${item.id}`,
      rowNumbers: [],
      id: item.id,
      sourceCode: "GAO-16-235",
      fields: { title: "The catalogue's new title", titleEs: "El título nuevo del catálogo" },
      conflicts: ["title"],
      verification: {
        values: { verificationLevel: "official_summary", verificationNotes: "Read again." },
        conflicts: ["verificationNotes"],
      },
      errors: [],
    };
    const source = catalogueUpdateSource({ catalogueUpdateCandidates: async () => [candidate] })!;
    const plan = await previewImport(source, options);
    expect(plan.rows[0]).toMatchObject({
      kind: "update",
      conflicts: ["title", "verificationNotes"],
    });
    expect(plan.rows[0]!.changes.map((change) => change.field)).toEqual([
      "title",
      "titleEs",
      "verificationLevel",
      "verificationNotes",
    ]);

    const kept = await commitPreviewed(source, {
      ...options,
      actorId: user.id,
      expectedFingerprint: plan.fingerprint,
      selection: {},
    });
    expect(kept).toMatchObject({ kind: "committed", counts: { updated: 1 } });
    const afterFirst = await prisma.recommendation.findUniqueOrThrow({ where: { id: item.id } });
    expect(afterFirst).toMatchObject({
      title: item.title,
      titleEs: "El título nuevo del catálogo",
      verificationLevel: "official_summary",
      verificationNotes: item.verificationNotes,
    });

    const again = await previewImport(source, options);
    const taken = await commitPreviewed(source, {
      ...options,
      actorId: user.id,
      expectedFingerprint: again.fingerprint,
      selection: { acceptConflicts: [`catalogue:${item.id}:title`] },
    });
    expect(taken).toMatchObject({ kind: "committed", counts: { updated: 1 } });
    const afterSecond = await prisma.recommendation.findUniqueOrThrow({ where: { id: item.id } });
    expect(afterSecond.title).toBe("The catalogue's new title");
    const record = await prisma.import.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(record).toMatchObject({ format: "catalogue", fileName: "catalogue shipped" });
  });

  test("a shipped item the database lacks is created with its seed id", async () => {
    const user = await createUser({ role: "admin" });
    const candidate: Candidate = {
      key: "catalogue:gao-16-235-new-seed-item",
      rowNumbers: [],
      id: "gao-16-235-new-seed-item",
      sourceCode: "GAO-16-235",
      fields: {
        reference: "GAO-16-235 (new)",
        title: "A shipped item",
        text: "Its text.",
        country: "US",
        actors: ["STATE"],
      },
      verification: {
        values: { verificationLevel: "secondary_summary", sourceUrl: "https://example.org/read" },
        conflicts: [],
      },
      errors: [],
    };
    const source = catalogueUpdateSource({ catalogueUpdateCandidates: async () => [candidate] })!;
    const plan = await previewImport(source, options);
    expect(plan.rows[0]).toMatchObject({ kind: "create", newId: "gao-16-235-new-seed-item" });
    const result = await commitPreviewed(source, {
      ...options,
      actorId: user.id,
      expectedFingerprint: plan.fingerprint,
      selection: {},
    });
    expect(result).toMatchObject({ kind: "committed", counts: { created: 1 } });
    expect(
      await prisma.recommendation.findUniqueOrThrow({ where: { id: "gao-16-235-new-seed-item" } }),
    ).toMatchObject({
      reference: "GAO-16-235 (new)",
      title: "A shipped item",
      verificationLevel: "secondary_summary",
      sourceUrl: "https://example.org/read",
    });
  });
});
