import { describe, expect, test } from "vitest";
import { hasParamErrors } from "#app/modules/recommendations/filters.ts";
import { formatFromPath, parseReportQuery } from "./report-query.ts";

const now = new Date("2026-11-15T12:00:00Z");
const parse = (query: string, defaultLanguage: "en" | "es" = "en") =>
  parseReportQuery(new URLSearchParams(query), { defaultLanguage, now });

describe("parseReportQuery", () => {
  test("defaults: today's state, the reader's language, this quarter so far", () => {
    const { query, errors } = parse("", "es");
    expect(errors).toEqual({});
    expect(query).toEqual({
      filters: {},
      asOf: null,
      asOfDay: "2026-11-15",
      from: "2026-10-01",
      language: "es",
    });
  });

  test("filters, a past as-of date, a language and a period", () => {
    const { query, errors } = parse(
      "source=GAO-21-322&status=stalled&asOf=2026-09-30&lang=es&from=2026-01-01&format=pdf",
    );
    expect(hasParamErrors(errors)).toBe(false);
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

  test("each bad parameter is reported by name with a message key", () => {
    const { errors } = parse(
      "status=done&country=FR&asOf=2026-02-30&lang=fr&from=yesterday&q=" + "x".repeat(201),
    );
    expect(errors).toEqual({
      status: { key: "filters.errors.choice" },
      country: { key: "filters.errors.choice" },
      asOf: { key: "filters.errors.date" },
      lang: { key: "filters.errors.choice" },
      from: { key: "filters.errors.date" },
      q: { key: "filters.errors.tooLong", values: { max: 200 } },
    });
    expect(parse("asOf=2027-01-01").errors.asOf).toEqual({ key: "filters.errors.future" });
    expect(parse("asOf=2026-06-30&from=2026-07-01").errors.from).toEqual({
      key: "reportFile.queryErrors.fromAfterAsOf",
    });
    expect(parse("from=2026-12-01").errors.from).toEqual({
      key: "reportFile.queryErrors.fromAfterAsOf",
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
