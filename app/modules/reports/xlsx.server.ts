// The XLSX export, written with exceljs's streaming writer: each row is committed (turned into
// XML and handed to the zip) as soon as it is added, and each sheet is committed before the next
// one starts, so the workbook never sits in memory. Sheets: Summary (the executive summary the
// PDF's first page shows, as cells, then the counts by source and goal), Items, History.
import ExcelJS from "exceljs";
import { statusOrder } from "#app/components/status-badge.tsx";
import { dayDate, dayIn, wallClockDate, zoneName } from "#app/utils/dates.ts";
import { translator, type Locale, type MessageKey, type Translate } from "#app/utils/i18n.ts";
import type { ByteSink } from "./byte-stream.server.ts";
import { relatedCell } from "./related-cell.ts";
import type { HistoryEntry, ReportItem, ReportSummary } from "./report-data.server.ts";
import type { ExecutiveSummary } from "./summary.ts";

const DATE_FORMAT = "yyyy-mm-dd";
/** A share (0…1) shown as a whole percentage: the cell keeps the exact number. */
const SHARE_FORMAT = "0%";
/** A moment in the tracker's zone, named after it ("CST"): see producedAt below. */
const momentFormat = (zone: string) => `yyyy-mm-dd hh:mm "${zone.replace(/"/g, "")}"`;
const headerFont: Partial<ExcelJS.Font> = { bold: true };
const linkFont: Partial<ExcelJS.Font> = { color: { argb: "FF1D4ED8" }, underline: true };
const headerFill: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFE5E7EB" },
};

/** A calendar day "YYYY-MM-DD" as the Date Excel shows as that day. */
const excelDay = (iso: string | null | undefined) => (iso ? dayDate(iso) : null);

type Column<T> = {
  key: string;
  header: MessageKey;
  width: number;
  value: (row: T) => ExcelJS.CellValue;
  kind?: "date" | "link";
};

const link = (text: string | null | undefined, url: string | null | undefined) =>
  url ? { text: text || url, hyperlink: url } : null;

