import { currentDay } from "#app/utils/dates.ts";
import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { parseDay } from "./dates.ts";
import { gaoPriority, gaoStatus, splitRecommendationNumber } from "./gao.server.ts";
import { parseImportFile } from "./parse.server.ts";
import { IMPORT_MAX_ROWS, ImportFileError, type ParsedFile } from "./types.ts";

const FIXTURE = "tests/fixtures/import/gao-recommendations.csv";
const fixtureBytes = () => new Uint8Array(readFileSync(FIXTURE));

async function gao(bytes: Uint8Array | string, fileName = "gao.csv") {
  const parsed = await parseImportFile({
    bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
    fileName,
  });
  if (parsed.format !== "gao") throw new Error(`expected GAO's export, got ${parsed.format}`);
  return parsed;
}

type Gao = Extract<ParsedFile, { format: "gao" }>;
const byRows = (parsed: Gao, first: number) =>
  parsed.recommendations.find((recommendation) => recommendation.rowNumbers[0] === first)!;

const HEADER =
  "Publication Name,Publication Number,Date Publication Issued,Director Name,Director Phone,Agency,Recommendation,Status,Priority,Comments,Topics";

describe("GAO's recommendation database export", () => {
  test("the fixture, with every quirk of GAO's file, read by content", async () => {
    const parsed = await gao(fixtureBytes(), "Download.csv");
    // "status as of Sep 28, 2026 at 7:05 PM EST", split at its commas by the CSV reader.
    expect(parsed.asOf).toBe("2026-09-28");
    expect(
      parsed.recommendations.map((r) => [r.publicationNumber, r.recommendationNumber]),
    ).toEqual([
      ["GAO-26-108061", 1],
      ["GAO-26-108061", 2],
      ["GAO-26-108061", 3],
      ["GAO-26-108061", null],
      ["GAO-09-709", 1],
      ["GAO-09-709", 2],
    ]);

    // Three rows, one per department, are one recommendation; its number leaves the text and
    // "&amp;" is decoded.
    expect(byRows(parsed, 7)).toEqual({
      rowNumbers: [7, 8, 9],
      publicationNumber: "GAO-26-108061",
      publicationName:
        "Firearms Trafficking: Federal Agencies Should Strengthen Efforts to Counter Southbound Smuggling",
      issuedOn: "2026-07-16",
      recommendationNumber: 1,
      text: "The Attorney General, with the Secretaries of Homeland Security and State, should set shared goals for reducing firearms smuggled to Mexico, including weapons traced by the Bureau of Alcohol, Tobacco, Firearms & Explosives.",
      agencies: ["Department of Justice", "Department of Homeland Security", "Department of State"],
      status: "open",
      statusRaw: "Open",
      priority: true,
      comments: "Agencies concurred; GAO will follow up.",
      topics: ["Justice and Law Enforcement", "Homeland Security"],
    });

    // Row 10 holds only commas; row 11 is one row although its comment spans three lines.
    const partial = byRows(parsed, 11);
    expect(partial).toMatchObject({
      recommendationNumber: 2,
      status: "open_partially_addressed",
      statusRaw: "Open--Partially Addressed",
      priority: false,
      text: 'The Attorney General should direct ATF to report each year on the "eTrace" requests it receives from Mexican authorities.',
      comments:
        "In March 2026, ATF said it had started a yearly report.\nGAO will review the first report.\n\nThe recommendation remains partially addressed.",
    });
    expect(byRows(parsed, 12)).toMatchObject({
      status: "closed_implemented",
      issuedOn: "2026-07-16", // written 07/16/2026
      text: "The Secretary of Homeland Security should ensure that ICE's attaché office in Mexico shares seizure data with CBP within 30 days.",
      topics: ["Homeland Security", "International Affairs"],
      priority: false,
    });
    // A matter for Congress: no number, the text as GAO wrote it, flagged "Priority".
    expect(byRows(parsed, 13)).toMatchObject({
      recommendationNumber: null,
      agencies: ["Congress"],
      status: "open",
      priority: true,
      issuedOn: "2026-07-16", // written 2026-07-16
      text: "Congress should consider requiring an annual joint report on firearms trafficking to Mexico from the Departments of Justice, Homeland Security & State.",
    });
    expect(byRows(parsed, 15)).toMatchObject({
      status: "closed_not_implemented",
      statusRaw: "Closed - Not Implemented",
      issuedOn: "2009-06-18",
      priority: false,
    });
    // An unknown status: no status, and a row error naming GAO's column as the file writes it.
    expect(byRows(parsed, 16)).toMatchObject({ status: null, statusRaw: "Pending Review" });
    expect(parsed.errors).toEqual([
      { rowNumber: 16, column: "Status", code: "unknownOfficialStatus", value: "Pending Review" },
    ]);
  });

  test("the same export saved as XLSX reads the same", async () => {
    const records = parseCsv(readFileSync(FIXTURE, "utf8"), {
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Results");
    records.forEach((cells, index) => {
      // The CSV's preamble line was split at its commas; a spreadsheet holds it in one cell.
      sheet.getRow(index + 1).values = index === 2 ? [cells.join(",")] : cells;
    });
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const fromXlsx = await gao(bytes, "Download.xlsx");
    const fromCsv = await gao(fixtureBytes());
    expect(fromXlsx.asOf).toBe(fromCsv.asOf);
    expect(fromXlsx.recommendations).toEqual(fromCsv.recommendations);
    expect(fromXlsx.errors).toEqual(fromCsv.errors);
  });

  test("a bad issue date, markup and a missing text are row errors; no date in the preamble is one too", async () => {
    const text = [
      "Download of GAO Recommendation Results",
      HEADER.replace("Publication Number", "PublicationNumber"),
      'Name,GAO-26-1,"Sept 31, 2026",D,P,DOJ,"Do &lt;b&gt;this&lt;/b&gt;. (Recommendation 1)",Open,,,',
      "Name,GAO-26-1,2026-07-16,D,P,DOJ,,Open,,,",
      "Footnote: data are provisional,,,,,,,,,,",
    ].join("\n");
    const parsed = await gao(text);
    expect(parsed.asOf).toBe(currentDay());
    expect(parsed.errors).toEqual([
      { rowNumber: 2, column: null, code: "badDate", value: "as of" },
      {
        rowNumber: 3,
        column: "Recommendation",
        code: "html",
        value: "Do <b>this</b>. (Recommendation 1)",
      },
      { rowNumber: 3, column: "Date Publication Issued", code: "badDate", value: "Sept 31, 2026" },
      { rowNumber: 4, column: "Recommendation", code: "missingText" },
    ]);
    // The footnote has neither a publication nor a recommendation: it is not a row.
    expect(parsed.recommendations.flatMap((r) => r.rowNumbers)).toEqual([3, 4]);
  });

  test(`more than ${IMPORT_MAX_ROWS} rows is too many`, async () => {
    const row = (i: number) => `N,GAO-26-${i},2026-07-16,D,P,DOJ,Do it. (Recommendation 1),Open,,,`;
    const text = [HEADER, ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => row(i))].join(
      "\n",
    );
    await expect(gao(text)).rejects.toThrow(ImportFileError);
    await expect(gao(text)).rejects.toMatchObject({ code: "tooManyRows" });
  });
});

describe("GAO's fields", () => {
  test("statuses are matched on their words, whatever the dashes and case", () => {
    const cases: Array<[string, string | null]> = [
      ["Open", "open"],
      [" OPEN ", "open"],
      ["Open--Partially Addressed", "open_partially_addressed"],
      ["Open - Partially Addressed", "open_partially_addressed"],
      ["open–partially addressed", "open_partially_addressed"],
      ["Closed--Implemented", "closed_implemented"],
      ["Closed – implemented", "closed_implemented"],
      ["Closed--Not Implemented", "closed_not_implemented"],
      ["closed-not implemented", "closed_not_implemented"],
      ["Closed", null],
      ["Open--Closed", null],
      ["Implemented", null],
      ["Pending Review", null],
      ["", null],
    ];
    for (const [raw, status] of cases) expect([raw, gaoStatus(raw)]).toEqual([raw, status]);
  });

  test("the priority flag", () => {
    for (const yes of ["Yes", "Y", "Priority", "x", "TRUE"]) expect(gaoPriority(yes)).toBe(true);
    for (const no of ["No", "n", "", "  ", "false"]) expect(gaoPriority(no)).toBe(false);
  });

  test("the recommendation's number at the end of its text", () => {
    expect(splitRecommendationNumber("Do this. (Recommendation 12)")).toEqual({
      text: "Do this.",
      number: 12,
    });
    expect(splitRecommendationNumber("Do this. ( recommendation 3 ).")).toEqual({
      text: "Do this.",
      number: 3,
    });
    // Only at the end: a reference inside the text is text.
    expect(splitRecommendationNumber("As in (Recommendation 2), do this.")).toEqual({
      text: "As in (Recommendation 2), do this.",
      number: null,
    });
  });

  test("days in GAO's and spreadsheets' spellings", () => {
    const cases: Array<[string, string | null]> = [
      ["Sep 28, 2026", "2026-09-28"],
      ["Sept. 28, 2026", "2026-09-28"],
      ["September 28 2026", "2026-09-28"],
      ["28 Sep 2026", "2026-09-28"],
      ["09/28/2026", "2026-09-28"],
      ["9/8/26", "2026-09-08"],
      ["2026-09-28", "2026-09-28"],
      ["2026-09-28T00:00:00Z", "2026-09-28"],
      ["Feb 29, 2027", null],
      ["13/01/2026", null],
      ["Se 28, 2026", null],
      ["soon", null],
      ["", null],
    ];
    for (const [text, day] of cases) expect([text, parseDay(text)]).toEqual([text, day]);
  });
});
