import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { reportFileEs } from "#app/locales/report-file.es.ts";
import { writeCsv } from "#app/modules/reports/csv.server.ts";
import { executiveSummary } from "#app/modules/reports/summary.ts";
import { writeXlsx } from "#app/modules/reports/xlsx.server.ts";
import {
  batches,
  collectingSink,
  makeZip,
  reportItem,
  reportSummary,
} from "#tests/import-files.ts";
import { parseImportFile } from "./parse.server.ts";
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  ImportFileError,
  type ImportFileErrorCode,
  type ParsedFile,
} from "./types.ts";
import { ZIP_LIMITS } from "./zip-inspect.server.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM = [0xef, 0xbb, 0xbf];

async function parse(bytes: Uint8Array | string, fileName = "file.csv") {
  return parseImportFile({ bytes: typeof bytes === "string" ? utf8(bytes) : bytes, fileName });
}

async function table(bytes: Uint8Array | string, fileName?: string) {
  const parsed = await parse(bytes, fileName);
  if (parsed.format !== "table") throw new Error(`expected a table, got ${parsed.format}`);
  return parsed;
}

async function refusal(bytes: Uint8Array | string, fileName?: string) {
  try {
    await parse(bytes, fileName);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

async function expectRefused(
  bytes: Uint8Array | string,
  code: ImportFileErrorCode,
  fileName?: string,
) {
  const error = await refusal(bytes, fileName);
  expect(error.code).toBe(code);
  return error;
}

async function xlsxBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const errorsOf = (parsed: ParsedFile) =>
  parsed.errors.map(({ rowNumber, column, code }) => ({ rowNumber, column, code }));

describe("CSV", () => {
  test("UTF-8 with a byte-order mark, English headers, a quoted cell over three lines", async () => {
    const text =
      "ID,Source,Reference,Title,Last change summary\r\n" +
      'item-1,GAO-26-108061,Rec. 1,"Trace guns, faster","First line\r\nsecond line\r\nthird"\r\n' +
      "\r\n" +
      ",,,,\r\n" +
      "item-2,GAO-26-108061,Rec. 2,  Share data  ,\r\n";
    const parsed = await table(new Uint8Array([...BOM, ...utf8(text)]), "export.csv");
    expect(parsed.columns).toEqual(["id", "source", "reference", "title", "lastChangeSummary"]);
    expect(parsed.ignoredHeaders).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 2,
        cells: {
          id: "item-1",
          source: "GAO-26-108061",
          reference: "Rec. 1",
          title: "Trace guns, faster",
          lastChangeSummary: "First line\r\nsecond line\r\nthird",
        },
      },
      // Rows 3 (empty line) and 4 (empty cells) are dropped; the quoted lines are one row.
      {
        rowNumber: 5,
        cells: {
          id: "item-2",
          source: "GAO-26-108061",
          reference: "Rec. 2",
          title: "Share data",
          lastChangeSummary: "",
        },
      },
    ]);
    expect(parsed.fileName).toBe("export.csv");
    expect(parsed.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("the SHA-256 is of the bytes as uploaded", async () => {
    const text = "Source,Reference\nGAO-1,Rec. 1\n";
    const { createHash } = await import("node:crypto");
    expect((await table(text)).sha256).toBe(createHash("sha256").update(text).digest("hex"));
  });

  test("semicolons (Spanish Excel) and Spanish headers in any case, with or without accents", async () => {
    const text =
      "FUENTE;referencia;Título;titulo en espanol;PAÍS;Estado Oficial;  fecha del  ESTADO oficial ;Otra cosa\n" +
      "GAO-09-709;Rec. 1;Report seizures, monthly;Informar de las incautaciones, cada mes;México;Abierta;2026-09-28;x\n";
    const parsed = await table(text);
    expect(parsed.columns).toEqual([
      "source",
      "reference",
      "title",
      "titleEs",
      "country",
      "officialStatus",
      "officialStatusDate",
    ]);
    expect(parsed.ignoredHeaders).toEqual(["Otra cosa"]);
    expect(parsed.rows[0]!.cells).toEqual({
      source: "GAO-09-709",
      reference: "Rec. 1",
      title: "Report seizures, monthly",
      titleEs: "Informar de las incautaciones, cada mes",
      country: "México",
      officialStatus: "Abierta",
      officialStatusDate: "2026-09-28",
    });
  });

  test("the column keys themselves are headers too, and the import's own columns in both languages", async () => {
    const parsed = await table(
      "source,reference,titleEs,Texto,Addressee,ETIQUETAS,Official priority,Fecha límite\n" +
        "GAO-1,Rec. 1,Título,The text,The Secretary,guns; border,Yes,2027-01-31\n",
    );
    expect(parsed.columns).toEqual([
      "source",
      "reference",
      "titleEs",
      "text",
      "addressee",
      "tags",
      "officialPriority",
      "dueDate",
    ]);
  });

  test("UTF-16 with a byte-order mark, tab-separated (Excel's Unicode text)", async () => {
    const text = "Source\tReference\tTitle\r\nGAO-1\tRec. 1\tAcción conjunta\r\n";
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    const parsed = await table(bytes, "unicode.txt");
    const bigEndian = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, "utf16le").swap16()]);
    expect((await table(bigEndian)).rows).toEqual(parsed.rows);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 2,
        cells: { source: "GAO-1", reference: "Rec. 1", title: "Acción conjunta" },
      },
    ]);
  });

  test("a title line before the header is skipped; the header is the first row naming two columns", async () => {
    const parsed = await table(
      "Recommendations to add\nStatus,only one known header here\nSource,Reference\nGAO-1,Rec. 1\n",
    );
    expect(parsed.rows).toEqual([
      { rowNumber: 4, cells: { source: "GAO-1", reference: "Rec. 1" } },
    ]);
  });

  test("cells: the export's apostrophe undone; '=', markup and control characters are row errors", async () => {
    const text = [
      "Source,Reference,Title,Spanish title,Last change summary",
      `GAO-1,Rec. 1,"'=HYPERLINK(""http://x"")",'-5 por ciento,'@ATF`,
      `GAO-1,Rec. 2,"=HYPERLINK(""http://x"")",+1,@ATF`,
      `GAO-1,Rec. 3,<script>alert(1)</script>,"Ver <a href=""x"">aquí</a>",a < b and c > d`,
      `GAO-1,Rec. 4,"Bad\u0000byte","Tab\there",bell\u0007`,
    ].join("\n");
    const parsed = await table(text);
    expect(parsed.rows.map((row) => row.cells)).toEqual([
      {
        source: "GAO-1",
        reference: "Rec. 1",
        title: '=HYPERLINK("http://x")',
        titleEs: "-5 por ciento",
        lastChangeSummary: "@ATF",
      },
      {
        source: "GAO-1",
        reference: "Rec. 2",
        title: '=HYPERLINK("http://x")',
        titleEs: "+1",
        lastChangeSummary: "@ATF",
      },
      {
        source: "GAO-1",
        reference: "Rec. 3",
        title: "<script>alert(1)</script>",
        titleEs: 'Ver <a href="x">aquí</a>',
        lastChangeSummary: "a < b and c > d",
      },
      {
        source: "GAO-1",
        reference: "Rec. 4",
        title: "Bad\u0000byte",
        titleEs: "Tab\there",
        lastChangeSummary: "bell\u0007",
      },
    ]);
    expect(errorsOf(parsed)).toEqual([
      { rowNumber: 3, column: "title", code: "formula" },
      { rowNumber: 4, column: "title", code: "html" },
      { rowNumber: 4, column: "titleEs", code: "html" },
      { rowNumber: 5, column: "title", code: "controlCharacters" },
      { rowNumber: 5, column: "lastChangeSummary", code: "controlCharacters" },
    ]);
    expect(parsed.errors[0]!.value).toBe('=HYPERLINK("http://x")');
    expect(parsed.errors[3]!.value).toBe("Bad\ufffdbyte");
  });

  test("a CSV written by the reports' export reads back to the same values", async () => {
    const items = [
      reportItem({ id: "item-formula", title: '=HYPERLINK("http://evil.example","click")' }),
      reportItem({
        id: "item-minus",
        reference: "Rec. 2",
        title: "-5% of seized guns are traced",
        titleEs: "+5 % más de armas rastreadas",
        lastChange: null,
        officialStatus: null,
        latestEvidence: null,
        lastVerifiedAt: null,
      }),
      reportItem({
        id: "item-at",
        reference: "Rec. 3",
        title: "@ATF: report each year",
        titleEs: null,
        lastChange: {
          date: "2026-08-02",
          from: { code: "in_progress", label: "En curso" },
          to: { code: "stalled", label: "Estancada" },
          summary: "Primera línea;\nsegunda línea",
        },
      }),
    ];
    for (const language of ["en", "es"] as const) {
      const { sink, bytes } = collectingSink();
      await writeCsv({ summary: reportSummary(language), items: batches(items) }, sink);
      const parsed = await table(bytes(), "status-report.csv");
      expect(parsed.ignoredHeaders).toEqual([]);
      expect(parsed.errors).toEqual([]);
      expect(parsed.columns).toHaveLength(17);
      expect(parsed.rows.map((row) => row.rowNumber)).toEqual([2, 3, 4]);
      expect(parsed.rows.map((row) => row.cells)).toEqual(
        items.map((item) => ({
          id: item.id,
          source: item.source.code,
          reference: item.reference,
          title: item.title,
          titleEs: item.titleEs ?? "",
          actors: "DHS; DOJ",
          goals: "3; 3.1",
          country: item.country.label,
          status: item.status.label,
          officialStatus: item.officialStatus?.label ?? "",
          officialStatusDate: item.officialStatus?.asOf ?? "",
          lastChangeDate: item.lastChange?.date ?? "",
          lastChangeSummary: item.lastChange?.summary ?? "",
          latestEvidenceUrl: item.latestEvidence?.url ?? "",
          lastVerified: item.lastVerifiedAt ? "2026-09-01" : "",
          itemUrl: item.url,
          related: "",
        })),
      );
    }
  });
});