function itemColumns(staff: boolean, language: Locale): Column<ReportItem>[] {
  const columns: Column<ReportItem>[] = [
    { key: "id", header: "reportFile.columns.id", width: 28, value: (i) => i.id },
    { key: "source", header: "reportFile.columns.source", width: 18, value: (i) => i.source.code },
    {
      key: "sourceTitle",
      header: "reportFile.columns.sourceTitle",
      width: 40,
      value: (i) => i.source.title,
    },
    {
      key: "reference",
      header: "reportFile.columns.reference",
      width: 26,
      value: (i) => i.reference,
    },
    { key: "title", header: "reportFile.columns.title", width: 60, value: (i) => i.title },
    { key: "titleEs", header: "reportFile.columns.titleEs", width: 60, value: (i) => i.titleEs },
    {
      key: "actors",
      header: "reportFile.columns.actors",
      width: 18,
      value: (i) => i.actors.map((actor) => actor.code).join("; "),
    },
    {
      key: "goals",
      header: "reportFile.columns.goals",
      width: 12,
      value: (i) => i.goals.join("; "),
    },
    {
      key: "country",
      header: "reportFile.columns.country",
      width: 16,
      value: (i) => i.country.label,
    },
    { key: "status", header: "reportFile.columns.status", width: 22, value: (i) => i.status.label },
    {
      key: "officialStatus",
      header: "reportFile.columns.officialStatus",
      width: 26,
      value: (i) => i.officialStatus?.label ?? null,
    },
    {
      key: "officialStatusDate",
      header: "reportFile.columns.officialStatusDate",
      width: 14,
      kind: "date",
      value: (i) => excelDay(i.officialStatus?.asOf),
    },
    {
      key: "lastChangeDate",
      header: "reportFile.columns.lastChangeDate",
      width: 14,
      kind: "date",
      value: (i) => excelDay(i.lastChange?.date),
    },
    {
      key: "lastChangeFrom",
      header: "reportFile.columns.lastChangeFrom",
      width: 22,
      value: (i) => i.lastChange?.from.label ?? null,
    },
    {
      key: "lastChangeTo",
      header: "reportFile.columns.lastChangeTo",
      width: 22,
      value: (i) => i.lastChange?.to.label ?? null,
    },
    {
      key: "lastChangeSummary",
      header: "reportFile.columns.lastChangeSummary",
      width: 50,
      value: (i) => i.lastChange?.summary ?? null,
    },
    // Staff read names; the public the recorder's role or the name they chose to show.
    {
      key: "lastChangeBy",
      header: "reportFile.columns.lastChangeBy",
      width: 22,
      value: (i) => i.lastChange?.recordedBy ?? null,
    },
    {
      key: "latestEvidenceTitle",
      header: "reportFile.columns.latestEvidenceTitle",
      width: 40,
      value: (i) => i.latestEvidence?.title ?? null,
    },
    {
      key: "latestEvidenceDate",
      header: "reportFile.columns.latestEvidenceDate",
      width: 14,
      kind: "date",
      value: (i) => excelDay(i.latestEvidence?.date),
    },
    {
      key: "latestEvidenceUrl",
      header: "reportFile.columns.latestEvidenceUrl",
      width: 40,
      kind: "link",
      value: (i) => link(i.latestEvidence?.url, i.latestEvidence?.url),
    },
    // The latest evidence's archived copy (a link's, fetched by the end of the as-of day).
    {
      key: "latestEvidenceArchivedOn",
      header: "archive.report.archivedOn",
      width: 14,
      kind: "date",
      value: (i) =>
        excelDay(i.latestEvidence?.archivedAt ? dayIn(i.latestEvidence.archivedAt) : undefined),
    },
    {
      key: "latestEvidenceArchiveSha256",
      header: "archive.report.sha256",
      width: 30,
      value: (i) => i.latestEvidence?.archiveSha256 ?? null,
    },
    {
      key: "lastVerified",
      header: "reportFile.columns.lastVerified",
      width: 14,
      kind: "date",
      value: (i) => excelDay(i.lastVerifiedAt ? dayIn(i.lastVerifiedAt) : null),
    },
    {
      key: "itemUrl",
      header: "reportFile.columns.itemUrl",
      width: 40,
      kind: "link",
      value: (i) => link(i.url, i.url),
    },
    {
      key: "related",
      header: "reportFile.columns.related",
      width: 60,
      value: (i) => relatedCell(language, i),
    },
  ];
  if (staff) {
    columns.push(
      {
        key: "latestNoteVisibility",
        header: "reportFile.columns.latestNoteVisibility",
        width: 14,
        value: (i) => i.latestNote?.visibility.label ?? null,
      },
      {
        key: "latestNoteDate",
        header: "reportFile.columns.latestNoteDate",
        width: 14,
        kind: "date",
        value: (i) => excelDay(i.latestNote?.date),
      },
      {
        key: "latestNote",
        header: "reportFile.columns.latestNote",
        width: 60,
        value: (i) => i.latestNote?.body ?? null,
      },
    );
  }
  return columns;
}

function historyColumns(): Column<HistoryEntry>[] {
  const columns: Column<HistoryEntry>[] = [
    {
      key: "date",
      header: "reportFile.history.date",
      width: 14,
      kind: "date",
      value: (h) => excelDay(h.date),
    },
    { key: "kind", header: "reportFile.history.kind", width: 18, value: () => null },
    {
      key: "reference",
      header: "reportFile.columns.reference",
      width: 26,
      value: (h) => h.reference,
    },
    { key: "title", header: "reportFile.columns.title", width: 60, value: (h) => h.localizedTitle },
    {
      key: "from",
      header: "reportFile.history.from",
      width: 26,
      value: (h) => h.from?.label ?? null,
    },
    { key: "to", header: "reportFile.history.to", width: 26, value: (h) => h.to?.label ?? null },
    { key: "summary", header: "reportFile.history.summary", width: 60, value: (h) => h.summary },
  ];
  columns.push({
    key: "recordedBy",
    header: "reportFile.history.recordedBy",
    width: 22,
    value: (h) => h.recordedBy ?? null,
  });
  return columns;
}

