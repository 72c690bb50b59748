import type ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import {
  CHANGED_ITEM,
  EVIDENCE_URL,
  FORMULA_ITEM,
  FORMULA_TITLE,
  INTERNAL_NOTE,
  SOURCE,
  STAFF_EMAIL,
  STAFF_NAME,
  exportBytes,
  loadWorkbook,
  sourceItemsInDatabase,
  withExportFixture,
  workbookText,
  type ExportFixture,
} from "./test-fixtures.server.ts";

const fixture = withExportFixture();

async function workbookOf(query: string, user: ExportFixture["staff"] | null = null) {
  const { response, bytes } = await exportBytes("xlsx", query, user);
  return { response, workbook: await loadWorkbook(bytes) };
}

/** A sheet's rows as objects keyed by its header row. */
function records(sheet: ExcelJS.Worksheet) {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const result: Array<Record<string, ExcelJS.CellValue>> = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    result.push(
      Object.fromEntries(header.map((name, index) => [name, row.getCell(index + 1).value])),
    );
  });
  return result;
}

describe("XLSX export", () => {
  test("Summary, Items and History sheets; items match the database", async () => {
    const { response, workbook } = await workbookOf(
      `source=${SOURCE}&asOf=2025-12-31&from=2025-01-01&lang=en`,
    );
    expect(response.headers.get("Content-Disposition")).toContain(
      `filename="status-report_2025-12-31_${SOURCE}.xlsx"`,
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Summary",
      "Items",
      "Status history",
    ]);

    // The fixture's four changes up to that day (two of each kind) were all entered later.
    const summaryRows: unknown[][] = [];
    workbook.getWorksheet("Summary")!.eachRow((row) => {
      summaryRows.push((row.values as unknown[]).slice(1));
    });
    expect(summaryRows).toContainEqual(["Corrections recorded later", 4]);

    const items = workbook.getWorksheet("Items")!;
    expect(items.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(items.autoFilter).toBeTruthy();
    const rows = records(items);
    const database = await sourceItemsInDatabase();
    expect(rows.map((row) => row.ID)).toEqual(database.map((item) => item.id));
    for (const [index, item] of database.entries()) {
      expect(rows[index]).toMatchObject({ Reference: item.reference, Title: item.title });
    }

    const changed = rows.find((row) => row.ID === CHANGED_ITEM)!;
    expect(changed.Status).toBe("Stalled");
    // Real dates, real hyperlinks.
    expect(changed["Last change date"]).toBeInstanceOf(Date);
    expect((changed["Last change date"] as Date).toISOString()).toBe("2025-11-20T00:00:00.000Z");
    expect(changed["Latest evidence URL"]).toMatchObject({ hyperlink: EVIDENCE_URL });
    expect(changed["Item page URL"]).toMatchObject({
      hyperlink: `http://reports.test/recommendations/${CHANGED_ITEM}`,
    });
    // A string cell stays a string: nothing runs as a formula.
    expect(rows.find((row) => row.ID === FORMULA_ITEM)!.Title).toBe(FORMULA_TITLE);

    const summary = workbook.getWorksheet("Summary")!;
    const labels = new Map<string, ExcelJS.CellValue>();
    summary.eachRow((row) => labels.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(labels.get("Status as of")).toEqual(new Date("2025-12-31T00:00:00Z"));
    expect(labels.get("Produced")).toBeInstanceOf(Date);
    expect(String(labels.get("Filters"))).toContain(SOURCE);
    expect(labels.get("Total")).toBe(database.length);

    const history = records(workbook.getWorksheet("Status history")!);
    expect(
      history.map((row) => [(row.Date as Date).toISOString().slice(0, 10), row.Change]),
    ).toEqual([
      ["2025-03-10", "Status"],
      ["2025-04-01", "Official status"],
      ["2025-11-20", "Status"],
      ["2025-12-01", "Official status"],
    ]);
    expect(history[2]).toMatchObject({ From: "In progress", To: "Stalled" });
    // The public reads the recorder's role, not their name.
    expect(history[0]).toMatchObject({ "Recorded by": "Editor" });
    expect(workbookText(workbook)).not.toContain(INTERNAL_NOTE);
    expect(workbookText(workbook)).not.toContain(STAFF_NAME);
  });

  test("staff get the note and who recorded changes; never an email address", async () => {
    const { workbook } = await workbookOf(`source=${SOURCE}&asOf=2025-06-30`, fixture.staff);
    const changed = records(workbook.getWorksheet("Items")!).find(
      (row) => row.ID === CHANGED_ITEM,
    )!;
    expect(changed).toMatchObject({
      Status: "In progress",
      "Latest note": INTERNAL_NOTE,
      "Note visibility": "Internal",
      "Last change recorded by": STAFF_NAME,
    });
    expect(workbookText(workbook)).not.toContain(STAFF_EMAIL);
  });

  test("a Spanish workbook has Spanish sheet names, headers and labels", async () => {
    const { workbook } = await workbookOf(`source=${SOURCE}&lang=es`);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Resumen",
      "Elementos",
      "Historial de estados",
    ]);
    const changed = records(workbook.getWorksheet("Elementos")!).find(
      (row) => row.ID === CHANGED_ITEM,
    )!;
    expect(changed).toMatchObject({ Estado: "Estancada", País: "Estados Unidos" });
    // No change in this quarter: the sheet says so.
    expect(workbook.getWorksheet("Historial de estados")!.getRow(2).getCell(1).value).toBe(
      "Ningún cambio en este periodo.",
    );
  });
});

