import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { translator } from "#app/utils/i18n.ts";
import { csvColumns, csvHeaders, neutraliseFormula } from "./csv.server.ts";
import {
  CHANGED_ITEM,
  EVIDENCE_URL,
  FORMULA_ITEM,
  FORMULA_TITLE,
  INTERNAL_NOTE,
  SOURCE,
  exportBytes,
  sourceItemsInDatabase,
  withExportFixture,
  type ExportFixture,
} from "./test-fixtures.server.ts";

const fixture = withExportFixture();

async function csvOf(query: string, user: ExportFixture["staff"] | null = null) {
  const { response, bytes } = await exportBytes("csv", query, user);
  return { response, bytes, text: new TextDecoder().decode(bytes) };
}

/** The table's rows, below the notice a past report with corrections starts with. */
function rows(text: string) {
  const preamble = text.indexOf("\r\n\r\n");
  const table = preamble >= 0 ? text.slice(preamble + 4) : text;
  return parse(table, { bom: true, columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
}

describe("CSV export", () => {
  test("one row per item of the filtered set, as the database has them, in catalogue order", async () => {
    const { response, bytes, text } = await csvOf(`source=${SOURCE}&lang=en`);
    expect(response.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^attachment; filename="status-report_\\d{4}-\\d{2}-\\d{2}_${SOURCE}\\.csv"`),
    );
    // UTF-8 byte-order mark, CRLF record ends (RFC 4180).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain("\r\n");

    const parsed = rows(text);
    const t = translator("en");
    expect(Object.keys(parsed[0]!)).toEqual(csvHeaders(t));
    const items = await sourceItemsInDatabase();
    expect(parsed.map((row) => row.ID)).toEqual(items.map((item) => item.id));
    for (const [index, item] of items.entries()) {
      const row = parsed[index]!;
      expect(row.Source).toBe(SOURCE);
      expect(row.Reference).toBe(item.reference);
      expect(row.Title).toBe(neutraliseFormula(item.title));
      expect(row["Spanish title"]).toBe(neutraliseFormula(item.titleEs ?? ""));
      expect(row.Actors).toBe(item.actors.map((actor) => actor.code).join("; "));
      expect(row.Country).toBe(t(`country.${item.country}`));
      expect(row.Status).toBe(t(`status.${item.status}`));
      expect(row["Item page URL"]).toBe(`http://reports.test/recommendations/${item.id}`);
    }
    const changed = parsed.find((row) => row.ID === CHANGED_ITEM)!;
    expect(changed).toMatchObject({
      Status: "Stalled",
      "Official status": "Closed – implemented",
      "Official status date": "2025-12-01",
      "Last change date": "2025-11-20",
      "Last change summary": "The review paused for lack of staff.",
      "Latest evidence URL": EVIDENCE_URL,
    });
    expect(text).not.toContain(INTERNAL_NOTE);
    expect(text).not.toContain(fixture.staff.email);
  });

  test("an as-of date gives the status, last change and official status of that day", async () => {
    const { response, bytes, text } = await csvOf(`source=${SOURCE}&asOf=2025-06-30&lang=en`);
    expect(response.headers.get("Content-Disposition")).toContain(
      `filename="status-report_2025-06-30_${SOURCE}.csv"`,
    );
    // The fixture's changes were all entered today, dated earlier: corrections for that day,
    // said above the table (after the byte-order mark).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toMatch(
      /^Changes dated on or before 2025-06-30 and recorded after it \(corrections\): [1-9]\d*\r\n\r\n/,
    );
    const changed = rows(text).find((row) => row.ID === CHANGED_ITEM)!;
    expect(changed).toMatchObject({
      Status: "In progress",
      "Official status": "Open",
      "Official status date": "2025-04-01",
      "Last change date": "2025-03-10",
      "Last change summary": "ATF began reviewing its trace data.",
    });
    const before = rows((await csvOf(`source=${SOURCE}&asOf=2025-01-01`)).text);
    expect(before.find((row) => row.ID === CHANGED_ITEM)).toMatchObject({
      Status: "Not started",
      "Official status": "",
      "Last change date": "",
      "Latest evidence URL": "",
    });
  });

  test("cells that a spreadsheet would run as formulas are neutralised", async () => {
    const { text } = await csvOf(`source=${SOURCE}`);
    const row = rows(text).find((entry) => entry.ID === FORMULA_ITEM)!;
    expect(row.Title).toBe(`'${FORMULA_TITLE}`);
    expect(row["Spanish title"]).toBe("'+Título que empieza con un signo");
    expect(text).toContain(`"'=HYPERLINK(""https://attacker.example/"",""Click for details"")"`);
    for (const value of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
      expect(neutraliseFormula(value)).toBe(`'${value}`);
    }
    expect(neutraliseFormula("GAO-21-322 #1")).toBe("GAO-21-322 #1");
  });

  test("a Spanish report has Spanish headers and labels and a Spanish file name", async () => {
    const { response, text } = await csvOf(`source=${SOURCE}&lang=es`);
    expect(response.headers.get("Content-Disposition")).toMatch(/filename="informe-de-estado_/);
    const parsed = rows(text);
    expect(Object.keys(parsed[0]!)).toEqual(csvHeaders(translator("es")));
    expect(Object.keys(parsed[0]!)).toContain("Título en español");
    const changed = parsed.find((row) => row.ID === CHANGED_ITEM)!;
    expect(changed.Estado).toBe("Estancada");
    expect(changed["País"]).toBe("Estados Unidos");
    expect(csvColumns).toHaveLength(17);
  });
});
