// Each report row carries its related items: JSON (schema 1.3), CSV and XLSX ("Related items"),
// in the report's language, read from the row's item, and only what the as-of day knew.
import { parse } from "csv-parse/sync";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, test } from "vitest";
import {
  CHANGED_ITEM,
  NOTED_ITEM,
  SOURCE,
  exportBytes,
  loadWorkbook,
  pdfPages,
  withExportFixture,
} from "#app/modules/reports/test-fixtures.server.ts";
import { reportJsonSchema } from "#app/modules/reports/report-schema.ts";
import { addDays, currentDay } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { addRelation } from "./relations.server.ts";

const fixture = withExportFixture();
const OTHER = "gao-16-235-atf-targets";
const ARCHIVED = "gao-16-235-state-reports";

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  reportJsonSchema("http://reports.test"),
);

type Item = { id: string; relations: Array<Record<string, string>> };

async function json(query: string) {
  const { bytes } = await exportBytes("json", query, fixture.staff);
  const report = JSON.parse(new TextDecoder().decode(bytes)) as { items: Item[] };
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return new Map(report.items.map((item) => [item.id, item.relations]));
}

beforeAll(async () => {
  const editor = await createUser({ role: "editor" });
  await addRelation(editor, {
    recommendationId: CHANGED_ITEM,
    type: "follows_up",
    other: OTHER,
    reason: "GAO-21-322 returns to ATF's 2016 targets.",
  });
  await addRelation(editor, {
    recommendationId: NOTED_ITEM,
    type: "same_ask",
    other: CHANGED_ITEM,
    reason: "Both ask for trace data analysis.",
  });
  await addRelation(editor, {
    recommendationId: CHANGED_ITEM,
    type: "part_of",
    other: ARCHIVED,
    reason: "Linked, then its other end archived.",
  });
  await prisma.recommendation.update({ where: { id: ARCHIVED }, data: { archivedAt: new Date() } });
});

describe("related items in the reports", () => {
  test("JSON: both ways, read from each item, labelled in the report's language", async () => {
    const items = await json(`source=${SOURCE}&lang=es`);
    expect(items.get(CHANGED_ITEM)).toEqual([
      {
        type: "same_ask",
        direction: "incoming",
        label: "pide lo mismo que",
        itemId: NOTED_ITEM,
        reference: "GAO-21-322 (ICE – data/analysis)",
        source: SOURCE,
        reason: "Both ask for trace data analysis.",
      },
      {
        type: "follows_up",
        direction: "outgoing",
        label: "da seguimiento a",
        itemId: OTHER,
        reference: "GAO-16-235 (ATF)",
        source: "GAO-16-235",
        reason: "GAO-21-322 returns to ATF's 2016 targets.",
      },
    ]);
    expect(items.get(NOTED_ITEM)).toEqual([
      expect.objectContaining({ type: "same_ask", direction: "outgoing", itemId: CHANGED_ITEM }),
    ]);
    const other = await json(`source=GAO-16-235&lang=en`);
    expect(other.get(OTHER)).toEqual([
      expect.objectContaining({
        direction: "incoming",
        label: "followed up by",
        itemId: CHANGED_ITEM,
      }),
    ]);
  });

  test("a past day's report leaves out links made after it", async () => {
    const items = await json(`source=${SOURCE}&asOf=${addDays(currentDay(), -1)}`);
    expect(items.get(CHANGED_ITEM)).toEqual([]);
  });

  test("CSV and XLSX: one 'Related items' cell the import reads back", async () => {
    const { bytes } = await exportBytes("csv", `source=${SOURCE}&lang=en`, null);
    const rows = parse(new TextDecoder().decode(bytes), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    const row = rows.find((candidate) => candidate.ID === CHANGED_ITEM)!;
    expect(row["Related items"]).toBe(
      "same ask as: GAO-21-322 (ICE – data/analysis); follows up: GAO-16-235 (ATF)",
    );
    const xlsx = await loadWorkbook((await exportBytes("xlsx", `source=GAO-16-235&lang=es`)).bytes);
    const sheet = xlsx.worksheets[1]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const column = header.indexOf("Recomendaciones relacionadas");
    expect(column).toBeGreaterThan(0);
    const cells: string[] = [];
    sheet.eachRow((sheetRow) => {
      if (sheetRow.getCell(1).text === OTHER) cells.push(sheetRow.getCell(column).text);
    });
    expect(cells).toEqual(["tiene seguimiento en: GAO-21-322 (ATF – data/analysis)"]);
  });

  test("PDF: the item's block lists its related items with the reason, in the report's language", async () => {
    const { bytes } = await exportBytes("pdf", `source=${SOURCE}&lang=es`, null);
    const text = (await pdfPages(bytes)).pages.map((page) => page.text).join("\n");
    expect(text).toContain("Recomendaciones relacionadas");
    expect(text).toContain(
      "da seguimiento a GAO-16-235 (ATF) (GAO-16-235): GAO-21-322 returns to ATF's 2016 targets.",
    );
  });
});
