// The parameters of a status report, read from the URL query: the list's filters, the as-of date,
// the report's language and the start of the period whose changes it lists. The reports page and
// the exports read them with this one parser, so that an export that refuses a parameter sends
// the reader back to a page that shows the same error next to its field. No server imports.
import { z } from "zod";
import {
  type ItemFilters,
  type ParamErrors,
  paramSchemas,
  parseFiltersAsOf,
  readParams,
} from "#app/modules/recommendations/filters.ts";
import { locales, type Locale } from "#app/utils/i18n.ts";
import { quarterStart } from "#app/utils/dates.ts";

/** In the order the reports page offers them. */
export const reportFormats = ["pdf", "xlsx", "csv", "json"] as const;
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

/** The choices the reader made, apart from the defaults (a page leaves the other fields empty). */
export type ReportChoices = { language?: Locale; from?: string };

/**
 * Reads a report's parameters. Invalid ones are reported in `errors` by parameter name, with a
 * message that says what is used instead, and replaced by their defaults in `query`, so that
 * the reports page can still show a preview.
 */
export function parseReportQuery(
  params: URLSearchParams,
  options: { defaultLanguage: Locale; now?: Date },
): { query: ReportQuery; chosen: ReportChoices; errors: ParamErrors } {
  const { filters, asOf, asOfDay, errors } = parseFiltersAsOf(params, options.now);
  const own = readParams(params, {
    lang: z.enum(locales, { error: "choice" }),
    from: paramSchemas.date,
  });
  const chosen: ReportChoices = {};
  if (own.errors.lang) errors.lang = { key: "review.reports.errors.lang" };
  else if (own.values.lang) chosen.language = own.values.lang;
  if (own.errors.from) errors.from = { key: "review.reports.errors.fromDate" };
  else if (own.values.from && own.values.from > asOfDay) {
    errors.from = { key: "review.reports.errors.fromAfterAsOf" };
  } else if (own.values.from) chosen.from = own.values.from;

  return {
    query: {
      filters,
      asOf,
      asOfDay,
      from: chosen.from ?? quarterStart(asOfDay),
      language: chosen.language ?? options.defaultLanguage,
    },
    chosen,
    errors,
  };
}

/** The format named by an export's path, "/reports/export.pdf" → "pdf". */
export function formatFromPath(pathname: string): ReportFormat | null {
  const extension = /\.([a-z]+)$/.exec(pathname)?.[1];
  return (reportFormats as readonly string[]).includes(extension ?? "")
    ? (extension as ReportFormat)
    : null;
}
