import { describe, expect, test } from "vitest";
import type { Prisma } from "#app/generated/prisma/client.ts";
import {
  getRecommendationValues,
  archiveRecommendation,
  updateRecommendation,
} from "#app/modules/catalogue/recommendations.server.ts";
import { updateTracking } from "#app/modules/tracking/tracking-fields.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { catalogue } from "../../../prisma/seed.ts";
import { catalogueUpdateCandidates, type CatalogueCandidate } from "./catalogue-update.server.ts";

const byId = (candidates: CatalogueCandidate[], id: string) => {
  const found = candidates.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no candidate for ${id}`);
  return found;
};

/** Saves the admin catalogue form of a seeded item with some fields changed, as a person. */
async function editInCatalogueForm(id: string, changes: Record<string, unknown>) {
  const admin = await createUser({ role: "admin" });
  const values = await getRecommendationValues(id);
  await updateRecommendation(admin.id, {
    ...values,
    ...changes,
    id,
    expectedVersion: values.version,
  });
  return admin;
}

/** A value written by the system, as the seeding of an older catalogue wrote it (no person). */
async function editAsSystem(id: string, data: Prisma.RecommendationUpdateInput) {
  await prisma.recommendation.update({ where: { id }, data });
}

describe("catalogueUpdateCandidates", () => {
  test("a freshly seeded database differs from the shipped catalogue in nothing", async () => {
    const candidates = await catalogueUpdateCandidates(prisma);
    expect(candidates).toHaveLength(catalogue.recommendations.length);
    for (const candidate of candidates) {
      expect(candidate.existing, candidate.id).toBe(true);
      expect(candidate.changedFields, candidate.id).toEqual([]);
      expect(candidate.conflicts, candidate.id).toEqual([]);
      expect(candidate.verification, candidate.id).toEqual({ values: {}, conflicts: [] });
      expect(candidate.key).toBe(`catalogue:${candidate.id}`);
      expect(candidate.errors).toEqual([]);
    }
    // The fields in the form an import carries them: ISO days, sorted codes.
    const rec2 = byId(candidates, "gao-26-108061-rec2-dhs");
    expect(rec2).toMatchObject({
      sourceCode: "GAO-26-108061",
      source: {
        code: "GAO-26-108061",
        publisher: "U.S. Government Accountability Office",
        kind: "gao_report",
        publishedDate: "2026-09-28",
        url: "https://www.gao.gov/products/gao-26-108061",
      },
      fields: {
        reference: "GAO-26-108061 Recommendation 2 (DHS – ICE and CBP)",
        statusOfficial: "open",
        statusOfficialAsOf: "2026-09-28",
        actors: ["CBP", "DHS", "ICE"],
        goals: ["2"],
        country: "US",
      },
    });
    // The tracker's own status and tracking fields are never part of a catalogue update.
    for (const field of ["status", "priority", "dueDate", "tags", "lastVerifiedAt"]) {
      expect(rec2.fields, field).not.toHaveProperty(field);
    }
    // What the preview cannot carry in ItemFields rides along for the commit.
    expect(rec2.shipped.verificationLevel).toBe("official_text");
    expect(rec2.shippedSource.titleEs).toMatch(/^Tráfico de armas de fuego hacia México/);
  });

  test("a value an older catalogue seeded is an update, not a conflict", async () => {
    const id = "bf-2-supply-chains";
    await editAsSystem(id, {
      title: "Target illicit supply chains",
      verificationLevel: "secondary_summary",
      textIsParaphrase: true,
    });
    const candidate = byId(await catalogueUpdateCandidates(prisma), id);
    expect(candidate.existing).toBe(true);
    expect(candidate.changedFields).toEqual(["title"]);
    // How well the text is verified goes with it.
    expect(candidate.verification).toEqual({
      values: { textIsParaphrase: false, verificationLevel: "official_text" },
      conflicts: [],
    });
    expect(candidate.fields.title).toBe(
      "Disrupt the Capacity of TCOs and their Illicit Supply Chains",
    );
    expect(candidate.conflicts).toEqual([]);
  });

  test("a field a person edited in the catalogue form, which the catalogue would change, is a conflict", async () => {
    const id = "bf-2-arms-trafficking";
    await editInCatalogueForm(id, {
      title: "Reduce arms trafficking (our wording)",
      verificationNotes: "Checked against the Spanish text by our team.",
    });
    // Another item whose edited field the catalogue agrees with has nothing to decide.
    await editInCatalogueForm("bf-2-travel-commerce", { addressee: "Both governments" });
    await editInCatalogueForm("bf-2-travel-commerce", {
      addressee: catalogue.recommendations.find((item) => item.id === "bf-2-travel-commerce")!
        .addressee,
    });

    const candidates = await catalogueUpdateCandidates(prisma);
    const edited = byId(candidates, id);
    expect(edited.changedFields).toEqual(["title"]);
    expect(edited.conflicts).toEqual(["title"]);
    expect(edited.verification.conflicts).toEqual(["verificationNotes"]);
    expect(edited.verification.values.verificationNotes).toMatch(/^Goal 2 sub-heading and text/);
    const restored = byId(candidates, "bf-2-travel-commerce");
    expect(restored.changedFields).toEqual([]);
    expect(restored.conflicts).toEqual([]);
  });

  test("tracking fields a person edited (official status, actors) are conflicts; untouched ones updates", async () => {
    const id = "gao-26-108061-rec3-atf";
    const editor = await createUser({ role: "editor" });
    const values = await getRecommendationValues(id);
    await updateTracking(editor.id, {
      recommendationId: id,
      expectedVersion: values.version,
      statusOfficial: "closed_implemented",
      statusOfficialAsOf: "2026-11-02",
      actors: ["ATF", "DOJ", "ICE"],
      goals: values.goals,
    });
    // The same item's text changed by the system: an update beside the conflicts.
    await prisma.recommendation.update({ where: { id }, data: { text: "An older wording." } });

    const candidate = byId(await catalogueUpdateCandidates(prisma), id);
    expect(candidate.changedFields).toEqual([
      "text",
      "statusOfficial",
      "statusOfficialAsOf",
      "actors",
    ]);
    expect(candidate.conflicts).toEqual(["statusOfficial", "statusOfficialAsOf", "actors"]);
  });

  test("a person's edit that a later catalogue update replaced is no longer a conflict", async () => {
    const id = "bf-3-illicit-finance";
    const admin = await editInCatalogueForm(id, { title: "Our own title" });
    // Stand-in for the import record of migration 0008 where this branch has none yet: only the
    // columns that tell a catalogue update from another import.
    await prisma.$executeRawUnsafe(
      `CREATE TABLE IF NOT EXISTS "Import" ("id" TEXT PRIMARY KEY, "format" TEXT NOT NULL,
        "fileName" TEXT NOT NULL, "sha256" TEXT NOT NULL)`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Import" ("id", "format", "fileName", "sha256")
        VALUES ('import-catalogue', 'catalogue', 'catalogue', 'x'), ('import-gao', 'gao', 'gao.csv', 'y')`,
    );
    const audit = (entityId: string, importId: string, after: Record<string, unknown>) =>
      prisma.auditEvent.create({
        data: {
          actorId: admin.id,
          action: "recommendation.edited",
          entityType: "Recommendation",
          entityId,
          after: { ...after, importId },
        },
      });

    // The admin's catalogue update wrote an earlier catalogue's title over the person's.
    await prisma.recommendation.update({ where: { id }, data: { title: "An earlier title" } });
    await audit(id, "import-catalogue", { title: "An earlier title" });
    // GAO's export, imported by an admin, is a person's decision like any other edit.
    const gaoItem = "gao-26-108061-rec4-state-inl";
    await prisma.recommendation.update({
      where: { id: gaoItem },
      data: { statusOfficial: "closed_implemented", statusOfficialAsOf: new Date("2026-12-20") },
    });
    await audit(gaoItem, "import-gao", {
      statusOfficial: "closed_implemented",
      statusOfficialAsOf: "2026-12-20",
    });

    const candidates = await catalogueUpdateCandidates(prisma);
    expect(byId(candidates, id).changedFields).toEqual(["title"]);
    expect(byId(candidates, id).conflicts).toEqual([]);
    expect(byId(candidates, gaoItem).conflicts).toEqual(["statusOfficial", "statusOfficialAsOf"]);
  });

  test("a shipped item the database lacks is a create; an archived one is not re-created", async () => {
    // An install seeded before GAO-26-108061 was shipped, where GAO's export then added one of
    // its recommendations under its own reference.
    const newIds = catalogue.recommendations
      .filter((item) => item.source === "GAO-26-108061")
      .map((item) => item.id);
    await prisma.recommendation.deleteMany({ where: { id: { in: newIds } } });
    const source = await prisma.source.findUniqueOrThrow({ where: { code: "GAO-26-108061" } });
    await prisma.recommendation.create({
      data: {
        id: "gao-26-108061-rec-3",
        sourceId: source.id,
        reference: "GAO-26-108061 Rec. 3",
        title: "The Attorney General should ensure that the Director of ATF develops",
        text: "The Attorney General of the United States should ensure that …",
        country: "US",
        verificationLevel: "official_text",
        sourceUrl: "https://www.gao.gov/products/gao-26-108061",
      },
    });
    const admin = await createUser({ role: "admin" });
    const archived = "pc-4-prevention";
    const { version } = await getRecommendationValues(archived);
    await archiveRecommendation(admin.id, { id: archived, expectedVersion: version });

    const candidates = await catalogueUpdateCandidates(prisma);
    expect(candidates.map((candidate) => candidate.seedId)).not.toContain(archived);
    expect(candidates).toHaveLength(catalogue.recommendations.length - 1);
    const creates = candidates.filter((candidate) => !candidate.existing);
    expect(creates.map((candidate) => candidate.id)).toEqual([
      "gao-26-108061-rec2-dhs",
      "gao-26-108061-rec4-state-inl",
    ]);
    for (const create of creates) {
      expect(create.conflicts).toEqual([]);
      expect(create.verification.values).toMatchObject({
        verificationLevel: "official_text",
        sourceUrl: create.shipped.sourceUrl,
      });
      expect(create.changedFields).toContain("text");
      expect(create.fields.text).toBe(create.shipped.text);
      // The source comes whole, for the plan to create it where it is missing.
      expect(create.source).toMatchObject({
        code: "GAO-26-108061",
        title: expect.stringMatching(/^Firearms Trafficking to Mexico: Better Data/),
      });
    }
    // The item GAO's export added is the catalogue's Recommendation 3: an update, not a second one.
    const rec3 = byId(candidates, "gao-26-108061-rec-3");
    expect(rec3).toMatchObject({ seedId: "gao-26-108061-rec3-atf", existing: true });
    expect(rec3.changedFields).toEqual(expect.arrayContaining(["reference", "title", "text"]));
  });
});
