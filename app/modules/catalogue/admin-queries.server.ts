// Reads the catalogue administration needs beyond the editors' own get/list functions: how many
// records each kind has, and every recommendation (archived ones too) for the admin list.
import { prisma } from "#app/utils/db.server.ts";
import type { CatalogueKind } from "./admin-kinds.ts";

export type KindCounts = { active: number; archived: number };

type ArchivedWhere = { archivedAt: null | { not: null } };

async function split(count: (where: ArchivedWhere) => Promise<number>): Promise<KindCounts> {
  const [active, archived] = await Promise.all([
    count({ archivedAt: null }),
    count({ archivedAt: { not: null } }),
  ]);
  return { active, archived };
}

/** Active and archived records of each kind. */
export async function countCatalogue(): Promise<Record<CatalogueKind, KindCounts>> {
  const [sources, recommendations, actors, goals, tags] = await Promise.all([
    split((where) => prisma.source.count({ where })),
    split((where) => prisma.recommendation.count({ where })),
    split((where) => prisma.actor.count({ where })),
    split((where) => prisma.goal.count({ where })),
    split((where) => prisma.tag.count({ where })),
  ]);
  return { sources, recommendations, actors, goals, tags };
}

/** Every recommendation in catalogue order, archived or not, with its source's code. */
export async function listRecommendationRows(options: { archived: boolean }) {
  const rows = await prisma.recommendation.findMany({
    where: { archivedAt: options.archived ? { not: null } : null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reference: true,
      title: true,
      titleEs: true,
      archivedAt: true,
      source: { select: { code: true } },
    },
  });
  return rows.map((row) => ({ ...row, archivedAt: row.archivedAt?.toISOString() ?? null }));
}
