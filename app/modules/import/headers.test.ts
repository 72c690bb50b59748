import { describe, expect, test } from "vitest";
import { reportFileEn } from "#app/locales/report-file.en.ts";
import { reportFileEs } from "#app/locales/report-file.es.ts";
import { columnHeader, headerIndex, matchHeader, normaliseHeader } from "./headers.ts";
import { csvColumns } from "#app/modules/reports/csv.server.ts";
import { importColumns } from "./types.ts";

describe("import headers", () => {
  test("every column has a header in each language, and no two columns share a spelling", () => {
    // headerIndex refuses, when the module loads, a spelling that names two columns.
    for (const column of importColumns) {
      for (const language of ["en", "es"] as const) {
        const header = columnHeader(column, language);
        expect(header, `${column} in ${language}`).toMatch(/\S/);
        expect(matchHeader(header)).toBe(column);
      }
      expect(matchHeader(column)).toBe(column);
    }
    expect(new Set(headerIndex.values()).size).toBe(importColumns.length);
  });

  test("an export is an import file: the CSV export's columns come first, under the export's headers", () => {
    expect(importColumns.slice(0, csvColumns.length)).toEqual(csvColumns);
    expect(columnHeader("lastChangeSummary", "es")).toBe(reportFileEs.columns.lastChangeSummary);
    expect(columnHeader("sourceTitle", "en")).toBe(reportFileEn.columns.sourceTitle);
  });

  test("case, accents and every space are ignored", () => {
    expect(normaliseHeader("  Título   en\u00a0Español ")).toBe("tituloenespanol");
    expect(matchHeader("TITULO EN ESPANOL")).toBe("titleEs");
    expect(matchHeader("títuloenespañol")).toBe("titleEs");
    expect(matchHeader("official STATUS date")).toBe("officialStatusDate");
    expect(matchHeader("Fecha de la fuente")).toBe("sourceDate");
    expect(matchHeader("Título de la fuente")).toBe("sourceTitle");
    expect(matchHeader("Something else")).toBeNull();
  });
});