describe("XLSX Summary sheet", () => {
  /** The Summary sheet's rows (values from column A), each with its cells. */
  async function summarySheet(query: string) {
    const { workbook } = await workbookOf(query);
    const sheet = workbook.worksheets[0]!;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row) => rows.push(row));
    const find = (label: string) => {
      const row = rows.find((candidate) => candidate.getCell(1).value === label);
      expect(row, label).toBeDefined();
      return row!;
    };
    return { sheet, rows, find };
  }

  test("leads with the executive summary: counts, shares as percentages, moves, official", async () => {
    const { rows, find } = await summarySheet(
      `source=${SOURCE}&asOf=2025-12-31&from=2025-01-01&lang=en`,
    );
    const labels = rows.map((row) => row.getCell(1).value);
    // Before the counts by source and goal.
    expect(labels.indexOf("Executive summary")).toBeGreaterThan(0);
    expect(labels.indexOf("Executive summary")).toBeLessThan(labels.indexOf("By source"));

    const items = await sourceItemsInDatabase();
    const total = find("Total");
    expect(total.getCell(2).value).toBe(items.length);
    const stalled = find("Stalled");
    expect(stalled.getCell(2).value).toBe(1);
    expect(stalled.getCell(3).value).toBeCloseTo(1 / items.length);
    expect(stalled.getCell(3).numFmt).toBe("0%");
    const notStarted = find("Not started");
    expect(notStarted.getCell(2).value).toBe(items.length - 1);

    expect(find("Recommendations that changed status").getCell(2).value).toBe(1);
    expect(find("Status changes").getCell(2).value).toBe(2);
    const move = rows.find((row) => row.getCell(2).value === "Not started")!;
    expect(move.getCell(3).value).toBe("Stalled");
    expect((move.getCell(4).value as Date).toISOString()).toBe("2025-11-20T00:00:00.000Z");

    expect(find("Overdue (due date passed, not closed)").getCell(2).value).toBe(0);
    expect(find("Not checked in the 90 days to 2025-12-31").getCell(2).value).toBe(items.length);
    expect(find("Closed – implemented").getCell(2).value).toBe(1);
    expect(find("Recommendations with an official status").getCell(2).value).toBeGreaterThan(0);
  });

  test("in Spanish, with the same figures", async () => {
    const { find } = await summarySheet(`source=${SOURCE}&asOf=2025-12-31&from=2025-01-01&lang=es`);
    expect(find("Resumen ejecutivo")).toBeDefined();
    expect(find("Estancada").getCell(2).value).toBe(1);
    expect(find("Recomendaciones que cambiaron de estado").getCell(2).value).toBe(1);
    expect(find("Cerrada – implementada").getCell(2).value).toBe(1);
  });
});
