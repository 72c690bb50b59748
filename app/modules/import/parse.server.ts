// Stage 1 of an import (issue 11): an uploaded file's bytes → rows of text in the tracker's
// columns, or GAO's recommendations. The format is told by the content, never by the name: an
// XLSX is a zip holding xl/workbook.xml; a CSV is text (UTF-8, or UTF-16 with a byte-order mark)
// whose delimiter is a comma, a semicolon (Spanish Excel) or a tab. Anything else is refused.
import { createHash } from "node:crypto";
import { CsvError, parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { readCell } from "./cells.ts";
import { gaoHeader, readGao, type GaoHeader } from "./gao.server.ts";
import { isBlankRow, type Grid, type GridRow } from "./grid.ts";
import { countKnownHeaders, mapHeaderRow } from "./headers.ts";
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  ImportFileError,
  type ImportColumn,
  type ParsedFile,
  type RowError,
  type TableRow,
} from "./types.ts";
import { inspectXlsxZip } from "./zip-inspect.server.ts";
import { dayOf } from "#app/utils/dates.ts";

const startsWith = (bytes: Uint8Array, ...signature: number[]) =>
  signature.every((byte, index) => bytes[index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Formats that are surely not a spreadsheet we read, by their first bytes. */
const BINARY_SIGNATURES: Array<{ name: string; bytes: number[] }> = [
  { name: "pdf", bytes: ascii("%PDF-") },
  { name: "png", bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: "jpeg", bytes: [0xff, 0xd8, 0xff] },
  { name: "gif", bytes: ascii("GIF8") },
  { name: "webp", bytes: ascii("RIFF") },
  // Old binary Excel (.xls), and encrypted (password-protected) XLSX, which Office also wraps so.
  { name: "ole", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: "zip", bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: "zip", bytes: [0x50, 0x4b, 0x07, 0x08] },
  { name: "gzip", bytes: [0x1f, 0x8b] },
  { name: "7z", bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: "rar", bytes: ascii("Rar!") },
  { name: "executable", bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

const URL_COLUMNS = new Set<ImportColumn>(["latestEvidenceUrl", "itemUrl", "sourceUrl"]);

export async function parseImportFile(input: {
  bytes: Uint8Array;
  fileName: string;
}): Promise<ParsedFile> {
  const { bytes, fileName } = input;
  if (bytes.byteLength === 0) throw new ImportFileError("empty");
  if (bytes.byteLength > IMPORT_MAX_BYTES) {
    throw new ImportFileError("tooLarge", { limit: IMPORT_MAX_BYTES, bytes: bytes.byteLength });
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  if (startsWith(bytes, ...ZIP)) {
    const sheets = await readXlsx(bytes);
    return fromGrids(sheets, { fileName, sha256 });
  }
  const binary = BINARY_SIGNATURES.find((signature) => startsWith(bytes, ...signature.bytes));
  if (binary) throw new ImportFileError("notSpreadsheet", { format: binary.name });
  const text = decodeText(bytes);
  return fromGrids([readCsv(text)], { fileName, sha256 });
}

// ---------------------------------------------------------------------------------------------
// Text

/** UTF-8 (byte-order mark dropped), or UTF-16 with its byte-order mark; nothing else. */
export function decodeText(bytes: Uint8Array): string {
  let encoding = "utf-8";
  let start = 0;
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) start = 3;
  else if (startsWith(bytes, 0xff, 0xfe)) [encoding, start] = ["utf-16le", 2];
  else if (startsWith(bytes, 0xfe, 0xff)) [encoding, start] = ["utf-16be", 2];
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(start),
    );
  } catch {
    throw new ImportFileError("encoding", { encoding: "utf-8" });
  }
  // Text with a NUL after every other character is UTF-16 without its byte-order mark.
  const head = text.slice(0, 4096);
  let nuls = 0;
  let controls = 0;
  for (const char of head) {
    if (char === "\0") nuls += 1;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(char)) controls += 1;
  }
  if (nuls > head.length / 4) throw new ImportFileError("encoding", { encoding: "utf-16" });
  // A few stray controls are a row error for the cell that holds them; many are a binary file.
  if (controls > Math.max(8, head.length / 20)) throw new ImportFileError("notSpreadsheet");
  return text;
}

const DELIMITERS = [",", ";", "\t"] as const;
/** Lines read to choose the delimiter: GAO's preamble and the header are near the top. */
const SNIFF_LINES = 60;

function csvRecords(text: string, delimiter: string, toLine?: number): GridRow[] {
  const records = parseCsv(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    ...(toLine ? { to_line: toLine } : {}),
  }) as string[][];
  // With empty lines kept, the record's index is the row a spreadsheet program shows, whatever
  // line breaks the quoted cells before it hold.
  return records.map((cells, index) => ({ rowNumber: index + 1, cells }));
}

/** How well a delimiter splits the top of the file into a header we know. */
function headerScore(rows: GridRow[]): number {
  let best = 0;
  for (const row of rows) {
    if (gaoHeader(row.cells)) return 100;
    best = Math.max(best, countKnownHeaders(row.cells));
  }
  return best;
}

function malformed(error: CsvError): ImportFileError {
  const { lines } = error as CsvError & { lines?: number };
  return new ImportFileError("notSpreadsheet", {
    reason: "csv",
    ...(typeof lines === "number" ? { line: lines } : {}),
  });
}

/**
 * The records of a CSV, split at the delimiter that makes a header of the top lines. A file that
 * no delimiter reads without a CSV error (a quote left open) is refused as malformed.
 */
