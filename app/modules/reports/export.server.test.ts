import { describe, expect, test } from "vitest";
import { localeCookie } from "#app/utils/i18n.server.ts";
import { reportFileName } from "./export.server.ts";
import {
  INTERNAL_NOTE,
  SOURCE,
  STAFF_EMAIL,
  STAFF_NAME,
  exportText,
  exportThrough,
  withExportFixture,
} from "./test-fixtures.server.ts";

const fixture = withExportFixture();

const formats = ["csv", "json", "xlsx", "pdf"] as const;

describe("who sees what", () => {
  test("an internal note and staff names are in no public export, in any format", async () => {
    for (const format of formats) {
      const response = await exportThrough(format, `source=${SOURCE}`);
      expect(response.status, format).toBe(200);
      const text = await exportText(format, response);
      expect(text, format).toContain(SOURCE);
      expect(text, format).not.toContain(INTERNAL_NOTE.slice(0, 30));
      expect(text, format).not.toContain(STAFF_NAME);
      expect(text, format).not.toContain(STAFF_EMAIL);
    }
  });

  test("staff exports carry the internal note (JSON, PDF) but never an email address", async () => {
    for (const format of ["json", "pdf"] as const) {
      const response = await exportThrough(format, `source=${SOURCE}`, fixture.staff);
      const text = await exportText(format, response);
      expect(text, format).toContain(INTERNAL_NOTE.slice(0, 30));
      expect(text, format).toContain(STAFF_NAME);
      expect(text, format).not.toContain(STAFF_EMAIL);
    }
  });
});

describe("the export route", () => {
  test("answers with a private, non-cached attachment whose name says what it is", async () => {
    for (const format of formats) {
      const response = await exportThrough(format, `source=${SOURCE}&asOf=2025-06-30`);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(response.headers.get("Vary")).toBe("Cookie");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const name = `status-report_2025-06-30_${SOURCE}.${format}`;
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="${name}"; filename*=UTF-8''${name}`,
      );
      await response.body?.cancel();
    }
  });

  test("a bad parameter sends the reader back to /reports with the query kept", async () => {
    const queries = [
      "source=GAO-21-322&status=finished",
      "asOf=2020-13-45&lang=en",
      "lang=fr",
      "asOf=2025-06-30&from=2025-07-01",
      "asOf=2999-01-01",
      "q=%00",
    ];
    for (const format of formats) {
      for (const query of queries) {
        const response = await exportThrough(format, query);
        expect(response.status, `${format}?${query}`).toBe(303);
        expect(response.headers.get("Location")).toBe(`/reports?${query}`);
      }
    }
  });

  test("the report's language: lang=, else the reader's interface language", async () => {
    const name = async (query: string, headers: Record<string, string>) => {
      const response = await exportThrough("csv", query, null, headers);
      await response.body?.cancel();
      return response.headers.get("Content-Disposition") ?? "";
    };
    const spanish = (await localeCookie.serialize("es")).split(";")[0]!;
    expect(await name("", { Cookie: spanish })).toContain('filename="informe-de-estado_');
    expect(await name("", { "Accept-Language": "es-MX,es;q=0.9" })).toContain(
      'filename="informe-de-estado_',
    );
    expect(await name("lang=en", { Cookie: spanish })).toContain('filename="status-report_');
    expect(await name("lang=es", {})).toContain('filename="informe-de-estado_');
    expect(await name("", {})).toContain('filename="status-report_');
  });

  test("file names: sanitised filter values, or all when unfiltered", () => {
    const base = {
      asOf: null,
      asOfDay: "2026-12-01",
      from: "2026-10-01",
      audience: "public" as const,
      origin: "http://x",
      generatedAt: new Date(),
    };
    expect(reportFileName({ ...base, filters: {}, language: "en" }, "pdf")).toBe(
      "status-report_2026-12-01_all.pdf",
    );
    expect(
      reportFileName(
        {
          ...base,
          filters: { q: "armas / tráfico", source: "GAO-21-322", status: "stalled" },
          language: "es",
        },
        "xlsx",
      ),
    ).toBe("informe-de-estado_2026-12-01_armas-tr-fico_GAO-21-322_stalled.xlsx");
    expect(reportFileName({ ...base, filters: { q: '"; evil=1' }, language: "en" }, "csv")).toBe(
      "status-report_2026-12-01_evil-1.csv",
    );
  });
});
