// The parameters of a status report, read from the URL query: the list's filters, the as-of date,
// the report's language and the start of the period whose changes it lists. No server imports:
// the reports page reads the same parameters to show each error next to its field.
import {
  type ItemFilters,
  type ParamErrors,
  paramSchemas,
  parseFiltersAsOf,
  quarterStart,
  readParams,
} from "#app/modules/recommendations/filters.ts";
import { isLocale, type Locale } from "#app/utils/i18n.ts";

export const reportFormats = ["csv", "json", "xlsx", "pdf"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export type ReportQuery = {
  filters: ItemFilters;
  /** A past day, or null for today (the current state), as the as-of functions take it. */
  asOf: string | null;
  /** The day the report describes, "YYYY-MM-DD": `asOf`, or today. */
  asOfDay: string;
  /** First day of the period whose changes the report lists (its last day is `asOfDay`). */
  from: string;
  /** The language written inside the report, independent of the reader's interface. */
  language: Locale;
};

/**
 * Reads a report's parameters. Invalid ones are reported in `errors` by parameter name (and
 * replaced by their defaults in `query`, so that a page can still show a preview).
 */
export function parseReportQuery(
  params: URLSearchParams,
  options: { defaultLanguage: Locale; now?: Date },
): { query: ReportQuery; errors: ParamErrors } {
  const { filters, asOf, asOfDay, errors } = parseFiltersAsOf(params, options.now);

  let language = options.defaultLanguage;
  const lang = params.get("lang")?.trim();
  if (lang) {
    if (isLocale(lang)) language = lang;
    else errors.lang = { key: "filters.errors.choice" };
  }

  let from = quarterStart(asOfDay);
  const period = readParams(params, { from: paramSchemas.date });
  if (period.errors.from) errors.from = period.errors.from;
  else if (period.values.from) {
    if (period.values.from > asOfDay) errors.from = { key: "reportFile.queryErrors.fromAfterAsOf" };
    else from = period.values.from;
  }

  return { query: { filters, asOf, asOfDay, from, language }, errors };
}

/** The format named by an export's path, "/reports/export.pdf" → "pdf". */
export function formatFromPath(pathname: string): ReportFormat | null {
  const extension = /\.([a-z]+)$/.exec(pathname)?.[1];
  return (reportFormats as readonly string[]).includes(extension ?? "")
    ? (extension as ReportFormat)
    : null;
}
