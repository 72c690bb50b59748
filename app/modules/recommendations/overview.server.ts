import type { Status } from "#app/generated/prisma/enums.ts";
import { staleWhere } from "./list.server.ts";
import { prisma } from "#app/utils/db.server.ts";

export type StatusCounts = Partial<Record<Status, number>>;

type CountRow = { key: string; status: Status; count: number };

function group(rows: CountRow[]) {
  const map = new Map<string, StatusCounts>();
  for (const row of rows) {
    const counts = map.get(row.key) ?? {};
    counts[row.status] = row.count;
    map.set(row.key, counts);
  }
  return map;
}

const total = (counts: StatusCounts) => Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);

/**
 * Counts by status, by source and by top-level Framework goal (three aggregate queries), the
 * latest status changes and how many items are due for checking.
 */
export async function getOverview(now = new Date()) {
  const [byStatus, bySource, byGoal, sources, goals, recent, staleCount] = await Promise.all([
    prisma.$queryRaw<Array<{ status: Status; count: number }>>`
      SELECT status, count(*)::int AS count FROM "Recommendation"
      WHERE "archivedAt" IS NULL GROUP BY status`,
    prisma.$queryRaw<CountRow[]>`
      SELECT "sourceId" AS key, status, count(*)::int AS count FROM "Recommendation"
      WHERE "archivedAt" IS NULL GROUP BY 1, 2`,
    // An item linked to a cooperation area or joint objective counts once for its top goal.
    prisma.$queryRaw<CountRow[]>`
      WITH RECURSIVE tree AS (
        SELECT id, id AS root FROM "Goal" WHERE "parentId" IS NULL
        UNION ALL
        SELECT g.id, t.root FROM "Goal" g JOIN tree t ON g."parentId" = t.id
      )
      SELECT t.root AS key, r.status, count(DISTINCT r.id)::int AS count
      FROM tree t
      JOIN "_GoalToRecommendation" gr ON gr."A" = t.id
      JOIN "Recommendation" r ON r.id = gr."B"
      WHERE r."archivedAt" IS NULL
      GROUP BY 1, 2`,
    prisma.source.findMany({
      where: { archivedAt: null },
      select: { id: true, code: true, title: true, titleEs: true },
      orderBy: { code: "asc" },
    }),
    prisma.goal.findMany({
      where: { archivedAt: null, parentId: null },
      select: { id: true, code: true, title: true, titleEs: true },
      orderBy: [{ position: "asc" }, { code: "asc" }],
    }),
    prisma.statusChange.findMany({
      where: { recommendation: { archivedAt: null } },
      orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }],
      take: 8,
      select: {
        id: true,
        fromStatus: true,
        toStatus: true,
        occurredOn: true,
        createdBy: { select: { name: true } },
        recommendation: { select: { id: true, reference: true, title: true, titleEs: true } },
      },
    }),
    prisma.recommendation.count({
      where: { archivedAt: null, ...staleWhere(now) },
    }),
  ]);

  const statusCounts: StatusCounts = {};
  for (const row of byStatus) statusCounts[row.status] = row.count;
  const sourceCounts = group(bySource);
  const goalCounts = group(byGoal);

  return {
    total: total(statusCounts),
    byStatus: statusCounts,
    bySource: sources
      .map((source) => ({ ...source, counts: sourceCounts.get(source.id) ?? {} }))
      .map((source) => ({ ...source, total: total(source.counts) }))
      .filter((source) => source.total > 0),
    recent,
    staleCount,
    byGoal: goals
      .map((goal) => ({ ...goal, counts: goalCounts.get(goal.id) ?? {} }))
      .map((goal) => ({ ...goal, total: total(goal.counts) })),
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
