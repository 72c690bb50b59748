// Which import column a header names. Headers are matched in English or Spanish, ignoring case,
// accents and every space, against the report export's headers (reportFile.columns.*) and the
// import's own (importColumns.headers.*); the column's key itself ("titleEs") is accepted too.
import { archiveEn } from "#app/locales/archive.en.ts";
import { archiveEs } from "#app/locales/archive.es.ts";
import { importColumnsEn } from "#app/locales/import-columns.en.ts";
import { importColumnsEs } from "#app/locales/import-columns.es.ts";
import { reportFileEn } from "#app/locales/report-file.en.ts";
import { reportFileEs } from "#app/locales/report-file.es.ts";
import type { Locale } from "#app/utils/i18n.ts";
import { ImportFileError, importColumns, type ImportColumn } from "./types.ts";

/** "Título  en Español" → "tituloenespanol": what two headers must share to be the same. */
export function normaliseHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\s\u00a0\u200b\ufeff]+/g, "")
    .toLowerCase();
}

type ReportColumn = keyof typeof reportFileEn.columns & ImportColumn;

/**
 * Whether a column is one of the report export's (headed by reportFile.columns.*, as the export
 * heads it), rather than one of the import's own.
 */
const isReportColumn = (column: ImportColumn): column is ReportColumn =>
  Object.hasOwn(reportFileEn.columns, column);

type OwnColumn = keyof typeof importColumnsEn.headers;

/** The header of an import column in a language, as the template and the export write it. */
export function columnHeader(column: ImportColumn, locale: Locale): string {
  const report = locale === "es" ? reportFileEs : reportFileEn;
  const own = locale === "es" ? importColumnsEs : importColumnsEn;
  if (isReportColumn(column)) return report.columns[column];
  return own.headers[column as OwnColumn];
}

/** Every accepted spelling of every column, normalised. */
export const headerIndex: ReadonlyMap<string, ImportColumn> = (() => {
  const index = new Map<string, ImportColumn>();
  for (const column of importColumns) {
    for (const spelling of [column, columnHeader(column, "en"), columnHeader(column, "es")]) {
      const key = normaliseHeader(spelling);
      const known = index.get(key);
      if (known && known !== column) {
        throw new Error(`Import headers: "${spelling}" names both ${known} and ${column}`);
      }
      index.set(key, column);
    }
  }
  return index;
})();

export function matchHeader(text: string): ImportColumn | null {
  return headerIndex.get(normaliseHeader(text)) ?? null;
}

/** How many cells of a row name a known column: a header row has at least two. */
export function countKnownHeaders(cells: readonly string[]): number {
  return cells.filter((cell) => matchHeader(cell) !== null).length;
}

/**
 * Headers the report export writes that are facts of the tracker, not of the item (the latest
 * evidence's archived copy): an export read back as an import skips them without listing them
 * as unknown.
 */
const reportOnlyHeaders: ReadonlySet<string> = new Set(
  [archiveEn, archiveEs].flatMap((archive) =>
    [archive.report.archivedOn, archive.report.sha256].map(normaliseHeader),
  ),
);

export type HeaderMap = {
  /** The column of each cell index, or null for a header that matched nothing. */
  byIndex: Array<ImportColumn | null>;
  columns: ImportColumn[];
  ignoredHeaders: string[];
};

/**
 * Maps a header row to columns. Refuses a file whose header names a column twice, or lacks
 * what is needed to match its rows to items (an id, or a source and a reference).
 */
export function mapHeaderRow(cells: readonly string[]): HeaderMap {
  const byIndex: Array<ImportColumn | null> = [];
  const columns: ImportColumn[] = [];
  const ignoredHeaders: string[] = [];
  const headerOf = new Map<ImportColumn, string>();
  for (const raw of cells) {
    const header = raw.trim();
    const column = header ? matchHeader(header) : null;
    byIndex.push(column);
    if (!column) {
      if (header && !reportOnlyHeaders.has(normaliseHeader(header))) ignoredHeaders.push(header);
      continue;
    }
    const earlier = headerOf.get(column);
    if (earlier !== undefined) {
      throw new ImportFileError("duplicateColumn", {
        column,
        header,
        headers: `${earlier}, ${header}`,
      });
    }
    headerOf.set(column, header);
    columns.push(column);
  }
  const has = (column: ImportColumn) => headerOf.has(column);
  if (!has("id") && !(has("source") && has("reference"))) {
    const missing = (["source", "reference"] as const).filter((column) => !has(column));
    throw new ImportFileError("missingColumns", {
      columns: missing.join(", "),
      headersEn: missing.map((column) => columnHeader(column, "en")).join(", "),
      headersEs: missing.map((column) => columnHeader(column, "es")).join(", "),
    });
  }
  return { byIndex, columns, ignoredHeaders };
}
