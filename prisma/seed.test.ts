import { describe, expect, test } from "vitest";
import { listRecommendations } from "#app/modules/recommendations/list.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { catalogue, seedCatalogue } from "./seed.ts";

async function snapshot() {
  const [sources, actors, goals, recommendations, links, relations] = await Promise.all([
    prisma.source.findMany({ orderBy: { id: "asc" } }),
    prisma.actor.findMany({ orderBy: { id: "asc" } }),
    prisma.goal.findMany({ orderBy: { id: "asc" } }),
    prisma.recommendation.findMany({
      orderBy: { id: "asc" },
      include: { actors: { select: { id: true } }, goals: { select: { id: true } } },
    }),
    prisma.$queryRaw<
      Array<{ count: number }>
    >`SELECT count(*)::int AS count FROM "_ActorToRecommendation"`,
    prisma.itemRelation.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { sources, actors, goals, recommendations, links, relations };
}

describe("seed catalogue", () => {
  test("holds every source and item of the seed file", async () => {
    expect(await prisma.source.count()).toBe(catalogue.sources.length);
    expect(await prisma.recommendation.count()).toBe(catalogue.recommendations.length);
    expect(await prisma.actor.count()).toBe(catalogue.actors.length);
    expect(await prisma.goal.count()).toBe(catalogue.goals.length);
    expect(catalogue.recommendations).toHaveLength(35);
    expect(catalogue.sources).toHaveLength(23);
  });

  test("every item has a source, a URL where its text was read, an actor and a goal", async () => {
    const items = await prisma.recommendation.findMany({
      include: { source: true, actors: true, goals: true },
    });
    for (const item of items) {
      expect(item.source.code, item.id).toBeTruthy();
      expect(item.sourceUrl, item.id).toMatch(/^https?:\/\//);
      expect(item.actors.length, item.id).toBeGreaterThan(0);
      expect(item.goals.length, item.id).toBeGreaterThan(0);
    }
  });

  test("counts by source match the seed file", async () => {
    const rows = await prisma.source.findMany({
      select: { code: true, _count: { select: { recommendations: true } } },
    });
    const expected = new Map<string, number>();
    for (const item of catalogue.recommendations) {
      expected.set(item.source, (expected.get(item.source) ?? 0) + 1);
    }
    for (const row of rows) {
      expect(row._count.recommendations, row.code).toBe(expected.get(row.code) ?? 0);
    }
    expect(expected.get("GAO-21-322")).toBe(7);
    expect(expected.get("GAO-26-108061")).toBe(3);
    expect(expected.get("GAO-09-709")).toBe(1);
  });

  test("GAO-26-108061's recommendations carry GAO's official status and its date", async () => {
    const items = await prisma.recommendation.findMany({
      where: { source: { code: "GAO-26-108061" } },
      orderBy: { id: "asc" },
      include: { actors: { select: { code: true } } },
    });
    expect(items.map((item) => item.id)).toEqual([
      "gao-26-108061-rec2-dhs",
      "gao-26-108061-rec3-atf",
      "gao-26-108061-rec4-state-inl",
    ]);
    for (const item of items) {
      expect(item.statusOfficial, item.id).toBe("open");
      expect(item.statusOfficialAsOf?.toISOString().slice(0, 10), item.id).toBe("2026-09-28");
      // The tracker's own assessment starts where every other item's does.
      expect(item.status, item.id).toBe("not_started");
      expect(item.verificationLevel, item.id).toBe("official_text");
      expect(item.textIsParaphrase, item.id).toBe(false);
    }
    expect(items[1]?.reference).toBe("GAO-26-108061 Recommendation 3 (DOJ – ATF)");
    expect(items[1]?.actors.map((actor) => actor.code).sort()).toEqual(["ATF", "DOJ"]);
    // Every other item has no official status yet.
    expect(await prisma.recommendation.count({ where: { statusOfficial: { not: null } } })).toBe(3);
    const shipped = catalogue.recommendations.find((item) => item.id === "gao-26-108061-rec3-atf");
    expect(shipped?.statusOfficialComment).toMatch(/^When we confirm what actions/);
    expect(shipped?.statusOfficialPriority).toBe(false);
  });

  test("the Framework's goals and elements hold the White House's official wording", async () => {
    const items = await prisma.recommendation.findMany({
      where: { source: { code: "BF-2021" } },
      select: {
        id: true,
        title: true,
        verificationLevel: true,
        textIsParaphrase: true,
        sourceUrl: true,
      },
    });
    expect(items).toHaveLength(13);
    for (const item of items) {
      expect(item.verificationLevel, item.id).toBe("official_text");
      expect(item.textIsParaphrase, item.id).toBe(false);
      expect(item.sourceUrl, item.id).toMatch(/^https:\/\/bidenwhitehouse\.archives\.gov\//);
    }
    expect(items.find((item) => item.id === "bf-2-supply-chains")?.title).toBe(
      "Disrupt the Capacity of TCOs and their Illicit Supply Chains",
    );
    const summary = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "gao-09-709-summary" },
    });
    expect(summary.verificationLevel).toBe("official_summary");
    expect(summary.text).toMatch(/^GAO is making recommendations to several departments/);
  });

  test("keeps each item's verification level, paraphrase flag and status note", async () => {
    for (const seed of catalogue.recommendations) {
      const item = await prisma.recommendation.findUniqueOrThrow({ where: { id: seed.id } });
      expect(item.verificationLevel).toBe(seed.verificationLevel);
      expect(item.textIsParaphrase).toBe(seed.textIsParaphrase);
      expect(item.verified).toBe(seed.verified);
      expect(item.statusNote).toBe(seed.statusNote);
      expect(item.sourceUrl).toBe(seed.sourceUrl);
    }
  });

  test("every item has a Spanish reference, searchable in the Spanish list", async () => {
    const items = await prisma.recommendation.findMany({
      select: { id: true, reference: true, referenceEs: true },
    });
    for (const item of items) {
      expect(item.referenceEs?.trim(), item.id).toBeTruthy();
      expect(item.referenceEs, item.id).toBe(
        catalogue.recommendations.find((seed) => seed.id === item.id)?.referenceEs,
      );
    }
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get("bf-1-public-health")?.referenceEs).toBe(
      "Entendimiento Bicentenario, Meta 1 – salud pública",
    );
    // Codes stay as they are; only the words are Spanish.
    expect(byId.get("gao-21-322-atf-data")?.referenceEs).toBe(
      "GAO-21-322 (ATF – datos y análisis)",
    );
    // Words found only in the Spanish references (migration 0004 adds them to the search column).
    const page = await listRecommendations(
      { sort: "catalogue", page: 1, q: "responsabilidad central" },
      "es",
    );
    expect(page.items.map((item) => item.id).sort()).toEqual([
      "pc-1-alignment",
      "pc-2-forensics-data",
      "pc-3-industry-accountability",
      "pc-4-prevention",
    ]);
  });

  test("actors: a common abbreviation where there is one; Spanish names without acronyms", async () => {
    const actors = await prisma.actor.findMany({ orderBy: { code: "asc" } });
    expect(
      actors.filter((actor) => actor.abbreviation !== null).map((actor) => actor.abbreviation),
    ).toEqual(["ATF", "CBP", "DHS", "DOJ", "FGR", "ICE", "ONDCP", "SRE"]);
    for (const code of ["US-GOV", "MX-GOV", "STATE", "SUBNATIONAL", "CIVIL-SOCIETY"]) {
      expect(actors.find((actor) => actor.code === code)?.abbreviation, code).toBeNull();
    }
    for (const actor of actors) {
      expect(actor.nameEs, actor.code).toBeTruthy();
      expect(actor.nameEs, actor.code).not.toMatch(/\(\s*[A-Z]{2,}\s*\)\s*$/);
    }
    expect(actors.find((actor) => actor.code === "DHS")?.nameEs).toBe(
      "Departamento de Seguridad Nacional",
    );
  });

  test("Goal 1 and the extraditions element belong to the Framework of October 2021", async () => {
    for (const id of ["bf-goal-1", "bf-3-extraditions"]) {
      const item = await prisma.recommendation.findUniqueOrThrow({
        where: { id },
        include: { source: true },
      });
      expect(item.source.code, id).toBe("BF-2021");
      expect(item.source.publishedDate, id).toBe("2021-10-08");
      expect(item.verificationLevel, id).toBe("official_text");
      expect(item.textIsParaphrase, id).toBe(false);
      expect(item.sourceUrl, id).toBe(
        "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/10/08/fact-sheet-u-s-mexico-high-level-security-dialogue/",
      );
    }
    const extraditions = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "bf-3-extraditions" },
    });
    expect(extraditions.title).toBe("Increase Cooperation on Extraditions");
    expect(extraditions.reference).toBe("Bicentennial Framework Goal 3 – extraditions");
    // The Action Plan keeps only its own joint objectives.
    const actionPlan = await prisma.recommendation.findMany({
      where: { source: { code: "BF-AP-2022" } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    expect(actionPlan.map((item) => item.id)).toEqual(["bf-ap-1.1.1", "bf-ap-1.1.2"]);
  });

  test("no web address points to a staging host", async () => {
    const sources = await prisma.source.findMany();
    const items = await prisma.recommendation.findMany();
    const urls = [
      ...sources.flatMap((source) => [source.url ?? "", ...source.evidenceUrls]),
      ...items.flatMap((item) => [item.sourceUrl, ...item.otherUrls]),
    ];
    expect(urls.filter((url) => url.includes("stage."))).toEqual([]);
    expect(urls).toContain(
      "https://exportcompliancedaily.com/article/2021/03/26/doj-hsi-could-better-track-illegal-gun-export-smuggling-efforts-from-us-into-mexico-gao-says-2103250022",
    );
    expect(urls.filter((url) => url.includes("?BC="))).toEqual([]);
  });

  test("notes readers see use no research jargon", async () => {
    const sources = await prisma.source.findMany({ select: { code: true, notes: true } });
    const items = await prisma.recommendation.findMany({
      select: { id: true, verificationNotes: true, statusNote: true },
    });
    const notes = [
      ...sources.map((source) => [source.code, source.notes] as const),
      ...items.flatMap((item) => [
        [item.id, item.verificationNotes] as const,
        [item.id, item.statusNote] as const,
      ]),
    ].filter((entry): entry is readonly [string, string] => entry[1] !== null);
    expect(notes.length).toBeGreaterThan(40);
    for (const [owner, note] of notes) {
      // "store", "stored page", "the brief"; field names such as status_official; shouting "NOT".
      expect(note, owner).not.toMatch(/\b(store|stored|brief)\b/i);
      expect(note, owner).not.toMatch(/\b[a-z]+(_[a-z]+)+\b/);
      expect(note, owner).not.toMatch(/\bNOT\b/);
    }
  });

  test("goals form the Framework hierarchy", async () => {
    const objective = await prisma.goal.findUniqueOrThrow({
      where: { code: "1.1.1" },
      include: { parent: { include: { parent: true } } },
    });
    expect(objective.level).toBe("joint_objective");
    expect(objective.parent?.code).toBe("1.1");
    expect(objective.parent?.parent?.code).toBe("1");
  });

  test("links the items the sources themselves relate, each with where the source says so", async () => {
    expect(catalogue.relations.length).toBeGreaterThan(0);
    for (const link of catalogue.relations) {
      const stored = await prisma.itemRelation.findUniqueOrThrow({
        where: { fromId_toId_type: { fromId: link.fromId, toId: link.toId, type: link.type } },
      });
      expect(stored.reason, stored.id).toBe(link.reason);
      expect(link.reason.length, stored.id).toBeLessThanOrEqual(500);
    }
    expect(await prisma.itemRelation.count()).toBe(catalogue.relations.length);
    // Each Framework element is part of its goal, as the White House fact sheet lists it.
    expect(
      await prisma.itemRelation.findUnique({
        where: {
          fromId_toId_type: {
            fromId: "bf-2-arms-trafficking",
            toId: "bf-goal-2",
            type: "part_of",
          },
        },
      }),
    ).toMatchObject({ reason: expect.stringContaining("GOAL 2: PREVENT TRANSBORDER CRIME") });
  });

  test("seeding twice changes nothing", async () => {
    const before = await snapshot();
    const result = await seedCatalogue(prisma);
    expect(result).toEqual({ sources: 0, actors: 0, goals: 0, recommendations: 0, relations: 0 });
    expect(await snapshot()).toEqual(before);
  });

  test("adds no source or item to an installed catalogue: a newer one comes as an update", async () => {
    const newer = {
      ...catalogue,
      sources: [...catalogue.sources, { ...catalogue.sources[0]!, code: "NEW-2027" }],
      recommendations: [
        ...catalogue.recommendations,
        { ...catalogue.recommendations[0]!, id: "new-2027-item", source: "NEW-2027" },
      ],
      actors: [
        ...catalogue.actors,
        { ...catalogue.actors[0]!, code: "NEW-ACTOR", name: "New actor", abbreviation: null },
      ],
    };
    const result = await seedCatalogue(prisma, newer);
    expect(result).toEqual({ sources: 0, actors: 1, goals: 0, recommendations: 0, relations: 0 });
    expect(await prisma.recommendation.findUnique({ where: { id: "new-2027-item" } })).toBeNull();
    expect(await prisma.source.findUnique({ where: { code: "NEW-2027" } })).toBeNull();
    // Actors are added, so that the update's new items can name them.
    expect(await prisma.actor.findUnique({ where: { code: "NEW-ACTOR" } })).not.toBeNull();
    await prisma.actor.delete({ where: { code: "NEW-ACTOR" } });
  });

  test("does not overwrite an item a user has changed", async () => {
    await prisma.recommendation.update({
      where: { id: "gao-21-322-atf-data" },
      data: { status: "in_progress" },
    });
    await seedCatalogue(prisma);
    const item = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "gao-21-322-atf-data" },
    });
    expect(item.status).toBe("in_progress");
  });

  test("records the first seeding in the audit log", async () => {
    // Later seedings that only added actors are audited too (the audit trail keeps them all).
    const events = (await prisma.auditEvent.findMany({ where: { action: "seed" } })).filter(
      (event) => (event.after as { recommendations?: number } | null)?.recommendations,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({
      recommendations: 35,
      version: catalogue.meta.version,
    });
  });
});
