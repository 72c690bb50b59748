// What a Follow form on a page follows, from that page's filters: shared by the pages (which
// show the form) and follow.server.ts (which normalises what is posted the same way). No server
// imports: components use it.
import { filterKeys, queryString, type ItemFilters } from "#app/modules/recommendations/filters.ts";

export const followKinds = ["item", "source", "goal", "actor", "filter"] as const;
export type FollowKindName = (typeof followKinds)[number];
export const frequencies = ["daily", "weekly"] as const;
export type Frequency = (typeof frequencies)[number];

export type FollowTarget = { kind: FollowKindName; target: string };

/**
 * A list's filters as what to follow: a list narrowed by one source, goal or actor alone stands
 * for that source, goal or actor; any other filters are followed as a filtered list (its query
 * string without the "?", as parseFilters reads it back). No filters: null, since following
 * everything is not offered (a digest of the whole tracker is not what a form should start).
 */
export function followTargetOfFilters(filters: ItemFilters): FollowTarget | null {
  const used = filterKeys.filter((key) => Boolean(filters[key]));
  if (used.length === 0) return null;
  if (used.length === 1) {
    const only = used[0]!;
    if (only === "source" || only === "goal" || only === "actor") {
      return { kind: only, target: filters[only]! };
    }
  }
  const values: Record<string, string | undefined> = {};
  for (const key of filterKeys) values[key] = filters[key];
  return { kind: "filter", target: queryString(values).slice(1) };
}
