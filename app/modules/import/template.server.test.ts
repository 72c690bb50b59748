import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { en } from "#app/locales/en.ts";
import { es } from "#app/locales/es.ts";
import { columnHeader } from "./headers.ts";
import { parseImportFile } from "./parse.server.ts";
import { templateCsv, templateExample, templateXlsx } from "./template.server.ts";
import { importColumns } from "./types.ts";

describe.each(["en", "es"] as const)("the import template in %s", (language) => {
  test("CSV: every column headed in the language, and the example row reads back", async () => {
    const bytes = await templateCsv(language);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe(
      importColumns.map((column) => columnHeader(column, language)).join(","),
    );
    const parsed = await parseImportFile({ bytes, fileName: "template.csv" });
    expect(parsed.format).toBe("table");
    if (parsed.format !== "table") return;
    expect(parsed.columns).toEqual([...importColumns]);
    expect(parsed.ignoredHeaders).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([{ rowNumber: 2, cells: templateExample(language) }]);
  });

  test("XLSX: the data sheet reads back to the example row; a second sheet explains each column in both languages", async () => {
    const bytes = await templateXlsx(language);
    const parsed = await parseImportFile({ bytes, fileName: "template.xlsx" });
    expect(parsed.format).toBe("table");
    if (parsed.format !== "table") return;
    expect(parsed.columns).toEqual([...importColumns]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([{ rowNumber: 2, cells: templateExample(language) }]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const messages = language === "es" ? es : en;
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      messages.importColumns.template.dataSheet,
      messages.importColumns.template.columnsSheet,
    ]);
    const sheet = workbook.worksheets[1]!;
    const rows = importColumns.map((column, index) => {
      const values = sheet.getRow(index + 2).values as unknown[];
      expect(values[1]).toBe(column);
      return values.slice(1) as string[];
    });
    const row = (column: string) => rows.find((cells) => cells[0] === column)!;
    expect(row("title")).toEqual([
      "title",
      en.reportFile.columns.title,
      es.reportFile.columns.title,
      en.importColumns.explain.title,
      es.importColumns.explain.title,
      `${en.importColumns.template.requiredNew} / ${es.importColumns.template.requiredNew}`,
      `${en.importColumns.template.anyText} / ${es.importColumns.template.anyText}`,
    ]);
    // The labels a status, an official status or a country may be written as, in both languages.
    expect(row("status")[6]!.split("\n")).toEqual(
      Object.entries(en.status).map(
        ([code, label]) => `${label} / ${es.status[code as keyof typeof es.status]}`,
      ),
    );
    expect(row("officialStatus")[6]).toContain(
      `${en.officialStatus.open_partially_addressed} / ${es.officialStatus.open_partially_addressed}`,
    );
    expect(row("country")[6]).toContain(`${en.country.MX} / ${es.country.MX}`);
    expect(row("sourceKind")[6]).toContain(
      `${en.catalogue.sourceKind.gao_report} / ${es.catalogue.sourceKind.gao_report}`,
    );
    for (const cells of rows) expect(cells.every((cell) => cell && cell.trim() !== "")).toBe(true);
  });
});
