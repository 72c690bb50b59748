// The import template offered on /admin/import: every import column headed in the chosen
// language and one example row, as CSV (UTF-8 with a byte-order mark, as the export writes it)
// or as XLSX with a second sheet that explains each column in both languages. Reading a
// template back gives its example row.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { statusOrder } from "#app/components/status-badge.tsx";
import { Country, OfficialStatus, Priority, SourceKind } from "#app/generated/prisma/enums.ts";
import { neutraliseFormula } from "#app/modules/reports/csv.server.ts";
import { translator, type Locale, type MessageKey, type Translate } from "#app/utils/i18n.ts";
import { columnHeader } from "./headers.ts";
import { importColumns, type ImportColumn } from "./types.ts";

const languages: Locale[] = ["en", "es"];

/** The example row, in the template's language where a value is a label. */
export function templateExample(language: Locale): Record<ImportColumn, string> {
  const t = translator(language);
  return {
    id: "",
    source: "GAO-26-108061",
    reference: "Rec. 1",
    title: "Submit seized firearms for tracing within 30 days",
    titleEs: "Presentar las armas incautadas para su rastreo en 30 días",
    actors: "DHS; DOJ",
    goals: "3",
    country: t("country.US"),
    status: t("status.not_started"),
    officialStatus: t("officialStatus.open"),
    officialStatusDate: "2026-09-28",
    lastChangeDate: "",
    lastChangeSummary: "",
    latestEvidenceUrl: "",
    lastVerified: "",
    itemUrl: "",
    related: "",
    referenceEs: "Rec. 1",
    text: "The Secretary of Homeland Security should ensure that firearms seized at the southwest border are submitted for tracing within 30 days. (Example text.)",
    addressee: "Secretary of Homeland Security",
    tags: "firearms-tracing",
    priority: t("priority.high"),
    dueDate: "2027-06-30",
    officialComment: "The department concurred and is revising its guidance.",
    officialPriority: t("importColumns.template.yes"),
    sourceUrl: "https://www.gao.gov/products/gao-26-108061",
    sourceTitle: "Firearms Trafficking: Example report on seizures at the border",
    sourcePublisher: "U.S. Government Accountability Office",
    sourceKind: t("catalogue.sourceKind.gao_report"),
    sourceDate: "2026-07-16",
  };
}

export async function templateCsv(language: Locale): Promise<Uint8Array> {
  const example = templateExample(language);
  const text = stringify(
    [
      importColumns.map((column) => columnHeader(column, language)),
      importColumns.map((column) => neutraliseFormula(example[column])),
    ],
    { bom: true, record_delimiter: "\r\n" },
  );
  return new TextEncoder().encode(text);
}

type ColumnHelp = {
  required: "yes" | "no" | "match" | "newItem" | "newSource";
  /** The labels a cell may hold, from the locale files (both languages are accepted). */
  values?: { prefix: string; codes: readonly string[] };
  format?: "isoDay" | "url" | "codes" | "yesNo";
};

const help: Record<ImportColumn, ColumnHelp> = {
  id: { required: "no" },
  source: { required: "match" },
  reference: { required: "match" },
  title: { required: "newItem" },
  titleEs: { required: "no" },
  actors: { required: "no", format: "codes" },
  goals: { required: "no", format: "codes" },
  country: { required: "no", values: { prefix: "country", codes: Object.values(Country) } },
  status: {
    required: "no",
    values: {
      prefix: "status",
      codes: statusOrder,
    },
  },
  officialStatus: {
    required: "no",
    values: {
      prefix: "officialStatus",
      codes: Object.values(OfficialStatus),
    },
  },
  officialStatusDate: { required: "no", format: "isoDay" },
  lastChangeDate: { required: "no", format: "isoDay" },
  lastChangeSummary: { required: "no" },
  latestEvidenceUrl: { required: "no", format: "url" },
  lastVerified: { required: "no", format: "isoDay" },
  itemUrl: { required: "no", format: "url" },
  related: { required: "no" },
  referenceEs: { required: "no" },
  text: { required: "newItem" },
  addressee: { required: "no" },
  tags: { required: "no", format: "codes" },
  priority: { required: "no", values: { prefix: "priority", codes: Object.values(Priority) } },
  dueDate: { required: "no", format: "isoDay" },
  officialComment: { required: "no" },
  officialPriority: { required: "no", format: "yesNo" },
  sourceUrl: { required: "no", format: "url" },
  sourceTitle: { required: "newSource" },
  sourcePublisher: { required: "newSource" },
  sourceKind: {
    required: "newSource",
    values: {
      prefix: "catalogue.sourceKind",
      codes: Object.values(SourceKind),
    },
  },
  sourceDate: { required: "no", format: "isoDay" },
};

