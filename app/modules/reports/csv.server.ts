// The CSV export: UTF-8 with a byte-order mark (so that spreadsheet programs read accents right),
// RFC 4180 quoting and CRLF line ends, one row per item. The columns are stable, one per field,
// headed in the report's language; a later import matches these headers in either language.
import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import { translator, type Locale, type Translate } from "#app/utils/i18n.ts";
import type { ByteSink } from "./byte-stream.server.ts";
import { dayIn } from "#app/utils/dates.ts";
import type { ReportItem, ReportSummary } from "./report-data.server.ts";
import { csvColumns, type CsvColumn } from "./columns.ts";
import { relatedCell } from "./related-cell.ts";

export { csvColumns, type CsvColumn };

/**
 * A spreadsheet program runs a cell that starts with one of these as a formula (a title such
 * as `=HYPERLINK(…)` would become a live link). A leading apostrophe makes it plain text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Columns after the import's own (csvColumns): the latest evidence's archived copy. An import
 * skips them (app/modules/import/headers.ts): they are facts of the tracker, not of the item.
 */
const archiveColumns = ["latestEvidenceArchivedOn", "latestEvidenceArchiveSha256"] as const;

export function csvHeaders(t: Translate): string[] {
  return [
    ...csvColumns.map((column) => t(`reportFile.columns.${column}`)),
    t("archive.report.archivedOn"),
    t("archive.report.sha256"),
  ];
}

function csvRow(
  language: Locale,
  item: ReportItem,
): Record<CsvColumn | (typeof archiveColumns)[number], string> {
  return {
    id: item.id,
    source: item.source.code,
    reference: item.reference,
    title: item.title,
    titleEs: item.titleEs ?? "",
    actors: item.actors.map((actor) => actor.code).join("; "),
    goals: item.goals.join("; "),
    country: item.country.label,
    status: item.status.label,
    officialStatus: item.officialStatus?.label ?? "",
    officialStatusDate: item.officialStatus?.asOf ?? "",
    lastChangeDate: item.lastChange?.date ?? "",
    lastChangeSummary: item.lastChange?.summary ?? "",
    latestEvidenceUrl: item.latestEvidence?.url ?? "",
    lastVerified: item.lastVerifiedAt ? dayIn(item.lastVerifiedAt) : "",
    itemUrl: item.url,
    related: relatedCell(language, item),
    latestEvidenceArchivedOn: item.latestEvidence?.archivedAt
      ? dayIn(item.latestEvidence.archivedAt)
      : "",
    latestEvidenceArchiveSha256: item.latestEvidence?.archiveSha256 ?? "",
  };
}

/** Writes the whole CSV into `sink`, a batch of items at a time. */
export async function writeCsv(
  report: { summary: ReportSummary; items: AsyncIterable<ReportItem[]> },
  sink: ByteSink,
): Promise<void> {
  const { summary } = report;
  const t = translator(summary.language);
  const headers = csvHeaders(t);
  async function* rows() {
    for await (const batch of report.items) {
      yield batch.map((item) => csvRow(summary.language, item));
    }
  }
  // The file is a table; only a past report that includes corrections says so above it (an
  // import finds the header row below such lines, as in GAO's own files).
  const preamble =
    !summary.current && summary.recordedAfterAsOf > 0
      ? [
          t("reportFile.recordedAfter", {
            date: summary.asOf,
            count: summary.recordedAfterAsOf,
          }),
        ]
      : [];
  await writeCsvRows(
    [...csvColumns, ...archiveColumns].map((key, index) => ({ key, header: headers[index]! })),
    rows(),
    sink,
    preamble,
  );
}

/**
 * The app's CSV files (reports, the audit log): UTF-8 with a byte-order mark (so that spreadsheet
 * programs read accents right), a header row, RFC 4180 quoting, CRLF line ends, and every cell
 * that a spreadsheet would run as a formula neutralised. Rows arrive in batches; after each, the
 * writer waits for `sink` to take what it has. `preamble` lines, if any, come before the header
 * row, one cell each, then an empty line.
 */
export async function writeCsvRows<K extends string>(
  columns: ReadonlyArray<{ key: K; header: string }>,
  batches: AsyncIterable<Array<Record<K, string>>>,
  sink: ByteSink,
  preamble: string[] = [],
): Promise<void> {
  if (preamble.length > 0) {
    const lines = stringifySync(
      preamble.map((line) => [line]),
      { bom: true, record_delimiter: "\r\n", cast: { string: neutraliseFormula } },
    );
    sink.write(new TextEncoder().encode(`${lines}\r\n`));
  }
  const stringifier = stringify({
    bom: preamble.length === 0,
    header: true,
    columns: [...columns],
    record_delimiter: "\r\n",
    cast: { string: neutraliseFormula },
  });
  const done = new Promise<void>((resolve, reject) => {
    stringifier.on("data", (chunk: Buffer) => sink.write(new Uint8Array(chunk)));
    stringifier.on("end", resolve);
    stringifier.on("error", reject);
  });
  try {
    for await (const batch of batches) {
      for (const row of batch) stringifier.write(row);
      await sink.ready();
    }
    stringifier.end();
  } catch (error) {
    stringifier.destroy();
    throw error;
  }
  await done;
}
