// The filters every view of the catalogue shares (list, dashboard, what changed, reports), read
// from the URL query. A parameter that is not valid is left out of the view and reported with a
// message key, so that the page can show it next to its field in the reader's language while
// the rest of the view is kept. No server imports: components use the types and helpers too.
import { z } from "zod";
import { Country, Status } from "#app/generated/prisma/enums.ts";
import { currentDay, isDay } from "#app/utils/dates.ts";
import type { MessageKey } from "#app/utils/i18n.ts";

export const countries = ["US", "MX", "binational"] as const;
export const SEARCH_MAX = 200;
const CODE_MAX = 100;

/** What narrows a set of recommendations. Empty means "any". */
export type ItemFilters = {
  q?: string;
  source?: string;
  goal?: string;
  actor?: string;
  country?: Country;
  status?: Status;
  tag?: string;
  /** "yes": items with at least one related item (either way); "no": items with none. */
  related?: "yes" | "no";
};

export const filterKeys = [
  "q",
  "source",
  "goal",
  "actor",
  "country",
  "status",
  "tag",
  "related",
] as const;

/** A parameter's problem: a message key and its values, for the reader's language. */
export type ParamError = { key: MessageKey; values?: Record<string, string | number> };
export type ParamErrors = Partial<Record<string, ParamError>>;

// Control characters (NUL above all, which PostgreSQL refuses in text) are never valid here.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function text(max: number) {
  return z
    .string()
    .trim()
    .refine((value) => !controlCharacters.test(value), { message: "invalid" })
    .refine((value) => value.length <= max, { message: `tooLong:${max}` });
}

const isoDate = z.string().trim().refine(isDay, { message: "date" });

export const paramSchemas = {
  q: text(SEARCH_MAX),
  source: text(CODE_MAX),
  goal: text(CODE_MAX),
  actor: text(CODE_MAX),
  tag: text(CODE_MAX),
  country: z.enum(Country, { error: "choice" }),
  status: z.enum(Status, { error: "choice" }),
  related: z.enum(["yes", "no"], { error: "choice" }),
  date: isoDate,
  // A list's page: any positive whole number (a page past the end shows the last one).
  page: z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, { message: "page" })
    .transform(Number)
    .refine((value) => value >= 1, { message: "page" }),
} as const;

function toParamError(message: string): ParamError {
  if (message.startsWith("tooLong:")) {
    return { key: "filters.errors.tooLong", values: { max: Number(message.slice(8)) } };
  }
  switch (message) {
    case "date":
      return { key: "filters.errors.date" };
    case "future":
      return { key: "filters.errors.future" };
    case "choice":
      return { key: "filters.errors.choice" };
    case "page":
      return { key: "filters.errors.page" };
    default:
      return { key: "filters.errors.invalid" };
  }
}

/**
 * Reads `fields` from the query with their schemas. Empty parameters are left out; invalid ones
 * are left out too and reported in `errors`, keyed by parameter name.
 */
export function readParams<S extends Record<string, z.ZodType>>(
  params: URLSearchParams,
  fields: S,
): { values: { [K in keyof S]?: z.output<S[K]> }; errors: ParamErrors } {
  const values: Record<string, unknown> = {};
  const errors: ParamErrors = {};
  for (const [key, schema] of Object.entries(fields)) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") continue;
    const result = schema.safeParse(raw);
    if (result.success) {
      if (result.data !== "" && result.data !== undefined) values[key] = result.data;
    } else {
      errors[key] = toParamError(result.error.issues[0]?.message ?? "invalid");
    }
  }
  return { values: values as { [K in keyof S]?: z.output<S[K]> }, errors };
}

/** The shared filters from a URL query. */
export function parseFilters(params: URLSearchParams): {
  filters: ItemFilters;
  errors: ParamErrors;
} {
  const { values, errors } = readParams(params, {
    q: paramSchemas.q,
    source: paramSchemas.source,
    goal: paramSchemas.goal,
    actor: paramSchemas.actor,
    country: paramSchemas.country,
    status: paramSchemas.status,
    tag: paramSchemas.tag,
    related: paramSchemas.related,
  });
  return { filters: values, errors };
}

/**
 * An as-of date from the query (`asOf=YYYY-MM-DD`): null when absent or today in the tracker's
 * zone (the current state), a date in the past otherwise. A future or malformed date is an error.
 */
export function parseAsOf(
  params: URLSearchParams,
  name = "asOf",
  now = new Date(),
): { asOf: string | null; error?: ParamError } {
  const { values, errors } = readParams(params, { [name]: paramSchemas.date });
  if (errors[name]) return { asOf: null, error: errors[name] };
  const value = values[name] as string | undefined;
  if (!value) return { asOf: null };
  const today = currentDay(now);
  if (value > today) return { asOf: null, error: toParamError("future") };
  return { asOf: value === today ? null : value };
}

/**
 * The shared filters and the as-of date of a catalogue view (`asOf=`), with every bad parameter
 * reported by name. `asOfDay` is the day the view describes: the as-of date, or today.
 */
export function parseFiltersAsOf(
  params: URLSearchParams,
  now = new Date(),
): { filters: ItemFilters; asOf: string | null; asOfDay: string; errors: ParamErrors } {
  const { filters, errors } = parseFilters(params);
  const asOf = parseAsOf(params, "asOf", now);
  if (asOf.error) errors.asOf = asOf.error;
  return { filters, asOf: asOf.asOf, asOfDay: asOf.asOf ?? currentDay(now), errors };
}

/** True when any parameter was reported bad. */
export function hasParamErrors(errors: ParamErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** True when any filter narrows the set. */
export function hasFilters(filters: ItemFilters): boolean {
  return filterKeys.some((key) => Boolean(filters[key]));
}

/** A URL query from values, leaving out empty ones (and any listed in `defaults`). */
export function queryString(
  values: Record<string, string | number | undefined | null>,
  defaults: Record<string, string | number> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "") continue;
    if (defaults[key] === value) continue;
    params.set(key, String(value));
  }
  const result = params.toString();
  return result ? `?${result}` : "";
}
