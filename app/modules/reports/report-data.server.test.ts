import { describe, expect, test } from "vitest";
import { countsAsOf } from "#app/modules/recommendations/as-of.server.ts";
import { currentDay, dayIn, setTimeZone, timeZone } from "#app/utils/dates.ts";
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
  asOfDay: currentDay(),
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
  test("a note's day is the day it was written in the tracker's zone, not UTC's", async () => {
    const item = "gao-21-322-cbp-measures";
    // 03:00 UTC on 12 March is the evening of 11 March in Mexico City.
    await prisma.note.create({
      data: {
        recommendationId: item,
        body: "Written in the evening",
        visibility: "public",
        createdAt: new Date("2025-03-12T03:00:00Z"),
      },
    });
    const asOf = "2025-06-30";
    const zone = timeZone();
    setTimeZone("America/Mexico_City");
    try {
      const { all } = await collect(reportItemBatches(request({ asOf, asOfDay: asOf })));
      const note = all.find((entry) => entry.id === item)?.latestNote;
      expect(note?.body).toBe("Written in the evening");
      expect(note?.date).toBe("2025-03-11");
    } finally {
      setTimeZone(zone);
    }
  });

  test("a check an import replaced after the day is that check's day, in the tracker's zone", async () => {
    const item = "gao-16-223-doj-mou";
    // Checked on 10 May; an import on 1 July set a later check, recording the one it replaced by
    // its day (as the import's plan shows it).
    await prisma.recommendation.update({
      where: { id: item },
      data: { lastVerifiedAt: new Date("2025-07-01T15:00:00Z") },
    });
    await prisma.auditEvent.create({
      data: {
        action: "recommendation.edited",
        entityType: "Recommendation",
        entityId: item,
        at: new Date("2025-07-01T15:00:00Z"),
        before: { lastVerifiedAt: "2025-05-10" },
        after: { lastVerifiedAt: "2025-07-01" },
      },
    });
    const asOf = "2025-06-30";
    const { all } = await collect(reportItemBatches(request({ asOf, asOfDay: asOf })));
    const checked = all.find((entry) => entry.id === item)?.lastVerifiedAt;
    expect(checked && dayIn(checked)).toBe("2025-05-10");
  });

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

  test("history batches neither skip nor repeat rows that share one day and one timestamp", async () => {
    // A GAO import writes hundreds of changes on one day in one instant. 02:00 UTC is the
    // evening before in Mexico City and the morning after in Tokyo: the cursor must hold the
    // instant as UTC whatever the process's zone (npm test runs this in both).
    const items = await prisma.recommendation.findMany({
      where: { source: { code: SOURCE } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: 3,
    });
    const at = new Date("2024-05-16T02:00:00.000Z");
    const rows = Array.from({ length: 7 }, (_, index) => ({
      id: `shared-instant-${index}`,
      recommendationId: items[index % items.length]!.id,
      fromStatus: "not_started" as const,
      toStatus: "in_progress" as const,
      summary: `Shared instant ${index}`,
      occurredOn: new Date("2024-05-15T00:00:00.000Z"),
      createdAt: at,
    }));
    await prisma.statusChange.createMany({ data: rows });
    try {
      const shared = rows.map((row) => row.id);
      const whole = await collect(reportHistoryBatches(request({ from: "2024-05-01" }), 1000));
      expect(whole.all.filter((entry) => shared.includes(entry.id)).map((e) => e.id)).toEqual(
        shared,
      );
      for (const size of [1, 2, 3, 4]) {
        const { all } = await collect(reportHistoryBatches(request({ from: "2024-05-01" }), size));
        expect(
          all.map((entry) => entry.id),
          `batches of ${size}`,
        ).toEqual(whole.all.map((entry) => entry.id));
      }
    } finally {
      await prisma.statusChange.deleteMany({ where: { id: { startsWith: "shared-instant-" } } });
    }
  });
});
