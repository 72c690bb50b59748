import { describe, expect, test } from "vitest";
import { countsAsOf } from "#app/modules/recommendations/as-of.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import {
  reportHistoryBatches,
  reportItemBatches,
  reportSummary,
  type ReportRequest,
} from "./report-data.server.ts";
import { CHANGED_ITEM, SOURCE, withExportFixture } from "./test-fixtures.server.ts";

withExportFixture();

const request = (overrides: Partial<ReportRequest> = {}): ReportRequest => ({
  filters: {},
  asOf: null,
  asOfDay: new Date().toISOString().slice(0, 10),
  from: "2025-01-01",
  language: "en",
  audience: "public",
  origin: "http://reports.test",
  generatedAt: new Date(),
  ...overrides,
});

async function collect<T>(batches: AsyncIterable<T[]>) {
  const sizes: number[] = [];
  const all: T[] = [];
  for await (const batch of batches) {
    sizes.push(batch.length);
    all.push(...batch);
  }
  return { sizes, all };
}

describe("report data", () => {
  test("items come in keyset batches, in catalogue order, the same whatever the batch size", async () => {
    const whole = await collect(reportItemBatches(request()));
    const small = await collect(reportItemBatches(request(), 5));
    const count = await prisma.recommendation.count({ where: { archivedAt: null } });
    expect(whole.all).toHaveLength(count);
    expect(whole.sizes).toEqual([count]);
    expect(small.sizes.every((size) => size <= 5)).toBe(true);
    expect(small.sizes.length).toBe(Math.ceil(count / 5));
    expect(small.all.map((item) => item.id)).toEqual(whole.all.map((item) => item.id));
    const ordered = await prisma.recommendation.findMany({
      where: { archivedAt: null },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(whole.all.map((item) => item.id)).toEqual(ordered.map((item) => item.id));
  });

  test("the summary counts are the as-of counts, per source and per top-level goal", async () => {
    const asOf = "2025-06-30";
    const summary = await reportSummary(request({ asOf, asOfDay: asOf, language: "es" }));
    const counts = await countsAsOf({}, asOf);
    expect(summary.total).toBe(counts.total);
    expect(summary.byStatus.find((entry) => entry.code === "in_progress")).toEqual({
      code: "in_progress",
      label: "En curso",
      count: counts.byStatus.in_progress,
    });
    expect(summary.bySource.reduce((sum, row) => sum + row.total, 0)).toBe(counts.total);
    const gao = summary.bySource.find((row) => row.code === SOURCE)!;
    expect(gao.title).toMatch(/^Tráfico de armas/);
    expect(gao.counts.in_progress).toBe(1);
    expect(summary.byGoal.map((row) => row.code)).toEqual(["1", "2", "3"]);
    expect(summary.byGoal[0]!.title).toBe("Proteger a nuestra gente");
  });

  test("filters are described in the report's language with what their codes name", async () => {
    const summary = await reportSummary(
      request({
        filters: { source: SOURCE, goal: "2", status: "stalled", country: "US" },
        language: "es",
      }),
    );
    expect(summary.filterDescriptions).toEqual([
      { key: "source", label: "Fuente", value: expect.stringMatching(/^GAO-21-322 – Tráfico/) },
      {
        key: "goal",
        label: expect.any(String),
        value: "2 – Prevenir la delincuencia transfronteriza",
      },
      { key: "country", label: expect.any(String), value: "Estados Unidos" },
      { key: "status", label: "Estado", value: "Estancada" },
    ]);
    expect(summary.total).toBe(1);
  });

  test("the history of an as-of report stops at its date", async () => {
    const asOf = "2025-06-30";
    const { all } = await collect(
      reportHistoryBatches(request({ asOf, asOfDay: asOf, from: "2025-01-01" }), 1),
    );
    expect(all.map((entry) => [entry.kind, entry.date, entry.itemId])).toEqual([
      ["status", "2025-03-10", CHANGED_ITEM],
      ["official", "2025-04-01", CHANGED_ITEM],
    ]);
    expect(all[1]).toMatchObject({ from: null, to: { code: "open", label: "Open" } });
  });
});