describe("XLSX", () => {
  test("dates as ISO days, links, rich text and numbers as text; the first sheet with a header is read", async () => {
    const bytes = await xlsxBytes((workbook) => {
      const notes = workbook.addWorksheet("Notes");
      notes.addRow(["Prepared by the research team"]);
      notes.addRow(["Status", "Count"]);
      const sheet = workbook.addWorksheet("Items");
      sheet.addRow(["Intro line"]);
      sheet.addRow([
        "Source",
        "Reference",
        "Title",
        "Official status date",
        "Latest evidence URL",
        "Goals",
        "Spanish title",
      ]);
      sheet.addRow([
        "GAO-1",
        { richText: [{ text: "Rec. " }, { text: "1", font: { bold: true } }] },
        { text: "Share data", hyperlink: "https://example.org/not-a-url-column" },
        new Date("2026-09-28T00:00:00Z"),
        { text: "ATF letter", hyperlink: "https://example.org/letter" },
        3,
        "=not a formula in a text cell",
      ]);
      sheet.addRow([]);
      sheet.addRow(["GAO-1", "Rec. 2", "Second"]);
    });
    const parsed = await table(bytes, "import.csv" /* the name does not matter */);
    expect(parsed.columns).toEqual([
      "source",
      "reference",
      "title",
      "officialStatusDate",
      "latestEvidenceUrl",
      "goals",
      "titleEs",
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 3,
        cells: {
          source: "GAO-1",
          reference: "Rec. 1",
          title: "Share data",
          officialStatusDate: "2026-09-28",
          latestEvidenceUrl: "https://example.org/letter",
          goals: "3",
          titleEs: "=not a formula in a text cell",
        },
      },
      {
        rowNumber: 5,
        cells: {
          source: "GAO-1",
          reference: "Rec. 2",
          title: "Second",
          officialStatusDate: "",
          latestEvidenceUrl: "",
          goals: "",
          titleEs: "",
        },
      },
    ]);
  });

  test("a formula cell is a row error; the row is kept", async () => {
    const bytes = await xlsxBytes((workbook) => {
      const sheet = workbook.addWorksheet("Data");
      sheet.addRow(["Source", "Reference", "Title"]);
      sheet.addRow(["GAO-1", "Rec. 1", { formula: 'HYPERLINK("http://x","go")', result: "go" }]);
      sheet.addRow(["GAO-1", "Rec. 2", "Plain"]);
    });
    const parsed = await table(bytes);
    expect(parsed.rows.map((row) => row.cells.title)).toEqual(["go", "Plain"]);
    expect(parsed.errors).toEqual([
      { rowNumber: 2, column: "title", code: "formula", value: '=HYPERLINK("http://x","go")' },
    ]);
  });

  test("an XLSX written by the reports' export reads back to the same values", async () => {
    const items = [
      reportItem({ id: "item-formula", title: "=SUM(1,2)" }),
      reportItem({
        id: "item-minus",
        reference: "Rec. 2",
        title: "-5% traced",
        lastVerifiedAt: null,
      }),
    ];
    const { sink, bytes } = collectingSink();
    await writeXlsx(
      {
        summary: reportSummary("es"),
        executive: executiveSummary({
          language: "es",
          byStatus: [],
          items: [],
          moves: [],
          asOfDay: "2026-10-01",
          staleBefore: new Date("2026-07-03T06:00:00Z"),
        }),
        items: batches(items),
        history: batches([]),
      },
      sink,
    );
    const parsed = await table(bytes(), "informe.xlsx");
    expect(parsed.errors).toEqual([]);
    // Columns the import has no use for (the last change's statuses and who recorded it, the
    // evidence's title) are listed, not read.
    const columns = reportFileEs.columns;
    expect(parsed.ignoredHeaders).toEqual([
      columns.lastChangeFrom,
      columns.lastChangeTo,
      columns.lastChangeBy,
      columns.latestEvidenceTitle,
      columns.latestEvidenceDate,
    ]);
    expect(parsed.rows.map((row) => row.cells)).toEqual(
      items.map((item) => ({
        id: item.id,
        source: item.source.code,
        sourceTitle: item.source.title,
        reference: item.reference,
        title: item.title,
        titleEs: item.titleEs ?? "",
        actors: "DHS; DOJ",
        goals: "3; 3.1",
        country: item.country.label,
        status: item.status.label,
        officialStatus: item.officialStatus!.label,
        officialStatusDate: item.officialStatus!.asOf,
        lastChangeDate: item.lastChange!.date,
        lastChangeSummary: item.lastChange!.summary,
        latestEvidenceUrl: item.latestEvidence!.url,
        lastVerified: item.lastVerifiedAt ? "2026-09-01" : "",
        itemUrl: item.url,
        related: "",
      })),
    );
  });
});

