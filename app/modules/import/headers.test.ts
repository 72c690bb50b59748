import { describe, expect, test } from "vitest";
import { columnHeader, headerIndex, matchHeader, normaliseHeader } from "./headers.ts";
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
