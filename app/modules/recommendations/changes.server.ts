// What changed between two dates ("since our last report"): how many items moved from each status
// to each other, and every status and official-status change in the period, grouped by source.
// Where items stood on each date comes from as-of.server.ts, so this page agrees with the list,
// the dashboard and the reports. The page is public: nothing here names the staff who recorded
// a change.
import type { OfficialStatus, Status } from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import { cachedOnHistory, cacheKey } from "#app/utils/cache.server.ts";
import { historyKeptFilters, itemsAsOfSql, statusesAsOf, type AsOfDate } from "./as-of.server.ts";
import {
  parseFilters,
  paramSchemas,
  queryString,
  readParams,
  type ItemFilters,
  type ParamError,
  type ParamErrors,
} from "./filters.ts";
import { currentDay, dayAfter, dayBefore, monthEnd, quarterStart } from "#app/utils/dates.ts";

/** How many changes the page lists; the rest are in the reports (XLSX History sheet). */
export const CHANGES_LIMIT = 500;

export type ChangesPeriod = {
  /** "YYYY-MM-DD": the state compared against (the end of that day). */
  from: string;
  /** "YYYY-MM-DD": up to and including this day; today at most. */
  to: string;
};

export type ChangesQuery = ChangesPeriod & {
  filters: ItemFilters;
  /** True when the period is the default one (this quarter so far). */
  isDefaultPeriod: boolean;
};

/** The default period: the end of the last quarter up to today. */
export function defaultPeriod(now = new Date()): ChangesPeriod {
  const today = currentDay(now);
  return { from: dayBefore(quarterStart(today)), to: today };
}

function dateError(message: "date" | "future" | "order"): ParamError {
  switch (message) {
    case "date":
      return { key: "review.changes.errors.date" };
    case "future":
      return { key: "review.changes.errors.future" };
    case "order":
      return { key: "review.changes.errors.order" };
  }
}

/**
 * The page's state from the URL query: the shared filters and the period. A bad, future or
 * reversed date is reported by parameter name and the default period is used for the view
 * instead, so that the reader always sees a page with the message next to the date field.
 */
export function parseChangesQuery(
  params: URLSearchParams,
  now = new Date(),
): { query: ChangesQuery; errors: ParamErrors } {
  const { filters, errors } = parseFilters(params);
  const today = currentDay(now);
  const defaults = defaultPeriod(now);
  const dates = readParams(params, { from: paramSchemas.date, to: paramSchemas.date });
  const period = { ...defaults };
  for (const name of ["from", "to"] as const) {
    const value = dates.values[name];
    if (dates.errors[name]) errors[name] = dateError("date");
    else if (value && value > today) errors[name] = dateError("future");
    else if (value) period[name] = value;
  }
  // An end without a start: the quarter of that end so far, as the default is today's.
  if (!dates.values.from && !dates.errors.from && period.to !== defaults.to) {
    period.from = dayBefore(quarterStart(period.to));
  }
  if (period.from > period.to) {
    if (!errors.from && !errors.to) errors.from = dateError("order");
    Object.assign(period, defaults);
  } else if (errors.from || errors.to) {
    Object.assign(period, defaults);
  }
  return {
    query: {
      filters,
      ...period,
      isDefaultPeriod: period.from === defaults.from && period.to === defaults.to,
    },
    errors,
  };
}

/**
 * The reports page for the same items and period: as of `to`, with the History sheet starting
 * the day after `from` (the reports count the start day in, this page compares with its end).
 */
export function reportsHref(query: ChangesQuery, now = new Date()): string {
  return `/reports${queryString({
    ...query.filters,
    asOf: asOfDate(query.to, now) ?? undefined,
    // An empty period (from = to) has no first day: the reports then use their own default.
    from: query.from < query.to ? dayAfter(query.from) : undefined,
  })}`;
}

/** A date as the as-of functions take it: null for today (the current state). */
function asOfDate(iso: string, now: Date): AsOfDate {
  return iso === currentDay(now) ? null : iso;
}

/** Where an item stood on `from`: a status, or absent (new in the period). */
export type FromStatus = Status | "new";
/** An official status, or none published (yet) on that date. */
export type OfficialValue = OfficialStatus | "none";