export function readCsv(text: string): Grid {
  let best: { delimiter: string; score: number; rows?: GridRow[] } | null = null;
  let failure: CsvError | null = null;
  for (const delimiter of DELIMITERS) {
    let rows: GridRow[] | undefined;
    let score: number;
    try {
      score = headerScore(csvRecords(text, delimiter, SNIFF_LINES));
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      // The top lines may end inside a quoted cell that closes further down: read it all.
      try {
        rows = csvRecords(text, delimiter);
        score = headerScore(rows.slice(0, SNIFF_LINES));
      } catch (whole) {
        if (!(whole instanceof CsvError)) throw whole;
        failure ??= whole;
        continue;
      }
    }
    if (!best || score > best.score) best = { delimiter, score, rows };
  }
  // Only a delimiter that finds a header beats a CSV error found with another one.
  if (failure && (!best || best.score < 2)) throw malformed(failure);
  if (!best) throw new ImportFileError("notSpreadsheet", { reason: "csv" });
  try {
    return { rows: best.rows ?? csvRecords(text, best.delimiter), csv: true };
  } catch (error) {
    if (error instanceof CsvError) throw malformed(error);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX

async function readXlsx(bytes: Uint8Array): Promise<Grid[]> {
  const { names } = await inspectXlsxZip(bytes);
  if (!names.includes("xl/workbook.xml"))
    throw new ImportFileError("notSpreadsheet", { format: "zip" });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never,
    );
  } catch {
    throw new ImportFileError("notSpreadsheet", { format: "xlsx" });
  }
  return workbook.worksheets.map((sheet) => {
    const rows: GridRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const gridRow: GridRow = { rowNumber, cells: [], links: [], formulas: [] };
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        const index = column - 1;
        const { text, link, formula } = xlsxCell(cell);
        while (gridRow.cells.length < index) gridRow.cells.push("");
        gridRow.cells[index] = text;
        if (link) gridRow.links![index] = link;
        if (formula) gridRow.formulas![index] = formula;
      });
      rows.push(gridRow);
    });
    return { rows, csv: false };
  });
}

type Scalar = ExcelJS.CellValue;

/** A cell's text: dates as ISO days, numbers as written, rich text flattened, links' text. */
function xlsxText(value: Scalar): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    return dayOf(value) ?? "";
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return xlsxText(value.text as Scalar);
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) return xlsxText(value.result as Scalar);
  return "";
}

function xlsxCell(cell: ExcelJS.Cell): { text: string; link?: string; formula?: string } {
  if (cell.type === ExcelJS.ValueType.Merge) return { text: "" };
  const value = cell.value;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if ("formula" in value || "sharedFormula" in value) {
      const formula =
        ("formula" in value && value.formula) ||
        ("sharedFormula" in value && value.sharedFormula) ||
        "";
      return { text: xlsxText(value), formula: formula || "?" };
    }
    if ("hyperlink" in value) return { text: xlsxText(value), link: value.hyperlink };
  }
  return { text: xlsxText(value) };
}

// ---------------------------------------------------------------------------------------------
// From cells to rows

type HeaderFound =
  | { kind: "gao"; grid: Grid; at: number; header: GaoHeader }
  | { kind: "table"; grid: Grid; at: number };

/** The first row, in the first sheet that has one, naming GAO's columns or two of ours. */
function findHeader(grids: Grid[]): HeaderFound | null {
  for (const grid of grids) {
    for (const [at, row] of grid.rows.entries()) {
      const gao = gaoHeader(row.cells);
      if (gao) return { kind: "gao", grid, at, header: gao };
      if (countKnownHeaders(row.cells) >= 2) return { kind: "table", grid, at };
    }
  }
  return null;
}

function fromGrids(grids: Grid[], file: { fileName: string; sha256: string }): ParsedFile {
  const found = findHeader(grids);
  if (!found) {
    if (grids.every((grid) => grid.rows.every(isBlankRow))) throw new ImportFileError("empty");
    throw new ImportFileError("noHeader");
  }
  if (found.kind === "gao") {
    const gao = readGao(found.grid.rows, found.at, found.header);
    if (gao.recommendations.length === 0) throw new ImportFileError("empty");
    return { format: "gao", ...file, ...gao };
  }
  const table = readTable(found.grid, found.at);
  if (table.rows.length === 0) throw new ImportFileError("empty");
  return { format: "table", ...file, ...table };
}

function readTable(grid: Grid, headerAt: number) {
  const { byIndex, columns, ignoredHeaders } = mapHeaderRow(grid.rows[headerAt]!.cells);
  const rows: TableRow[] = [];
  const errors: RowError[] = [];
  for (const gridRow of grid.rows.slice(headerAt + 1)) {
    const cells: TableRow["cells"] = {};
    const rowErrors: RowError[] = [];
    let empty = true;
    byIndex.forEach((column, index) => {
      if (!column) return;
      const link = gridRow.links?.[index];
      const raw = (URL_COLUMNS.has(column) && link) || (gridRow.cells[index] ?? "");
      const cell = readCell(raw, {
        rowNumber: gridRow.rowNumber,
        column,
        formula: gridRow.formulas?.[index],
        csv: grid.csv,
      });
      cells[column] = cell.value;
      if (cell.value !== "") empty = false;
      rowErrors.push(...cell.errors);
    });
    if (empty) continue;
    rows.push({ rowNumber: gridRow.rowNumber, cells });
    errors.push(...rowErrors);
    if (rows.length > IMPORT_MAX_ROWS) {
      throw new ImportFileError("tooManyRows", { limit: IMPORT_MAX_ROWS });
    }
  }
  return { columns, ignoredHeaders, rows, errors };
}
