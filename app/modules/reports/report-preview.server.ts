// The reports page's preview: what a report for these filters and date would count, by status,
// overall and per source, from the same as-of counts as the reports themselves.
import {
  countsAsOf,
  type AsOfDate,
  type StatusCounts,
} from "#app/modules/recommendations/as-of.server.ts";
import type { ItemFilters } from "#app/modules/recommendations/filters.ts";
import { prisma } from "#app/utils/db.server.ts";

export type PreviewSource = {
  code: string;
  title: string;
  titleEs: string | null;
  total: number;
  counts: StatusCounts;
};

/** Counts by status on `asOf`, overall and per source (by code), as the reports count them. */
export async function reportPreview(filters: ItemFilters, asOf: AsOfDate, now = new Date()) {
  const counts = await countsAsOf(filters, asOf, now);
  const sources = await prisma.source.findMany({
    where: { id: { in: [...counts.bySource.keys()] } },
    select: { id: true, code: true, title: true, titleEs: true },
    orderBy: { code: "asc" },
  });
  return {
    total: counts.total,
    byStatus: counts.byStatus,
    bySource: sources.map((source): PreviewSource => {
      const bySource = counts.bySource.get(source.id) ?? {};
      return {
        code: source.code,
        title: source.title,
        titleEs: source.titleEs,
        counts: bySource,
        total: Object.values(bySource).reduce((sum, count) => sum + (count ?? 0), 0),
      };
    }),
  };
}
