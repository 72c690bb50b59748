import { beforeAll, describe, expect, test } from "vitest";
import { currentDay } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { reportSummary, type ReportRequest } from "./report-data.server.ts";
import { readExecutiveSummary } from "./summary.server.ts";
import { CHANGED_ITEM, NOTED_ITEM, SOURCE, withExportFixture } from "./test-fixtures.server.ts";

withExportFixture();

const OVERDUE_ITEM = NOTED_ITEM;
const CHECKED_ITEM = "gao-21-322-cbp-measures";
const DAY_MS = 24 * 60 * 60 * 1000;

const request = (overrides: Partial<ReportRequest> = {}): ReportRequest => ({
  filters: { source: SOURCE },
  asOf: null,
  asOfDay: currentDay(),
  from: "2025-01-01",
  language: "en",
  audience: "public",
  origin: "http://reports.test",
  generatedAt: new Date(),
  ...overrides,
});

async function summaryOf(overrides: Partial<ReportRequest> = {}) {
  const report = request(overrides);
  return readExecutiveSummary(report, await reportSummary(report));
}

beforeAll(async () => {
  // Overdue: an open item whose due date has passed. Stale: a check 200 days ago. Checked: a
  // check yesterday. Every other item of the source was never checked.
  await prisma.recommendation.update({
    where: { id: OVERDUE_ITEM },
    data: { dueDate: new Date("2025-06-30T00:00:00Z"), lastVerifiedAt: new Date() },
  });
  await prisma.recommendation.update({
    where: { id: CHANGED_ITEM },
    data: { lastVerifiedAt: new Date(Date.now() - 200 * DAY_MS) },
  });
  await prisma.recommendation.update({
    where: { id: CHECKED_ITEM },
    data: { lastVerifiedAt: new Date(Date.now() - DAY_MS) },
  });
});

describe("executive summary of a report", () => {
  test("counts, moves, overdue, not checked and official statuses of today", async () => {
    const items = await prisma.recommendation.findMany({
      where: { source: { code: SOURCE }, archivedAt: null },
    });
    const summary = await summaryOf();
    expect(summary.total).toBe(items.length);
    expect(summary.statuses.find((entry) => entry.code === "stalled")!.count).toBeGreaterThan(0);

    expect(summary.moves.items).toBe(1);
    expect(summary.moves.changes).toBe(2);
    expect(summary.moves.list.shown).toEqual([
      {
        id: CHANGED_ITEM,
        reference: expect.stringContaining(SOURCE),
        from: { code: "not_started", label: "Not started" },
        to: { code: "stalled", label: "Stalled" },
        date: "2025-11-20",
      },
    ]);

    expect(summary.overdue.count).toBe(1);
    expect(summary.overdue.shown[0]).toMatchObject({ id: OVERDUE_ITEM, dueDate: "2025-06-30" });

    // All but the two checked recently: the stale one first among those ever checked.
    expect(summary.notChecked.count).toBe(items.length - 2);
    expect(summary.notChecked.never).toBe(items.length - 3);
    const ids = [...summary.notChecked.shown.map((entry) => entry.id)];
    expect(ids).not.toContain(OVERDUE_ITEM);
    expect(ids).not.toContain(CHECKED_ITEM);

    const withOfficial = items.filter((item) => item.statusOfficial !== null);
    expect(summary.official.items).toBe(withOfficial.length);
    expect(
      summary.official.statuses.find((entry) => entry.code === "closed_implemented")!.count,
    ).toBe(withOfficial.filter((item) => item.statusOfficial === "closed_implemented").length);
  });

  test("a past day: its statuses and moves, and no check made after it", async () => {
    const asOf = "2025-06-30";
    const summary = await summaryOf({ asOf, asOfDay: asOf, language: "es" });
    expect(summary.moves.items).toBe(1);
    expect(summary.moves.list.shown[0]).toMatchObject({
      id: CHANGED_ITEM,
      from: { code: "not_started", label: "Sin iniciar" },
      to: { code: "in_progress", label: "En curso" },
      date: "2025-03-10",
    });
    // The due date is not past on its own day; every check was made later, so none is known.
    expect(summary.overdue.count).toBe(0);
    expect(summary.notChecked.count).toBe(summary.total);
    expect(summary.notChecked.never).toBe(summary.total);
    // The official status of that day: open (closed only as of 1 December 2025).
    const open = summary.official.statuses.find((entry) => entry.code === "open")!;
    expect(open.label).toBe("Abierta");
    expect(open.count).toBeGreaterThanOrEqual(1);
    expect(
      summary.official.statuses.find((entry) => entry.code === "closed_implemented")!.count,
    ).toBe(0);
  });

  test("a period that starts after the changes has no moves", async () => {
    const summary = await summaryOf({ from: "2025-12-01" });
    expect(summary.moves).toEqual({ items: 0, changes: 0, list: { shown: [], more: 0 } });
  });
});