const requiredKey = {
  yes: "importColumns.template.yes",
  no: "importColumns.template.no",
  match: "importColumns.template.requiredMatch",
  newItem: "importColumns.template.requiredNew",
  newSource: "importColumns.template.requiredNewSource",
} as const satisfies Record<ColumnHelp["required"], MessageKey>;

const formatKey = {
  text: "importColumns.template.anyText",
  isoDay: "importColumns.template.isoDay",
  url: "importColumns.template.url",
  codes: "importColumns.template.codes",
  yesNo: "importColumns.template.yesNo",
} as const satisfies Record<NonNullable<ColumnHelp["format"]> | "text", MessageKey>;

/** "English / Spanish", once when both say the same. */
const both = (en: string, es: string) => (en === es ? en : `${en} / ${es}`);

function columnHelpRow(column: ImportColumn, en: Translate, es: Translate) {
  const { required, values, format } = help[column];
  const allowed = values
    ? values.codes
        .map((code) => {
          const key = `${values.prefix}.${code}` as MessageKey;
          return both(en(key), es(key));
        })
        .join("\n")
    : both(en(formatKey[format ?? "text"]), es(formatKey[format ?? "text"]));
  return [
    column,
    columnHeader(column, "en"),
    columnHeader(column, "es"),
    en(`importColumns.explain.${column}`),
    es(`importColumns.explain.${column}`),
    both(en(requiredKey[required]), es(requiredKey[required])),
    allowed,
  ];
}

const headerFont: Partial<ExcelJS.Font> = { bold: true };
const headerFill: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFE5E7EB" },
};

export async function templateXlsx(language: Locale): Promise<Uint8Array> {
  const t = translator(language);
  const [en, es] = languages.map(translator) as [Translate, Translate];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  workbook.title = t("importColumns.template.dataSheet");

  const data = workbook.addWorksheet(t("importColumns.template.dataSheet"), {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
  });
  data.columns = importColumns.map((column) => ({
    key: column,
    width: ["title", "titleEs", "text", "sourceTitle", "officialComment"].includes(column)
      ? 48
      : 20,
  }));
  const header = data.addRow(importColumns.map((column) => columnHeader(column, language)));
  header.font = headerFont;
  header.fill = headerFill;
  const example = templateExample(language);
  // Text cells, dates included, so that a spreadsheet program shows them as written.
  data.addRow(importColumns.map((column) => example[column] || null));
  data.getRow(2).eachCell((cell) => (cell.numFmt = "@"));

  const columns = workbook.addWorksheet(t("importColumns.template.columnsSheet"), {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
  });
  columns.columns = [
    { key: "column", width: 20 },
    { key: "en", width: 24 },
    { key: "es", width: 24 },
    { key: "holdsEn", width: 50 },
    { key: "holdsEs", width: 50 },
    { key: "required", width: 24 },
    { key: "allowed", width: 44 },
  ];
  const heading = columns.addRow([
    t("importColumns.template.column"),
    t("importColumns.template.headerEn"),
    t("importColumns.template.headerEs"),
    t("importColumns.template.holdsEn"),
    t("importColumns.template.holdsEs"),
    t("importColumns.template.required"),
    t("importColumns.template.allowed"),
  ]);
  heading.font = headerFont;
  heading.fill = headerFill;
  for (const column of importColumns) {
    const row = columns.addRow(columnHelpRow(column, en, es));
    row.alignment = { vertical: "top", wrapText: true };
  }
  columns.addRow([]);
  columns.addRow([en("importColumns.template.intro")]);
  columns.addRow([es("importColumns.template.intro")]);

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