/** A sheet whose first row is a frozen, filterable header. */
function tableSheet<T>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: Column<T>[],
  headerText: (key: MessageKey) => string,
) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = columns.map((column) => ({ key: column.key, width: column.width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.addRow(columns.map((column) => headerText(column.header)));
  header.font = headerFont;
  header.fill = headerFill;
  header.commit();
  return {
    add(value: T, override?: Partial<Record<string, ExcelJS.CellValue>>) {
      const row = sheet.addRow(
        columns.map((column) =>
          override && column.key in override ? override[column.key] : column.value(value),
        ),
      );
      columns.forEach((column, index) => {
        const cell = row.getCell(index + 1);
        if (column.kind === "date") cell.numFmt = DATE_FORMAT;
        if (column.kind === "link" && cell.value) cell.font = linkFont;
      });
      row.alignment = { vertical: "top", wrapText: false };
      row.commit();
    },
    commit: () => sheet.commit(),
    sheet,
  };
}

type Line = (values: ExcelJS.CellValue[], style?: (row: ExcelJS.Row) => void) => void;

/**
 * The executive summary (summary.ts) as rows of the Summary sheet, with the PDF's first page's
 * labels and figures: counts as numbers, shares as numbers formatted as percentages, days as
 * dates.
 */
function writeExecutiveSummary(
  line: Line,
  executive: ExecutiveSummary,
  summary: ReportSummary,
  t: Translate,
) {
  const heading = (text: string) => {
    line([]);
    line([text], (row) => (row.font = { bold: true, size: 13 }));
  };
  const header = (values: string[]) => line(values, (row) => (row.font = headerFont));
  const dated = (values: ExcelJS.CellValue[], column: number) =>
    line(values, (row) => (row.getCell(column).numFmt = DATE_FORMAT));
  const more = (count: number) => {
    if (count > 0) line([t("reportFile.executive.more", { count })]);
  };

  line([]);
  line([t("reportFile.executive.heading")], (row) => (row.font = { bold: true, size: 14 }));
  heading(t("reportFile.executive.statuses"));
  header([t("reportFile.columns.status"), t("reportFile.count"), t("reportFile.executive.share")]);
  for (const entry of executive.statuses) {
    line([entry.label, entry.count, entry.share], (row) => (row.getCell(3).numFmt = SHARE_FORMAT));
  }
  line([t("reportFile.total"), executive.total, executive.total > 0 ? 1 : null], (row) => {
    row.font = headerFont;
    row.getCell(3).numFmt = SHARE_FORMAT;
  });

  heading(t("reportFile.executive.moves", { from: summary.from, to: summary.asOf }));
  line([t("reportFile.executive.movedItems"), executive.moves.items]);
  line([t("reportFile.executive.changes"), executive.moves.changes]);
  if (executive.moves.list.shown.length > 0) {
    header([
      t("reportFile.executive.item"),
      t("reportFile.history.from"),
      t("reportFile.history.to"),
      t("reportFile.history.date"),
    ]);
    for (const move of executive.moves.list.shown) {
      dated([move.reference, move.from.label, move.to.label, excelDay(move.date)], 4);
    }
    more(executive.moves.list.more);
  }

  heading(t("reportFile.executive.attention"));
  line([t("reportFile.executive.overdue"), executive.overdue.count], (row) => {
    row.font = headerFont;
  });
  for (const entry of executive.overdue.shown) dated([entry.reference, excelDay(entry.dueDate)], 2);
  more(executive.overdue.more);
  line(
    [t("reportFile.executive.notChecked", { date: summary.asOf }), executive.notChecked.count],
    (row) => (row.font = headerFont),
  );
  line([t("reportFile.executive.never"), executive.notChecked.never]);
  for (const entry of executive.notChecked.shown) {
    dated(
      [
        entry.reference,
        entry.lastVerifiedAt
          ? excelDay(dayIn(entry.lastVerifiedAt, summary.timeZone))
          : t("reportFile.block.neverVerified"),
      ],
      2,
    );
  }
  more(executive.notChecked.more);

  heading(t("reportFile.executive.official"));
  header([t("reportFile.columns.officialStatus"), t("reportFile.count")]);
  for (const entry of executive.official.statuses) line([entry.label, entry.count]);
  line([t("reportFile.executive.withOfficial"), executive.official.items], (row) => {
    row.font = headerFont;
  });
  line(
    [t("reportFile.executive.withoutOfficial"), executive.total - executive.official.items],
    (row) => (row.font = headerFont),
  );
}

/** Writes the workbook into `sink`: the summary, then the items and the history a batch at a time. */
export async function writeXlsx(
  report: {
    summary: ReportSummary;
    executive: ExecutiveSummary;
    items: AsyncIterable<ReportItem[]>;
    history: AsyncIterable<HistoryEntry[]>;
  },
  sink: ByteSink,
): Promise<void> {
  const { summary, executive } = report;
  const t = translator(summary.language);
  const staff = summary.audience === "staff";
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink.writable(),
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = t("app.name");
  workbook.title = t("reportFile.title");
  workbook.created = summary.generatedAt;

  // Summary: what the report is, then the counts.
  const summarySheet = workbook.addWorksheet(t("reportFile.sheets.summary"));
  summarySheet.columns = [
    { key: "a", width: 34 },
    { key: "b", width: 48 },
    ...statusOrder.map((status) => ({ key: status, width: 16 })),
    { key: "total", width: 10 },
  ];
  const line: Line = (values, style) => {
    const row = summarySheet.addRow(values);
    style?.(row);
    row.commit();
  };
  line([t("reportFile.title")], (row) => (row.font = { bold: true, size: 16 }));
  line(
    [t("reportFile.asOf"), excelDay(summary.asOf)],
    (row) => (row.getCell(2).numFmt = DATE_FORMAT),
  );
  // A cell has no zone: it holds the tracker's wall clock, and its format names the zone.
  line(
    [t("reportFile.producedAt"), wallClockDate(summary.generatedAt, summary.timeZone)],
    (row) => {
      row.getCell(2).numFmt = momentFormat(zoneName(summary.generatedAt, "en", summary.timeZone));
    },
  );
  line(
    [t("reportFile.periodStart"), excelDay(summary.from)],
    (row) => (row.getCell(2).numFmt = DATE_FORMAT),
  );
  line(
    [t("reportFile.periodEnd"), excelDay(summary.asOf)],
    (row) => (row.getCell(2).numFmt = DATE_FORMAT),
  );
  if (!summary.current) line([t("reportFile.recordedAfterLabel"), summary.recordedAfterAsOf]);
  line([t("reportFile.language"), t("reportFile.languageName")]);
  if (summary.filterDescriptions.length === 0) {
    line([t("reportFile.filters"), t("reportFile.noFilters")]);
  } else {
    for (const [index, filter] of summary.filterDescriptions.entries()) {
      line([index === 0 ? t("reportFile.filters") : null, `${filter.label}: ${filter.value}`]);
    }
  }
  line([t(staff ? "reportFile.audienceStaff" : "reportFile.audiencePublic")]);
  line([]);
  writeExecutiveSummary(line, executive, summary, t);
  const statusHeaders = statusOrder.map((status) => t(`status.${status}`));
  for (const [heading, rows] of [
    [t("reportFile.bySource"), summary.bySource],
    [t("reportFile.byGoal"), summary.byGoal],
  ] as const) {
    line([]);
    line([heading], (row) => (row.font = { bold: true, size: 13 }));
    line(
      [t("reportFile.code"), t("reportFile.name"), ...statusHeaders, t("reportFile.total")],
      (row) => {
        row.font = headerFont;
        row.alignment = { wrapText: true, vertical: "top" };
      },
    );
    for (const entry of rows) {
      line([
        entry.code,
        entry.title,
        ...statusOrder.map((status) => entry.counts[status]),
        entry.total,
      ]);
    }
  }
  summarySheet.commit();

  const items = tableSheet(
    workbook,
    t("reportFile.sheets.items"),
    itemColumns(staff, summary.language),
    t,
  );
  for await (const batch of report.items) {
    for (const item of batch) items.add(item);
    await sink.ready();
  }
  items.commit();

  const history = tableSheet(workbook, t("reportFile.sheets.history"), historyColumns(), t);
  let changes = 0;
  for await (const batch of report.history) {
    for (const entry of batch) {
      history.add(entry, {
        kind: t(
          entry.kind === "status"
            ? "reportFile.history.statusChange"
            : "reportFile.history.officialChange",
        ),
      });
    }
    changes += batch.length;
    await sink.ready();
  }
  if (changes === 0) {
    const row = history.sheet.addRow([t("reportFile.history.none")]);
    row.commit();
  }
  history.commit();

  await workbook.commit();
}
