import { expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { countCatalogue, listRecommendationRows } from "./admin-queries.server.ts";

test("counts each kind's active and archived records", async () => {
  await prisma.actor.update({ where: { id: "actor-atf" }, data: { archivedAt: new Date() } });
  const counts = await countCatalogue();
  expect(counts.sources).toEqual({ active: 23, archived: 0 });
  expect(counts.recommendations).toEqual({ active: 35, archived: 0 });
  expect(counts.actors).toEqual({ active: 15, archived: 1 });
  expect(counts.tags).toEqual({ active: 0, archived: 0 });
});

test("lists recommendations in catalogue order, the archived ones apart", async () => {
  await prisma.recommendation.update({
    where: { id: "gao-21-322-atf-data" },
    data: { archivedAt: new Date("2025-01-02T03:04:05Z") },
  });
  const active = await listRecommendationRows({ archived: false });
  expect(active).toHaveLength(34);
  expect(active[0]).toMatchObject({ id: "bf-goal-1", source: { code: "BF-2021" } });
  expect(active.map((row) => row.id)).not.toContain("gao-21-322-atf-data");
  expect(await listRecommendationRows({ archived: true })).toEqual([
    expect.objectContaining({
      id: "gao-21-322-atf-data",
      reference: expect.stringMatching(/^GAO-21-322/),
      archivedAt: "2025-01-02T03:04:05.000Z",
    }),
  ]);
});
