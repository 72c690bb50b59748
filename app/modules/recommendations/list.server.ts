import type { Locale } from "#app/utils/i18n.ts";
import { prisma } from "#app/utils/db.server.ts";
import { cached, cacheKey } from "#app/utils/cache.server.ts";
import {
  countItemsAsOf,
  findListPageAsOf,
  searchSources,
  type ListRowAsOf,
} from "./as-of.server.ts";
import { PAGE_SIZE, type ListQuery } from "./list-query.ts";

/** A row of the list: the item's status and official status are those on the list's date. */
export type ListItem = Omit<ListRowAsOf, "total">;

export type RecommendationPage = {
  items: ListItem[];
  total: number;
  /** The page shown: the one asked for, or the last one when that was past the end. */
  page: number;
  /** The page that was asked for, when it was past the end. */
  requestedPage?: number;
  pageCount: number;
  pageSize: number;
};

/**
 * One page of the list: the items present on the list's date that match its filters, in its
 * order, with their status on that date (see as-of.server.ts). A page past the end gives the
 * last page.
 */
export async function listRecommendations(
  query: ListQuery,
  locale: Locale,
): Promise<RecommendationPage> {
  const asOf = query.asOf ?? null;
  const { q, source, goal, actor, country, status, tag, related, stale } = query;
  const now = new Date();
  const countKey = cacheKey("list-count", {
    ...{ q, source, goal, actor, country, status, tag, related, stale, asOf },
    hour: now.toISOString().slice(0, 13),
  });
  const search = await searchSources(q);
  const pageOf = (page: number, withTotal = false) =>
    findListPageAsOf({
      search,
      filters: query,
      asOf,
      sort: query.sort,
      locale,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      withTotal,
    });
  let total: number;
  let page = query.page;
  let rows: ListRowAsOf[];
  if (q?.trim()) {
    // A search runs the same search for the page and for the count: once, as one statement.
    rows = await pageOf(page, true);
    total = rows[0]?.total ?? (page > 1 ? await countItemsAsOf(query, asOf, now, search) : 0);
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pageCount) {
      page = pageCount;
      rows = await pageOf(page);
    }
  } else {
    total = await cached(countKey, () => countItemsAsOf(query, asOf, now), "data:list");
    page = Math.min(query.page, Math.max(1, Math.ceil(total / PAGE_SIZE)));
    rows = await pageOf(page);
  }
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = rows.map(({ total: _total, ...item }): ListItem => item);
  return {
    items,
    total,
    page,
    ...(page !== query.page ? { requestedPage: query.page } : {}),
    pageCount,
    pageSize: PAGE_SIZE,
  };
}

/** What the filter menus offer: sources, actors and tags that have items, and every goal. */
export function listFilterOptions() {
  return cached("filter-options", computeFilterOptions, "data:catalogue");
}

async function computeFilterOptions() {
  const [sources, goals, actors, tags] = await Promise.all([
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
      select: { code: true, name: true, nameEs: true, abbreviation: true },
      orderBy: { code: "asc" },
    }),
    prisma.tag.findMany({
      where: { archivedAt: null, recommendations: { some: { archivedAt: null } } },
      select: { slug: true, name: true, nameEs: true },
      orderBy: { slug: "asc" },
    }),
  ]);
  return { sources, goals, actors, tags };
}
