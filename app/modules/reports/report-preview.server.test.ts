import { describe, expect, test } from "vitest";
import type { Status } from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import { reportSummary } from "./report-data.server.ts";
import { reportPreview } from "./report-preview.server.ts";
import { parseReportQuery } from "./report-query.ts";
import { CHANGED_ITEM, SOURCE, withExportFixture } from "./test-fixtures.server.ts";

withExportFixture();

describe("the reports page's preview", () => {
  test("counts the items on the as-of date by status and source, by hand", async () => {
    // On 2025-06-30 the changed item was in progress (it is stalled today); the other items
    // of the source have no recorded change and count with their current status.
    const items = await prisma.recommendation.findMany({
      where: { source: { code: SOURCE }, archivedAt: null },
      select: { id: true, status: true },
    });
    const expected: Partial<Record<Status, number>> = {};
    for (const item of items) {
      const status = item.id === CHANGED_ITEM ? "in_progress" : item.status;
      expected[status] = (expected[status] ?? 0) + 1;
    }
    const preview = await reportPreview({ source: SOURCE }, "2025-06-30");
    expect(preview.total).toBe(items.length);
    expect(preview.byStatus).toEqual(expected);
    expect(preview.bySource).toEqual([
      expect.objectContaining({ code: SOURCE, total: items.length, counts: expected }),
    ]);
  });

  test("counts what the report of the same query counts", async () => {
    for (const search of ["", "country=US&asOf=2025-06-30", `source=${SOURCE}&status=stalled`]) {
      const { query } = parseReportQuery(new URLSearchParams(search), { defaultLanguage: "en" });
      const [preview, summary] = await Promise.all([
        reportPreview(query.filters, query.asOf),
        reportSummary({
          ...query,
          audience: "public",
          origin: "http://reports.test",
          generatedAt: new Date(),
        }),
      ]);
      expect(preview.total, search).toBe(summary.total);
      expect(preview.byStatus, search).toEqual(
        Object.fromEntries(
          summary.byStatus.filter((row) => row.count > 0).map((row) => [row.code, row.count]),
        ),
      );
      expect(
        preview.bySource.map((source) => [source.code, source.total]),
        search,
      ).toEqual(summary.bySource.map((row) => [row.code, row.total]));
    }
  });
});
