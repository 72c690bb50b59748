import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { catalogue, seedCatalogue } from "./seed.ts";

async function snapshot() {
  const [sources, actors, goals, recommendations, links] = await Promise.all([
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
  ]);
  return { sources, actors, goals, recommendations, links };
}

describe("seed catalogue", () => {
  test("holds every source and item of the seed file", async () => {
    expect(await prisma.source.count()).toBe(catalogue.sources.length);
    expect(await prisma.recommendation.count()).toBe(catalogue.recommendations.length);
    expect(await prisma.actor.count()).toBe(catalogue.actors.length);
    expect(await prisma.goal.count()).toBe(catalogue.goals.length);
    expect(catalogue.recommendations).toHaveLength(31);
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

  test("goals form the Framework hierarchy", async () => {
    const objective = await prisma.goal.findUniqueOrThrow({
      where: { code: "1.1.1" },
      include: { parent: { include: { parent: true } } },
    });
    expect(objective.level).toBe("joint_objective");
    expect(objective.parent?.code).toBe("1.1");
    expect(objective.parent?.parent?.code).toBe("1");
  });

  test("seeding twice changes nothing", async () => {
    const before = await snapshot();
    const result = await seedCatalogue(prisma);
    expect(result).toEqual({ sources: 0, actors: 0, goals: 0, recommendations: 0 });
    expect(await snapshot()).toEqual(before);
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
    const events = await prisma.auditEvent.findMany({ where: { action: "seed" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ recommendations: 31 });
  });
});