describe("whole-file refusals", () => {
  test("nothing, or a header without rows, is empty", async () => {
    await expectRefused(new Uint8Array(), "empty");
    await expectRefused("Source,Reference\n\n,\n", "empty");
    await expectRefused("\n\n", "empty");
  });

  test(`over ${IMPORT_MAX_BYTES} bytes is too large, before anything else is read`, async () => {
    const bytes = new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41);
    const error = await expectRefused(bytes, "tooLarge");
    expect(error.details).toMatchObject({ limit: IMPORT_MAX_BYTES });
  });

  test(`${IMPORT_MAX_ROWS} rows are read; one more is too many (empty rows do not count)`, async () => {
    const lines = (count: number) =>
      ["Source,Reference", ...Array.from({ length: count }, (_, i) => `GAO-1,Rec. ${i}\n`)].join(
        "\n",
      );
    expect((await table(lines(IMPORT_MAX_ROWS))).rows).toHaveLength(IMPORT_MAX_ROWS);
    await expectRefused(lines(IMPORT_MAX_ROWS + 1), "tooManyRows");
  });

  test("a PNG or a PDF named .csv is not a spreadsheet", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expectRefused(png, "notSpreadsheet", "items.csv");
    const pdf = utf8("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\n");
    await expectRefused(pdf, "notSpreadsheet", "items.csv");
    // Binary without a known signature, that happens to be valid UTF-8.
    await expectRefused(
      new Uint8Array(2000).map((_, i) => i % 9),
      "notSpreadsheet",
    );
  });

  test("text that is not UTF-8 (Windows-1252 from an old Excel) is an encoding error", async () => {
    const latin1 = Buffer.from("Fuente;Referencia;Título\nGAO-1;Rec. 1;Acción\n", "latin1");
    await expectRefused(new Uint8Array(latin1), "encoding");
    const utf16WithoutBom = Buffer.from("Source,Reference\nGAO-1,Rec. 1\n", "utf16le");
    await expectRefused(new Uint8Array(utf16WithoutBom), "encoding");
  });

  test("a quote left open is malformed CSV: not a spreadsheet, with the line", async () => {
    const error = await expectRefused(
      'Source,Reference,Title\nGAO-1,Rec. 1,"Open quote\nGAO-1,Rec. 2,B\n',
      "notSpreadsheet",
    );
    expect(error.details).toMatchObject({ reason: "csv" });
    expect(error.details.line).toBeGreaterThanOrEqual(2);
  });

  test("no row naming two known columns: no header", async () => {
    await expectRefused("Dear team,\nplease find the list below.\nThanks\n", "noHeader");
    await expectRefused("Title,Whatever\nA,B\n".replace("Whatever", "Something"), "noHeader");
  });

  test("a column named twice, even in two languages", async () => {
    const error = await expectRefused(
      "Source,Reference,Title,Título\nGAO-1,Rec. 1,A,B\n",
      "duplicateColumn",
    );
    expect(error.details).toMatchObject({ column: "title", header: "Título" });
  });

  test("neither an id nor a source and a reference: missing columns", async () => {
    const error = await expectRefused("Title,Status\nA,Open\n", "missingColumns");
    expect(error.details).toMatchObject({ columns: "source, reference" });
    await expectRefused("Source,Title\nGAO-1,A\n", "missingColumns");
    // An id alone is enough to match rows.
    expect((await table("ID,Status\nitem-1,Stalled\n")).rows).toHaveLength(1);
  });

  test("an XLSX with a VBA project is refused as macros", async () => {
    const zip = makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/vbaProject.bin", data: new Uint8Array(64) },
    ]);
    await expectRefused(zip, "macros", "items.xlsx");
  });

  test("a zip bomb: a part that inflates past the limit, honestly declared or not", async () => {
    const huge = new Uint8Array(ZIP_LIMITS.maxTotalBytes + 1024);
    const parts = (declaredSize?: number) => [
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/worksheets/sheet1.xml", data: huge, declaredSize },
    ];
    const honest = makeZip(parts());
    // Deflated, 50 MB of zeros take about 50 KB: well within the upload limit.
    expect(honest.byteLength).toBeLessThan(100_000);
    await expectRefused(honest, "zipBomb", "items.xlsx");
    // The directory says 2 KB; inflating finds out otherwise.
    await expectRefused(makeZip(parts(2048)), "zipBomb", "items.xlsx");
  });

  test("a zip bomb: a highly compressed part, or thousands of parts", async () => {
    const ratio = makeZip([
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/sharedStrings.xml", data: new Uint8Array(4 * 1024 * 1024) },
    ]);
    const error = await expectRefused(ratio, "zipBomb");
    expect(error.details).toMatchObject({ part: "xl/sharedStrings.xml" });
    const many = makeZip(
      Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({
        name: i === 0 ? "xl/workbook.xml" : `xl/part${i}.xml`,
        data: "<x/>",
      })),
    );
    await expectRefused(many, "zipBomb");
  });

  test("a zip that is not a workbook (a Word file, a plain archive) is not a spreadsheet", async () => {
    const docx = makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: "<document/>" },
    ]);
    await expectRefused(docx, "notSpreadsheet", "items.xlsx");
    const broken = makeZip([{ name: "xl/workbook.xml", data: "<workbook/>" }]).slice(0, 40);
    await expectRefused(broken, "notSpreadsheet", "items.xlsx");
  });
});
