import type { Prisma } from "#app/generated/prisma/client.ts";
import type { Locale } from "#app/utils/i18n.ts";
import { prisma } from "#app/utils/db.server.ts";
import { foldForSearch } from "#app/utils/search-text.ts";
import { staleBefore } from "#app/modules/tracking/stale.ts";
import { PAGE_SIZE, type ListQuery } from "./list-query.ts";

const listSelect = {
  id: true,
  reference: true,
  title: true,
  titleEs: true,
  status: true,
  country: true,
  lastActivityAt: true,
  lastVerifiedAt: true,
  source: { select: { code: true, title: true, titleEs: true } },
  actors: { select: { code: true, name: true, nameEs: true }, orderBy: { code: "asc" } },
} satisfies Prisma.RecommendationSelect;

export type ListItem = Prisma.RecommendationGetPayload<{ select: typeof listSelect }>;

/** Items never verified, or verified more than 90 days before `now`. */
export function staleWhere(now = new Date()): Prisma.RecommendationWhereInput {
  return { OR: [{ lastVerifiedAt: null }, { lastVerifiedAt: { lt: staleBefore(now) } }] };
}

/** Ids of a goal and of every goal below it (cooperation areas, joint objectives). */
export function goalAndDescendants(
  goals: Array<{ id: string; code: string; parentId: string | null }>,
  code: string,
): string[] {
  const root = goals.find((goal) => goal.code.toLowerCase() === code.toLowerCase());
  if (!root) return [];
  const ids = [root.id];
  for (let i = 0; i < ids.length; i++) {
    for (const goal of goals) if (goal.parentId === ids[i]) ids.push(goal.id);
  }
  return ids;
}

async function buildWhere(query: ListQuery): Promise<Prisma.RecommendationWhereInput> {
  const and: Prisma.RecommendationWhereInput[] = [{ archivedAt: null }];
  if (query.source) and.push({ source: { code: { equals: query.source, mode: "insensitive" } } });
  if (query.status) and.push({ status: query.status });
  if (query.country) and.push({ country: query.country });
  if (query.stale) {
    and.push(staleWhere());
  }
  if (query.actor) {
    and.push({ actors: { some: { code: { equals: query.actor, mode: "insensitive" } } } });
  }
  if (query.goal) {
    const goals = await prisma.goal.findMany({ select: { id: true, code: true, parentId: true } });
    and.push({ goals: { some: { id: { in: goalAndDescendants(goals, query.goal) } } } });
  }
  for (const word of (query.q ?? "").split(/\s+/).filter(Boolean).slice(0, 10)) {
    and.push({
      OR: [
        { searchText: { contains: foldForSearch(word) } },
        { source: { code: { contains: word, mode: "insensitive" } } },
      ],
    });
  }
  return { AND: and };
}

function orderBy(
  sort: ListQuery["sort"],
  locale: Locale,
): Prisma.RecommendationOrderByWithRelationInput[] {
  switch (sort) {
    case "reference":
      return [{ reference: "asc" }, { id: "asc" }];
    case "title":
      return locale === "es"
        ? [{ titleEs: { sort: "asc", nulls: "last" } }, { title: "asc" }, { id: "asc" }]
        : [{ title: "asc" }, { id: "asc" }];
    case "status":
      return [{ status: "asc" }, { position: "asc" }, { id: "asc" }];
    case "updated":
      return [{ lastActivityAt: "desc" }, { position: "asc" }, { id: "asc" }];
    case "catalogue":
      return [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }];
  }
}

export type RecommendationPage = {
  items: ListItem[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
};

export async function listRecommendations(
  query: ListQuery,
  locale: Locale,
): Promise<RecommendationPage> {
  const where = await buildWhere(query);
  const [total, items] = await Promise.all([
    prisma.recommendation.count({ where }),
    prisma.recommendation.findMany({
      where,
      select: listSelect,
      orderBy: orderBy(query.sort, locale),
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);
  return {
    items,
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    pageSize: PAGE_SIZE,
  };
}

/** What the filter menus offer: sources and actors that have items, and every goal. */
export async function listFilterOptions() {
  const [sources, goals, actors] = await Promise.all([
    prisma.source.findMany({
      where: { archivedAt: null, recommendations: { some: { archivedAt: null } } },
      select: { code: true, title: true, titleEs: true },
      orderBy: { code: "asc" },
    }),
    prisma.goal.findMany({
      where: { archivedAt: null },
      select: { code: true, title: true, titleEs: true, level: true },
      orderBy: [{ position: "asc" }, { code: "asc" }],
    }),
    prisma.actor.findMany({
      where: { archivedAt: null, recommendations: { some: { archivedAt: null } } },
      select: { code: true, name: true, nameEs: true },
      orderBy: { code: "asc" },
    }),
  ]);
  return { sources, goals, actors };
}
