import { describe, expect, test } from "vitest";
import { hasParamErrors } from "#app/modules/recommendations/filters.ts";
import { formatFromPath, parseReportQuery } from "./report-query.ts";

const now = new Date("2026-11-15T12:00:00Z");
const parse = (query: string, defaultLanguage: "en" | "es" = "en") =>
  parseReportQuery(new URLSearchParams(query), { defaultLanguage, now });

describe("parseReportQuery", () => {
  test("defaults: today's state, the reader's language, this quarter so far", () => {
    const { query, chosen, errors } = parse("", "es");
    expect(errors).toEqual({});
    expect(query).toEqual({
      filters: {},
      asOf: null,
      asOfDay: "2026-11-15",
      from: "2026-10-01",
      language: "es",
    });
    // Nothing chosen: the reports page leaves those fields at their defaults.
    expect(chosen).toEqual({});
  });

  test("filters, a past as-of date, a language and a period", () => {
    const { query, chosen, errors } = parse(
      "source=GAO-21-322&status=stalled&asOf=2026-09-30&lang=es&from=2026-01-01&format=pdf",
    );
    expect(hasParamErrors(errors)).toBe(false);
    expect(chosen).toEqual({ language: "es", from: "2026-01-01" });
    expect(query).toEqual({
      filters: { source: "GAO-21-322", status: "stalled" },
      asOf: "2026-09-30",
      asOfDay: "2026-09-30",
      from: "2026-01-01",
      language: "es",
    });
    // The period defaults to the as-of date's quarter; today's date means the current state.
    expect(parse("asOf=2026-08-20").query.from).toBe("2026-07-01");
    expect(parse("asOf=2026-11-15").query.asOf).toBeNull();
  });

  test("each bad parameter is reported by name with a message key, and its default used", () => {
    const { query, chosen, errors } = parse(
      "status=done&country=FR&asOf=2026-02-30&lang=fr&from=yesterday&q=" + "x".repeat(201),
      "es",
    );
    expect(errors).toEqual({
      status: { key: "filters.errors.choice" },
      country: { key: "filters.errors.choice" },
      asOf: { key: "filters.errors.date" },
      lang: { key: "review.reports.errors.lang" },
      from: { key: "review.reports.errors.fromDate" },
      q: { key: "filters.errors.tooLong", values: { max: 200 } },
    });
    expect(query).toEqual({
      filters: {},
      asOf: null,
      asOfDay: "2026-11-15",
      from: "2026-10-01",
      language: "es",
    });
    expect(chosen).toEqual({});
    expect(parse("asOf=2027-01-01").errors.asOf).toEqual({ key: "filters.errors.future" });
    // A history that starts after the as-of date: the start of that date's quarter instead.
    const late = parse("asOf=2026-06-30&from=2026-07-01");
    expect(late.errors.from).toEqual({ key: "review.reports.errors.fromAfterAsOf" });
    expect(late.query.from).toBe("2026-04-01");
    expect(late.chosen).toEqual({});
    expect(parse("from=2026-12-01").errors.from).toEqual({
      key: "review.reports.errors.fromAfterAsOf",
    });
    expect(hasParamErrors(parse("lang=de").errors)).toBe(true);
  });
});

test("formatFromPath reads the format from the path's extension", () => {
  expect(formatFromPath("/reports/export.pdf")).toBe("pdf");
  expect(formatFromPath("/reports/export.xlsx")).toBe("xlsx");
  expect(formatFromPath("/reports/export.csv")).toBe("csv");
  expect(formatFromPath("/reports/export.json")).toBe("json");
  expect(formatFromPath("/reports/export.html")).toBeNull();
  expect(formatFromPath("/reports/export")).toBeNull();
});
