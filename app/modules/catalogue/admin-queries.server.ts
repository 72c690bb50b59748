// Reads the catalogue administration needs beyond the editors' own get/list functions: how many
// records each kind has, and the admin's list of recommendations (active or archived), searched,
// filtered by source and read one page at a time: the catalogue grows past what one page shows.
import { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";
import { foldForSearch, likeContains, searchWords } from "#app/utils/search-text.ts";
import { sqlRows } from "#app/utils/sql.server.ts";
import type { CatalogueKind } from "./admin-kinds.ts";
import type { AdminRecommendationQuery, PageSize } from "./admin-list-query.ts";

const sql = Prisma.sql;

export type KindCounts = { active: number; archived: number };

type ArchivedWhere = { archivedAt: null | { not: null } };

async function split(count: (where: ArchivedWhere) => Promise<number>): Promise<KindCounts> {
  const [active, archived] = await Promise.all([
    count({ archivedAt: null }),
    count({ archivedAt: { not: null } }),
  ]);
  return { active, archived };
}

const counters: Record<CatalogueKind, () => Promise<KindCounts>> = {
  sources: () => split((where) => prisma.source.count({ where })),
  recommendations: () => split((where) => prisma.recommendation.count({ where })),
  actors: () => split((where) => prisma.actor.count({ where })),
  goals: () => split((where) => prisma.goal.count({ where })),
  tags: () => split((where) => prisma.tag.count({ where })),
};

/** Active and archived records of one kind (a list page needs no more). */
export function countKind(kind: CatalogueKind): Promise<KindCounts> {
  return counters[kind]();
}

/** Active and archived records of each kind. */
export async function countCatalogue(): Promise<Record<CatalogueKind, KindCounts>> {
  const [sources, recommendations, actors, goals, tags] = await Promise.all([
    countKind("sources"),
    countKind("recommendations"),
    countKind("actors"),
    countKind("goals"),
    countKind("tags"),
  ]);
  return { sources, recommendations, actors, goals, tags };
}

// --- The admin's list of recommendations -------------------------------------------------------

function whereSql(query: AdminRecommendationQuery): Prisma.Sql {
  const conditions = [
    query.archived ? sql`r."archivedAt" IS NOT NULL` : sql`r."archivedAt" IS NULL`,
  ];
  if (query.source) conditions.push(sql`lower(s.code) = lower(${query.source})`);
  // Each word in the folded text that the public list searches too (its trigram index serves
  // LIKE '%word%'), so that "analisis" finds "análisis" and the reverse.
  for (const word of searchWords(query.q)) {
    conditions.push(sql`r."searchText" LIKE ${likeContains(foldForSearch(word))}`);
  }
  return Prisma.join(conditions, " AND ");
}

export type AdminRecommendationRow = {
  id: string;
  reference: string;
  title: string;
  titleEs: string | null;
  sourceCode: string;
  archivedAt: string | null;
};

export type AdminRecommendationPage = {
  rows: AdminRecommendationRow[];
  total: number;
  /** The page shown: the one asked for, or the last one when that was past the end. */
  page: number;
  /** The page that was asked for, when it was past the end. */
  requestedPage?: number;
  pageCount: number;
  pageSize: PageSize;
};

/**
 * One page of the admin's recommendations (active or archived) in catalogue order: a count,
 * then that page's rows only. A page past the end gives the last page.
 */
export async function listRecommendationPage(
  query: AdminRecommendationQuery,
): Promise<AdminRecommendationPage> {
  const from = sql`FROM "Recommendation" r JOIN "Source" s ON s.id = r."sourceId"
    WHERE ${whereSql(query)}`;
  const [{ total }] = await sqlRows<[{ total: number }]>(
    sql`SELECT count(*)::int AS total ${from}`,
  );
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);
  const rows = await sqlRows<
    Array<Omit<AdminRecommendationRow, "archivedAt"> & { archivedAt: Date | null }>
  >(
    sql`SELECT r.id, r.reference, r.title, r."titleEs", s.code AS "sourceCode", r."archivedAt"
      ${from}
      ORDER BY r.position ASC, r."createdAt" ASC, r.id ASC
      LIMIT ${query.size} OFFSET ${(page - 1) * query.size}`,
  );
  return {
    rows: rows.map((row) => ({ ...row, archivedAt: row.archivedAt?.toISOString() ?? null })),
    total,
    page,
    ...(page !== query.page ? { requestedPage: query.page } : {}),
    pageCount,
    pageSize: query.size,
  };
}

/** The source filter's choices: the code of every source that has recommendations. */
export async function listRecommendationSourceCodes(): Promise<string[]> {
  const rows = await sqlRows<Array<{ code: string }>>(
    sql`SELECT s.code FROM "Source" s
      WHERE EXISTS (SELECT 1 FROM "Recommendation" r WHERE r."sourceId" = s.id)
      ORDER BY s.code`,
  );
  return rows.map((row) => row.code);
}
