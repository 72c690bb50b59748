// The admin's list of recommendations keeps its whole state in the URL query (search words,
// source, page, page size), like the public list. No server imports: the page builds its links
// with these too.
import { z } from "zod";
import {
  paramSchemas,
  queryString,
  readParams,
  type ParamErrors,
} from "#app/modules/recommendations/filters.ts";

export const pageSizes = [25, 50] as const;
export type PageSize = (typeof pageSizes)[number];
const defaultSize: PageSize = 25;

export type AdminRecommendationQuery = {
  /** Words that must all appear in the reference, title or text, accents and case aside. */
  q?: string;
  /** A source's code, any case. */
  source?: string;
  /** The archived recommendations instead of the active ones (`archived=1`). */
  archived: boolean;
  /** 1-based; a page past the end shows the last one. */
  page: number;
  size: PageSize;
};

const listParams = {
  q: paramSchemas.q,
  source: paramSchemas.source,
  page: paramSchemas.page,
  size: z.enum(["25", "50"], { error: "choice" }).transform((value) => Number(value) as PageSize),
};

/**
 * The list's state from a URL query, read as the public list reads its own: an invalid
 * parameter is left out (the rest of the view stays) and reported in `errors` under its name,
 * for the page to show next to its field with a 400. `archived` is read by the page already.
 */
export function parseRecommendationListQuery(
  params: URLSearchParams,
  archived: boolean,
): { query: AdminRecommendationQuery; errors: ParamErrors } {
  const { values, errors } = readParams(params, listParams);
  return {
    query: {
      ...(values.q ? { q: values.q } : {}),
      ...(values.source ? { source: values.source } : {}),
      archived,
      page: values.page ?? 1,
      size: values.size ?? defaultSize,
    },
    errors,
  };
}

/** The list's URL for a state, leaving out defaults so that shared links stay short. */
export function recommendationListHref(query: Partial<AdminRecommendationQuery>): string {
  const { archived, ...rest } = query;
  return `/admin/catalogue/recommendations${queryString(
    { ...(archived ? { archived: 1 } : {}), ...rest },
    { page: 1, size: defaultSize },
  )}`;
}
