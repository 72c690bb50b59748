// An export is an import file: a CSV and an XLSX exported by the reports, in either language,
// read back with no change at all, then once more after a change to one of their cells.
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import {
  CHANGED_ITEM,
  exportBytes,
  withExportFixture,
} from "#app/modules/reports/test-fixtures.server.ts";
import { preview } from "#tests/import-factories.ts";
import { parseImportFile } from "./parse.server.ts";

const fixture = withExportFixture();

describe("round trip: a report export imports back with zero changes", () => {
  test.each([
    ["csv", "en"],
    ["csv", "es"],
    ["xlsx", "en"],
    ["xlsx", "es"],
  ] as const)("%s in %s", async (format, lang) => {
    const { bytes } = await exportBytes(format, `lang=${lang}`, fixture.staff);
    const parsed = await parseImportFile({ bytes, fileName: `report.${format}` });
    const plan = await preview(parsed);
    const changed = plan.rows.filter((row) => row.kind !== "unchanged");
    expect(
      changed.map((row) => ({
        key: row.key,
        kind: row.kind,
        changes: row.changes,
        errors: row.errors,
        status: row.statusChange,
      })),
    ).toEqual([]);
    expect(plan.counts.unchanged).toBeGreaterThan(20);
    expect(plan.sources).toEqual([]);
  });

  test("an edited cell of an exported XLSX is the only change", async () => {
    const { bytes } = await exportBytes("xlsx", "lang=en", fixture.staff);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    const sheet = workbook.worksheets.find((ws) =>
      ws.getRow(1).values.toString().includes("Reference"),
    )!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const titleColumn = header.indexOf("Title");
    sheet.eachRow((row) => {
      if (row.getCell(1).text === CHANGED_ITEM)
        row.getCell(titleColumn).value = "A title edited in a spreadsheet";
    });
    const edited = new Uint8Array(await workbook.xlsx.writeBuffer());
    const plan = await preview(await parseImportFile({ bytes: edited, fileName: "edited.xlsx" }));
    expect(plan.counts).toMatchObject({ create: 0, update: 1, errors: 0 });
    expect(plan.rows.find((row) => row.kind === "update")).toMatchObject({
      itemId: CHANGED_ITEM,
      changes: [{ field: "title", after: "A title edited in a spreadsheet" }],
    });
  });
});
