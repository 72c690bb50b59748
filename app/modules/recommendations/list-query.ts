import { z } from "zod";
import {
  paramSchemas,
  parseFiltersAsOf,
  queryString,
  readParams,
  type ItemFilters,
  type ParamErrors,
} from "./filters.ts";

export const PAGE_SIZE = 25;

export const sortOptions = ["catalogue", "reference", "title", "status", "updated"] as const;
export type SortOption = (typeof sortOptions)[number];

/** The list's state, all of it in the URL query. Empty parameters mean "any". */
export type ListQuery = ItemFilters & {
  // When staff last checked the status: "1" more than 90 days ago, "never" never.
  stale?: "1" | "never";
  sort: SortOption;
  /** 1-based; a page past the end shows the last one. */
  page: number;
  /** "YYYY-MM-DD" in the past: statuses as they stood that day; absent: today. */
  asOf?: string;
};

const listParams = {
  stale: z.enum(["1", "never"], { error: "choice" }),
  sort: z.enum(sortOptions, { error: "choice" }),
  page: paramSchemas.page,
};

/**
 * The list's state from a URL query. Invalid parameters are left out (the rest of the view
 * stays) and reported in `errors` by parameter name, for the page to show next to each filter.
 */
export function parseListQuery(params: URLSearchParams): {
  query: ListQuery;
  errors: ParamErrors;
} {
  const { filters, asOf, errors: filterErrors } = parseFiltersAsOf(params);
  const own = readParams(params, listParams);
  const errors: ParamErrors = { ...filterErrors, ...own.errors };
  return {
    query: {
      ...filters,
      ...(own.values.stale ? { stale: own.values.stale } : {}),
      ...(asOf ? { asOf } : {}),
      sort: own.values.sort ?? "catalogue",
      page: own.values.page ?? 1,
    },
    errors,
  };
}

/** The URL query for a list state, leaving out defaults so that shared links stay short. */
export function listQueryString(query: Partial<ListQuery>): string {
  return queryString(query, { sort: "catalogue", page: 1 });
}
