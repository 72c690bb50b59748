import { describe, expect, test } from "vitest";
import { executiveSummary, shareInWords, type ItemFact, type SummaryInput } from "./summary.ts";

const item = (id: string, overrides: Partial<ItemFact> = {}): ItemFact => ({
  id,
  reference: id.toUpperCase(),
  status: "in_progress",
  officialStatus: null,
  dueDate: null,
  lastVerifiedAt: new Date("2026-09-01T12:00:00Z"),
  ...overrides,
});

const input = (overrides: Partial<SummaryInput> = {}): SummaryInput => ({
  language: "en",
  byStatus: [
    { code: "not_started", count: 1 },
    { code: "in_progress", count: 2 },
    { code: "implemented", count: 1 },
  ],
  items: [],
  moves: [],
  asOfDay: "2026-09-30",
  staleBefore: new Date("2026-07-02T06:00:00Z"),
  ...overrides,
});

describe("executive summary", () => {
  test("every status in the app's order, with its share; none missing, shares add up", () => {
    const summary = executiveSummary(input());
    expect(summary.total).toBe(4);
    expect(summary.statuses.map((entry) => entry.code)).toEqual([
      "not_started",
      "in_progress",
      "partially_implemented",
      "implemented",
      "stalled",
      "not_implemented",
    ]);
    expect(summary.statuses[1]).toMatchObject({ label: "In progress", count: 2, share: 0.5 });
    expect(summary.statuses[2]).toMatchObject({ count: 0, share: 0 });
    expect(summary.statuses.reduce((sum, entry) => sum + entry.share, 0)).toBeCloseTo(1);
    // An empty report has no shares, rather than NaN.
    const empty = executiveSummary(input({ byStatus: [] }));
    expect(empty.statuses.every((entry) => entry.share === 0)).toBe(true);
  });

  test("overdue: an open item whose due date passed before the as-of day", () => {
    const summary = executiveSummary(
      input({
        items: [
          item("late", { dueDate: "2026-06-30" }),
          item("later", { dueDate: "2026-01-15" }),
          item("due-today", { dueDate: "2026-09-30" }),
          item("closed", { dueDate: "2026-01-01", status: "implemented" }),
          item("dropped", { dueDate: "2026-01-01", status: "not_implemented" }),
          item("stalled", { dueDate: "2026-09-29", status: "stalled" }),
        ],
      }),
    );
    expect(summary.overdue.count).toBe(3);
    // The longest overdue first.
    expect(summary.overdue.shown.map((entry) => entry.id)).toEqual(["later", "late", "stalled"]);
  });

  test("not checked in 90 days: a check before the limit, or none; the oldest first", () => {
    const summary = executiveSummary(
      input({
        items: [
          item("recent"),
          item("old", { lastVerifiedAt: new Date("2026-05-01T00:00:00Z") }),
          item("just-old", { lastVerifiedAt: new Date("2026-07-02T05:59:59Z") }),
          item("just-in", { lastVerifiedAt: new Date("2026-07-02T06:00:00Z") }),
          item("never", { lastVerifiedAt: null }),
        ],
      }),
    );
    expect(summary.notChecked.count).toBe(3);
    expect(summary.notChecked.never).toBe(1);
    expect(summary.notChecked.shown.map((entry) => entry.id)).toEqual(["never", "old", "just-old"]);
  });

  test("moves: most recent first, capped, the rest counted; official statuses counted", () => {
    const moves = Array.from({ length: 13 }, (_, index) => ({
      id: `m${index}`,
      reference: `M${index}`,
      from: "not_started" as const,
      to: "in_progress" as const,
      date: `2026-09-${String(index + 10)}`,
      changes: index === 0 ? 3 : 1,
    }));
    const summary = executiveSummary(
      input({
        language: "es",
        moves,
        items: [
          item("a", { officialStatus: "open" }),
          item("b", { officialStatus: "open" }),
          item("c", { officialStatus: "closed_implemented" }),
          item("d"),
        ],
      }),
    );
    expect(summary.moves.items).toBe(13);
    expect(summary.moves.changes).toBe(15);
    expect(summary.moves.list.shown).toHaveLength(10);
    expect(summary.moves.list.more).toBe(3);
    expect(summary.moves.list.shown[0]).toMatchObject({
      id: "m12",
      from: { code: "not_started", label: "Sin iniciar" },
      to: { code: "in_progress", label: "En curso" },
    });
    expect(summary.official.items).toBe(3);
    expect(summary.official.statuses.map((entry) => [entry.code, entry.count])).toEqual([
      ["open", 2],
      ["open_partially_addressed", 0],
      ["closed_implemented", 1],
      ["closed_not_implemented", 0],
    ]);
  });

  test("shares in words, in the report's language", () => {
    expect(shareInWords("en", 0.425)).toBe("43%");
    expect(shareInWords("es", 0.425)).toMatch(/^43\s%$/);
  });
});