export type Move<From extends string, To extends string> = { from: From; to: To; count: number };

export type Moves = {
  /** Items present on `to` that match the filters (a status filter applies on `to`). */
  total: number;
  /** Items present on `to` but not on `from`. */
  newInPeriod: number;
  /** Items whose status on `to` differs from that on `from` (new ones left out). */
  changed: number;
  status: Array<Move<FromStatus, Status>>;
  official: Array<Move<OfficialValue | "new", OfficialValue>>;
};

function countMoves<From extends string, To extends string>(
  pairs: Array<[From, To]>,
): Array<Move<From, To>> {
  const counts = new Map<string, Move<From, To>>();
  for (const [from, to] of pairs) {
    const key = `${from}\u0000${to}`;
    const move = counts.get(key) ?? { from, to, count: 0 };
    move.count += 1;
    counts.set(key, move);
  }
  return [...counts.values()];
}

/** Where each item present on a day stood then: its status and official status, by id. */
type StartingPoint = Map<string, { status: Status; official: OfficialValue }>;

/**
 * The items present at the end of `from` that match the filters (any status), with their status
 * and official status then. For a day before this month with filters the history version
 * watches (the default period's start is the last quarter's end), kept on that version: only a
 * change that can alter a past day moves it, so everyday changes leave it kept.
 */
function startingPoint(filters: ItemFilters, from: string, now: Date): Promise<StartingPoint> {
  const read = async (): Promise<StartingPoint> => {
    const rows = await statusesAsOf(filters, asOfDate(from, now), now);
    return new Map(
      rows.map((item) => [
        item.id,
        { status: item.status, official: item.officialStatus ?? "none" },
      ]),
    );
  };
  const kept = historyKeptFilters(filters);
  if (!kept || from > monthEnd(currentDay(now), 1)) return read();
  // What it holds in memory: an id and two short strings an item.
  return cachedOnHistory(
    cacheKey("changes-start", { ...kept, from }),
    read,
    (map) => map.size * 96,
  );
}

/**
 * For the items present on `to` that match the filters, their status and official status on
 * `from` against `to`.
 */
export async function movesBetween(
  filters: ItemFilters,
  period: ChangesPeriod,
  now = new Date(),
): Promise<Moves> {
  const { status: _status, ...withoutStatus } = filters;
  const [onTo, before] = await Promise.all([
    statusesAsOf(filters, asOfDate(period.to, now), now),
    // The status filter is about the status on `to`: on `from`, any status.
    startingPoint(withoutStatus, period.from, now),
  ]);
  const statusPairs: Array<[FromStatus, Status]> = [];
  const officialPairs: Array<[OfficialValue | "new", OfficialValue]> = [];
  let newInPeriod = 0;
  let changed = 0;
  for (const item of onTo) {
    const earlier = before.get(item.id);
    if (!earlier) newInPeriod += 1;
    else if (earlier.status !== item.status) changed += 1;
    statusPairs.push([earlier ? earlier.status : "new", item.status]);
    officialPairs.push([earlier ? earlier.official : "new", item.officialStatus ?? "none"]);
  }
  return {
    total: onTo.length,
    newInPeriod,
    changed,
    status: countMoves(statusPairs),
    official: countMoves(officialPairs),
  };
}

export type ChangeEntry = {
  id: string;
  kind: "status" | "official";
  /** The day it happened ("YYYY-MM-DD"): `occurredOn`, or the issuer's as-of date. */
  date: string;
  item: {
    id: string;
    reference: string;
    referenceEs: string | null;
    title: string;
    titleEs: string | null;
  };
  /** Status labels: a Status for status changes, an OfficialStatus or "none" for official ones. */
  fromValue: string;
  toValue: string;
  /** What changed, for status changes (official changes have no summary). */
  summary: string | null;
};

export type SourceChanges = {
  source: { code: string; title: string; titleEs: string | null };
  changes: ChangeEntry[];
};

export type ChangeList = {
  groups: SourceChanges[];
  /** All changes in the period, including those past the limit. */
  total: number;
  statusChanges: number;
  officialChanges: number;
  /** How many were left out (over CHANGES_LIMIT). */
  more: number;
};

/**
 * Every status change (`occurredOn` in (from, to]) and every official-status change that changed
 * the status (dated by the issuer's `asOf`, in (from, to]) of the items present on `to` that
 * match the filters: the newest `limit`, grouped by source (sources by code), newest first.
 */
export async function changesInPeriod(
  filters: ItemFilters,
  period: ChangesPeriod,
  options: { limit?: number; now?: Date } = {},
): Promise<ChangeList> {
  const { limit = CHANGES_LIMIT, now = new Date() } = options;
  type Row = {
    id: string;
    kind: "status" | "official";
    date: string;
    fromValue: string | null;
    toValue: string | null;
    summary: string | null;
    itemId: string;
    reference: string;
    referenceEs: string | null;
    title: string;
    titleEs: string | null;
    sourceCode: string;
    sourceTitle: string;
    sourceTitleEs: string | null;
    total: number;
    statusTotal: number;
  };
  const items = itemsAsOfSql(filters, asOfDate(period.to, now), now);
  // The period's changes first (an index on each date), then whether their item is in the view:
  // the period's changes are a few, the items many.
  const rows = await prisma.$queryRaw<Row[]>`
    WITH c AS (
      SELECT sc.id, 'status' AS kind, sc."occurredOn" AS day, sc."createdAt",
        sc."fromStatus"::text AS "fromValue", sc."toStatus"::text AS "toValue", sc.summary,
        sc."recommendationId"
      FROM "StatusChange" sc
      WHERE sc."occurredOn" > ${period.from}::date AND sc."occurredOn" <= ${period.to}::date
      UNION ALL
      SELECT oc.id, 'official', oc."asOf", oc."createdAt",
        oc."fromStatus"::text, oc."toStatus"::text, NULL, oc."recommendationId"
      FROM "OfficialStatusChange" oc
      WHERE oc."asOf" > ${period.from}::date AND oc."asOf" <= ${period.to}::date
        AND oc."fromStatus" IS DISTINCT FROM oc."toStatus"
    )
    SELECT c.id, c.kind, to_char(c.day, 'YYYY-MM-DD') AS date, c."fromValue", c."toValue",
      c.summary, r.id AS "itemId", r.reference, r."referenceEs", r.title, r."titleEs",
      s.code AS "sourceCode", s.title AS "sourceTitle", s."titleEs" AS "sourceTitleEs",
      (count(*) OVER ())::int AS total,
      (count(*) FILTER (WHERE c.kind = 'status') OVER ())::int AS "statusTotal"
    FROM c
    JOIN ${items} i ON i.id = c."recommendationId"
    JOIN "Recommendation" r ON r.id = c."recommendationId"
    JOIN "Source" s ON s.id = r."sourceId"
    ORDER BY c.day DESC, c."createdAt" DESC, c.id DESC
    LIMIT ${limit}`;

  const groups = new Map<string, SourceChanges>();
  for (const row of rows) {
    const group = groups.get(row.sourceCode) ?? {
      source: { code: row.sourceCode, title: row.sourceTitle, titleEs: row.sourceTitleEs },
      changes: [],
    };
    group.changes.push({
      id: row.id,
      kind: row.kind,
      date: row.date,
      item: {
        id: row.itemId,
        reference: row.reference,
        referenceEs: row.referenceEs,
        title: row.title,
        titleEs: row.titleEs,
      },
      fromValue: row.fromValue ?? "none",
      toValue: row.toValue ?? "none",
      summary: row.summary,
    });
    groups.set(row.sourceCode, group);
  }
  const total = rows[0]?.total ?? 0;
  const statusChanges = rows[0]?.statusTotal ?? 0;
  return {
    groups: [...groups.values()].sort((a, b) => a.source.code.localeCompare(b.source.code)),
    total,
    statusChanges,
    officialChanges: total - statusChanges,
    more: Math.max(0, total - rows.length),
  };
}

/** Everything the what-changed page shows for a query. */
export async function getChanges(query: ChangesQuery, now = new Date()) {
  const [moves, list] = await Promise.all([
    movesBetween(query.filters, query, now),
    changesInPeriod(query.filters, query, { now }),
  ]);
  return { moves, list };
}

export type ChangesData = Awaited<ReturnType<typeof getChanges>>;
