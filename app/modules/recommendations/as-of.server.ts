// Where recommendations stood on a date. The one place that rebuilds an item's status and
// official status on a past day from their history; the dashboard, the list (`asOf=`), what
// changed and every report go through it, so they always agree.
//
// What "as of D" guarantees: the record of day D as the tracker holds it now. Whatever existed at
// the end of D stays in it even when it was archived, edited or deleted afterwards; a change
// recorded later but dated on or before D is a correction and is part of it (the pages and
// reports say how many such corrections they include: countRecordedAfter). Tidying the record
// later never changes a past day's view.
//
// The rules:
// - The end of day D is `dayEndInstant(D)` (utils/dates.ts): midnight after D in the tracker's
//   zone (TIME_ZONE); anything recorded before that instant was recorded on or before D.
// - An item's status on day D is the status after its last change with `occurredOn` <= D (ties
//   by when the changes were entered), or, before its first recorded change, the status it had
//   then (that change's `fromStatus`); an item without changes has its current status. For today
//   (no as-of date) it is the current status.
// - An item is present on D when it was not archived by the end of D and its source was published
//   on or before D (a partial date such as "2016-03" counts from its first day); a source without
//   a date is always present. When the item was entered in the tracker plays no part. Today (no
//   as-of date) an archived item is absent.
// - The official status on D is the issuer's status with the latest as-of date <= D among the
//   recorded official changes (before and after each) and the current value; none when every
//   known value is dated after D.
// - Evidence and notes follow the same rule in the reports (reports/report-data.server.ts):
//   evidence archived after D and notes deleted after D are still there, and a note reads as it
//   did at the end of D (its earliest revision written after D, else its current text). The last
//   check of an item is the one known at the end of D (from the audit trail).
// - Descriptive fields (titles, references, actors, goals, an evidence's title) read as they do
//   now: fixing them is a correction of the catalogue, not a change of status.
import { Prisma } from "#app/generated/prisma/client.ts";
import type { Country, OfficialStatus, Status } from "#app/generated/prisma/enums.ts";
import { currentDay, dayEndInstant, monthEnd } from "#app/utils/dates.ts";
import { sqlRows } from "#app/utils/sql.server.ts";
import { cachedOnHistory, cacheKey } from "#app/utils/cache.server.ts";
import { foldForSearch, likeContains, searchWords } from "#app/utils/search-text.ts";
import { staleBefore } from "#app/modules/tracking/stale.ts";
import type { ItemFilters } from "./filters.ts";

const sql = Prisma.sql;
const empty = Prisma.empty;

/**
 * Filters, plus when staff last checked the status (by today's clock, not the as-of date):
 * "1" checked once but not in the last 90 days, "never" never checked.
 */
export type AsOfFilters = ItemFilters & { stale?: "1" | "never" };

/** "YYYY-MM-DD" (a past day) or null for today, i.e. the current state. */
export type AsOfDate = string | null;

/**
 * Whether `r` (Recommendation) of `s` (its Source) is present on `asOf` (today: not archived).
 */
function presenceConditions(asOf: AsOfDate): Prisma.Sql[] {
  if (!asOf) return [sql`r."archivedAt" IS NULL`];
  return [
    // Archived after the day ended: still part of that day's record.
    sql`(r."archivedAt" IS NULL OR r."archivedAt" >= ${dayEndInstant(asOf)})`,
    // Partial dates compare as prefixes: "2016-03" <= "2016-03-15", "2016-04" > it.
    sql`(s."publishedDate" IS NULL OR s."publishedDate" COLLATE "C" <= ${asOf} COLLATE "C")`,
  ];
}

/** For each word of a search (searchWords), the ids of the sources whose code holds it. */
export type SearchSources = string[][];

/**
 * The sources whose code holds each word of `q`, read before the search itself: in one
 * statement, as a sub-query, the planner cannot know that they are few (usually none), and for
 * a rare word it scanned the whole table rather than use the trigram index.
 */
export async function searchSources(q: string | undefined): Promise<SearchSources | undefined> {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  const rows = await sqlRows<Array<{ word: number; id: string }>>(sql`
    SELECT w.n::int AS word, s.id FROM unnest(${words.map(likeContains)}::text[]) WITH ORDINALITY w(pattern, n)
    JOIN "Source" s ON s.code ILIKE w.pattern`);
  const sources: SearchSources = words.map(() => []);
  for (const row of rows) sources[row.word - 1]!.push(row.id);
  return sources;
}

/**
 * Conditions on `r` (Recommendation) and `s` (its Source) for every filter except status, which
 * applies to the as-of status. Presence on a date is presenceConditions'.
 */
function filterConditions(filters: AsOfFilters, now: Date, search?: SearchSources): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [sql`true`];
  if (filters.source) conditions.push(sql`lower(s.code) = lower(${filters.source})`);
  if (filters.country) conditions.push(sql`r.country = ${filters.country}::"Country"`);
  if (filters.actor) {
    conditions.push(sql`r.id IN (
      SELECT ar."B" FROM "_ActorToRecommendation" ar JOIN "Actor" a ON a.id = ar."A"
      WHERE lower(a.code) = lower(${filters.actor}))`);
  }
  if (filters.tag) {
    conditions.push(sql`r.id IN (
      SELECT rt."A" FROM "_RecommendationToTag" rt JOIN "Tag" t ON t.id = rt."B"
      WHERE lower(t.slug) = lower(${filters.tag}))`);
  }
  if (filters.goal) {
    // The goal and every goal below it (cooperation areas, joint objectives).
    conditions.push(sql`r.id IN (
      WITH RECURSIVE tree AS (
        SELECT id FROM "Goal" WHERE lower(code) = lower(${filters.goal})
        UNION
        SELECT g.id FROM "Goal" g JOIN tree ON g."parentId" = tree.id
      )
      SELECT gr."B" FROM "_GoalToRecommendation" gr JOIN tree ON tree.id = gr."A")`);
  }
  if (filters.related) {
    // A link counts when the item at its other end is present today: an archived item's links
    // are not shown to readers (relations.server.ts), so they do not count either.
    const linked = sql`EXISTS (
      SELECT 1 FROM "ItemRelation" ir JOIN "Recommendation" o
        ON o.id = CASE WHEN ir."fromId" = r.id THEN ir."toId" ELSE ir."fromId" END
      WHERE (ir."fromId" = r.id OR ir."toId" = r.id) AND o."archivedAt" IS NULL)`;
    conditions.push(filters.related === "yes" ? linked : sql`NOT ${linked}`);
  }
  if (filters.stale === "1") conditions.push(sql`r."lastVerifiedAt" < ${staleBefore(now)}`);
  if (filters.stale === "never") conditions.push(sql`r."lastVerifiedAt" IS NULL`);
  // Each word in the folded text (a trigram index serves it where pg_trgm exists) or in the
  // source's code.
  searchWords(filters.q).forEach((word, index) => {
    const text = sql`r."searchText" LIKE ${likeContains(foldForSearch(word))}`;
    const sources = search?.[index];
    if (sources) {
      // The sources whose code holds the word are known: the condition is tested on each row
      // (on the rows another filter left, or through the indexes), and the planner sees how
      // many sources there are, usually none.
      conditions.push(
        sources.length ? sql`(${text} OR r."sourceId" = ANY (${sources}::text[]))` : text,
      );
    } else {
      // Written as a set of ids so that the indexes serve both sides of the OR.
      conditions.push(sql`r.id IN (
        SELECT t.id FROM "Recommendation" t WHERE t."searchText" LIKE ${likeContains(foldForSearch(word))}
        UNION
        SELECT t.id FROM "Recommendation" t JOIN "Source" ts ON ts.id = t."sourceId"
        WHERE ts.code ILIKE ${likeContains(word)})`);
    }
  });
  return conditions;
}

/** The status of `r` on the day `asOf` (the current status for today). */
function statusExpression(asOf: AsOfDate): Prisma.Sql {
  if (!asOf) return sql`r.status`;
  return statusOnDay(sql`r`, sql`${asOf}::date`);
}

/**
 * The rule itself, in SQL: the status of `item` (an alias of a row with `id` and `status`) at
 * the end of `day` (a date expression).
 */
function statusOnDay(item: Prisma.Sql, day: Prisma.Sql): Prisma.Sql {
  return sql`COALESCE(
    (SELECT sc."toStatus" FROM "StatusChange" sc
      WHERE sc."recommendationId" = ${item}.id AND sc."occurredOn" <= ${day}
      ORDER BY sc."occurredOn" DESC, sc."createdAt" DESC, sc.id DESC LIMIT 1),
    (SELECT sc."fromStatus" FROM "StatusChange" sc
      WHERE sc."recommendationId" = ${item}.id
      ORDER BY sc."occurredOn" ASC, sc."createdAt" ASC, sc.id ASC LIMIT 1),
    ${item}.status)`;
}

/**
 * The items present on `asOf` that match the filters, with their status then, as a subquery
 * with the columns `id`, `sourceId`, `status` (as of the date) and the sort keys.
 */
export function itemsAsOfSql(
  filters: AsOfFilters,
  asOf: AsOfDate,
  now = new Date(),
  search?: SearchSources,
): Prisma.Sql {
  const conditions = [...presenceConditions(asOf), ...filterConditions(filters, now, search)];
  const where = Prisma.join(conditions, " AND ");
  const status = filters.status ? sql`WHERE items.status = ${filters.status}::"Status"` : empty;
  return sql`(
    SELECT * FROM (
      SELECT r.id, r."sourceId", ${statusExpression(asOf)} AS status, r.position,
        r."createdAt", r.reference, r.title, r."titleEs", r."lastActivityAt"
      FROM "Recommendation" r JOIN "Source" s ON s.id = r."sourceId"
      WHERE ${where}
    ) items ${status}
  )`;
}

export type SortKey = "catalogue" | "reference" | "title" | "status" | "updated";

const statusOrder = sql`array_position(ARRAY['not_started','in_progress','partially_implemented',
  'implemented','stalled','not_implemented']::"Status"[], i.status)`;

function orderBySql(sort: SortKey, locale: "en" | "es"): Prisma.Sql {
  switch (sort) {
    case "reference":
      return sql`i.reference ASC, i.id ASC`;
    case "title":
      return locale === "es"
        ? sql`i."titleEs" ASC NULLS LAST, i.title ASC, i.id ASC`
        : sql`i.title ASC, i.id ASC`;
    case "status":
      return sql`${statusOrder} ASC, i.position ASC, i.id ASC`;
    case "updated":
      return sql`i."lastActivityAt" DESC, i.position ASC, i.id ASC`;
    case "catalogue":
      return sql`i.position ASC, i."createdAt" ASC, i.id ASC`;
  }
}

/**
 * The official status of item `r` on the day `asOf` as it was rebuilt from its history, as the
 * tail of a one-row SELECT of `p.st` (the status) and `p.d` (its as-of date): the record's own
 * values, then each change's new and former values, the latest dated on or before the day.
 */
export function officialOnDayRows(asOf: string): Prisma.Sql {
  return sql`FROM (
      SELECT r."statusOfficial" AS st, r."statusOfficialAsOf" AS d, 2 AS rank, r."updatedAt" AS at
      UNION ALL
      SELECT c."toStatus", c."asOf", 1, c."createdAt" FROM "OfficialStatusChange" c
        WHERE c."recommendationId" = r.id
      UNION ALL
      SELECT c."fromStatus", c."fromAsOf", 0, c."createdAt" FROM "OfficialStatusChange" c
        WHERE c."recommendationId" = r.id
    ) p
    WHERE p.st IS NOT NULL AND p.d IS NOT NULL AND p.d <= ${asOf}::date
    ORDER BY p.d DESC, p.rank DESC, p.at DESC LIMIT 1`;
}

/** The official status of `r` on `asOf` (current for today), as `officialStatus`, `officialAsOf`. */
function officialJoin(asOf: AsOfDate): Prisma.Sql {
  if (!asOf) {
    return sql`LEFT JOIN LATERAL (SELECT r."statusOfficial" AS "officialStatus",
      r."statusOfficialAsOf" AS "officialAsOf") o ON true`;
  }
  return sql`LEFT JOIN LATERAL (
    SELECT p.st AS "officialStatus", p.d AS "officialAsOf" ${officialOnDayRows(asOf)}
  ) o ON true`;
}

export type ItemAsOf = {
  id: string;
  status: Status;
  officialStatus: OfficialStatus | null;
  officialAsOf: Date | null;
  /** Catalogue-order key, for `after` (reading a whole set in batches). */
  position: number;
  createdAt: Date;
};

/** Where the previous batch ended, in catalogue order. */
export type CatalogueCursor = Pick<ItemAsOf, "position" | "createdAt" | "id">;

type PageOptions = {
  filters: AsOfFilters;
  asOf: AsOfDate;
  sort?: SortKey;
  locale?: "en" | "es";
  limit: number;
  offset?: number;
  after?: CatalogueCursor;
  now?: Date;
  /** Each row also carries how many items match in all (`total`): one statement for both. */
  withTotal?: boolean;
  /** searchSources(filters.q), when read already. */
  search?: SearchSources;
};

/** findItemsAsOf's statement, with `columns` of `i` (itemsAsOfSql's) added to each row. */
function itemsPageSql(options: PageOptions, columns: Prisma.Sql = empty): Prisma.Sql {
  const { filters, asOf, locale = "en", limit, offset = 0, after } = options;
  const sort = after ? "catalogue" : (options.sort ?? "catalogue");
  const cursor = after
    ? sql`WHERE (i.position, i."createdAt", i.id) > (${after.position}, ${after.createdAt}, ${after.id})`
    : empty;
  return sql`
    SELECT i.id, i.status, o."officialStatus", o."officialAsOf", i.position, i."createdAt"
      ${options.withTotal ? sql`, (count(*) OVER ())::int AS total` : empty} ${columns}
    FROM ${itemsAsOfSql(filters, asOf, options.now, options.search)} i
    JOIN "Recommendation" r ON r.id = i.id
    ${officialJoin(asOf)}
    ${cursor}
    ORDER BY ${orderBySql(sort, locale)}
    LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * One page (or batch) of the items present on `asOf` that match the filters, in `sort` order,
 * with their status and official status then. To read a whole set, use catalogue order and pass
 * the last item of each batch as `after` (no OFFSET, so every batch costs the same).
 */
export async function findItemsAsOf(
  options: PageOptions,
): Promise<Array<ItemAsOf & { total?: number }>> {
  return sqlRows<ItemAsOf[]>(itemsPageSql(options));
}

/** A row of the list as the list page shows it. */
export type ListRowAsOf = {
  id: string;
  /** The status and official status on the list's date. */
  status: Status;
  officialStatus: OfficialStatus | null;
  total?: number;
  reference: string;
  referenceEs: string | null;
  title: string;
  titleEs: string | null;
  country: Country;
  lastActivityAt: Date;
  lastVerifiedAt: Date | null;
  source: { code: string; title: string; titleEs: string | null };
  /** By code. */
  actors: Array<{ code: string; name: string; nameEs: string | null; abbreviation: string | null }>;
};

/**
 * One page of the list, as findItemsAsOf finds it, with what each row shows (titles, source,
 * actors, dates): one statement, where reading the rows' details through Prisma took three more.
 */
export async function findListPageAsOf(
  options: Omit<PageOptions, "after"> & { sort: SortKey; locale: "en" | "es" },
): Promise<ListRowAsOf[]> {
  const search = options.search ?? (await searchSources(options.filters.q));
  const page = itemsPageSql(
    { ...options, search },
    sql`, i.reference, i.title, i."titleEs", i."lastActivityAt"`,
  );
  return sqlRows<ListRowAsOf[]>(sql`
    SELECT i.id, i.status, i."officialStatus"
      ${options.withTotal ? sql`, i.total` : empty},
      r.reference, r."referenceEs", r.title, r."titleEs", r.country, r."lastActivityAt",
      r."lastVerifiedAt",
      json_build_object('code', s.code, 'title', s.title, 'titleEs', s."titleEs") AS source,
      COALESCE((
        SELECT json_agg(json_build_object('code', a.code, 'name', a.name, 'nameEs', a."nameEs",
          'abbreviation', a.abbreviation) ORDER BY a.code)
        FROM "_ActorToRecommendation" ar JOIN "Actor" a ON a.id = ar."A" WHERE ar."B" = r.id
      ), '[]'::json) AS actors
    FROM (${page}) i
    JOIN "Recommendation" r ON r.id = i.id
    JOIN "Source" s ON s.id = r."sourceId"
    -- The page's own order again, over its rows only.
    ORDER BY ${orderBySql(options.sort, options.locale)}`);
}

/** How many items are present on `asOf` and match the filters. */
export async function countItemsAsOf(
  filters: AsOfFilters,
  asOf: AsOfDate,
  now = new Date(),
  /** searchSources(filters.q), when read already. */
  search?: SearchSources,
): Promise<number> {
  const rows = await sqlRows<Array<{ count: number }>>(sql`
    SELECT count(*)::int AS count FROM ${itemsAsOfSql(filters, asOf, now, search)} i`);
  return rows[0]?.count ?? 0;
}

/**
 * Corrections: how many changes of the items present on `asOf` that match the filters are dated
 * on or before it (status changes by their day, official ones by the issuer's date) but were
 * recorded after it ended. Always 0 for today.
 */
export async function countRecordedAfter(
  filters: AsOfFilters,
  asOf: AsOfDate,
  now = new Date(),
): Promise<number> {
  if (!asOf) return 0;
  const end = dayEndInstant(asOf);
  // Corrections are few: start from them, then keep those of the items present.
  const rows = await sqlRows<Array<{ count: number }>>(sql`
    SELECT count(*)::int AS count FROM (
      SELECT sc."recommendationId" AS id FROM "StatusChange" sc
        WHERE sc."occurredOn" <= ${asOf}::date AND sc."createdAt" >= ${end}
      UNION ALL
      SELECT c."recommendationId" FROM "OfficialStatusChange" c
        WHERE c."asOf" <= ${asOf}::date AND c."createdAt" >= ${end}
    ) x JOIN ${itemsAsOfSql(filters, asOf, now)} i ON i.id = x.id`);
  return rows[0]?.count ?? 0;
}

export type StatusCounts = Partial<Record<Status, number>>;
export type GroupedCounts = Map<string, StatusCounts>;

/** Adds `row.count` to `counts[row.status]`. */
function addTo(map: GroupedCounts, key: string, status: Status, count: number) {
  const counts = map.get(key) ?? {};
  counts[status] = (counts[status] ?? 0) + count;
  map.set(key, counts);
}

export type CountsAsOf = {
  total: number;
  byStatus: StatusCounts;
  /** By source id. */
  bySource: GroupedCounts;
  /** By top-level goal id: an item linked to a goal's cooperation area counts once for it. */
  byGoal: GroupedCounts;
  /** By actor id: an item with three actors counts once for each. */
  byActor: GroupedCounts;
};

/** Counts by status, overall and per source, top-level goal and actor, on `asOf`. */
export async function countsAsOf(
  filters: AsOfFilters,
  asOf: AsOfDate,
  now = new Date(),
): Promise<CountsAsOf> {
  type Row = { kind: "source" | "goal" | "actor"; key: string; status: Status; count: number };
  const rows = await sqlRows<Row[]>(sql`
    WITH i AS MATERIALIZED ${itemsAsOfSql(filters, asOf, now)},
    tree AS (
      WITH RECURSIVE t AS (
        SELECT id, id AS root FROM "Goal" WHERE "parentId" IS NULL
        UNION ALL
        SELECT g.id, t.root FROM "Goal" g JOIN t ON g."parentId" = t.id
      ) SELECT * FROM t
    )
    SELECT 'source' AS kind, i."sourceId" AS key, i.status, count(*)::int AS count
      FROM i GROUP BY 2, 3
    UNION ALL
    SELECT 'goal', tree.root, i.status, count(DISTINCT i.id)::int
      FROM i JOIN "_GoalToRecommendation" gr ON gr."B" = i.id JOIN tree ON tree.id = gr."A"
      GROUP BY 2, 3
    UNION ALL
    SELECT 'actor', ar."A", i.status, count(*)::int
      FROM i JOIN "_ActorToRecommendation" ar ON ar."B" = i.id
      GROUP BY 2, 3`);
  const result: CountsAsOf = {
    total: 0,
    byStatus: {},
    bySource: new Map(),
    byGoal: new Map(),
    byActor: new Map(),
  };
  for (const row of rows) {
    if (row.kind === "source") {
      addTo(result.bySource, row.key, row.status, row.count);
      result.byStatus[row.status] = (result.byStatus[row.status] ?? 0) + row.count;
      result.total += row.count;
    } else if (row.kind === "goal") addTo(result.byGoal, row.key, row.status, row.count);
    else addTo(result.byActor, row.key, row.status, row.count);
  }
  return result;
}

/**
 * The last day of each of the `months` months up to and including the current one, the current
 * month being today's in the tracker's zone.
 */
export function monthEnds(months: number, now = new Date()): string[] {
  const today = currentDay(now);
  const ends: string[] = [];
  for (let back = months - 1; back >= 0; back--) ends.push(monthEnd(today, back));
  return ends;
}

export type OverTimePoint = {
  /** The month's last day, "YYYY-MM-DD"; the current month's point is today's state. */
  date: string;
  current: boolean;
  counts: StatusCounts;
  total: number;
};

type PastRow = { date: string; status: Status; count: number };

let pastComputations = 0;

/** How many times the past month ends were computed rather than taken from the cache (tests). */
export function pastMonthEndComputations(): number {
  return pastComputations;
}

/**
 * Counts by status on each of the `past` days (month ends), rebuilt from each item's history:
 * the costly part of statusOverTime (every item at every month end).
 */
function pastCounts(filters: AsOfFilters, past: string[], now: Date): Promise<PastRow[]> {
  pastComputations += 1;
  return sqlRows<PastRow[]>(sql`
      WITH days AS (
        SELECT * FROM unnest(${past}::date[], ${past.map((day) => dayEndInstant(day).toISOString())}::timestamp[])
          AS d(day, "dayEnd")
      ),
      candidates AS (
        SELECT r.id, r.status, r."archivedAt", s."publishedDate" FROM "Recommendation" r
        JOIN "Source" s ON s.id = r."sourceId"
        WHERE ${Prisma.join(filterConditions({ ...filters, status: undefined }, now), " AND ")}
      )
      SELECT x.date, x.status, count(*)::int AS count FROM (
        SELECT to_char(days.day, 'YYYY-MM-DD') AS date,
          ${statusOnDay(sql`c`, sql`days.day`)} AS status
        FROM candidates c CROSS JOIN days
        -- Present on the day, as presenceConditions says, for each month end at once.
        WHERE (c."archivedAt" IS NULL OR c."archivedAt" >= days."dayEnd")
          AND (c."publishedDate" IS NULL
            OR c."publishedDate" COLLATE "C" <= to_char(days.day, 'YYYY-MM-DD') COLLATE "C")
      ) x
      ${filters.status ? sql`WHERE x.status = ${filters.status}::"Status"` : empty}
      GROUP BY 1, 2`);
}

/**
 * The filters whose past counts depend only on what the history version watches (migrations
 * 0015 and 0016: status and official changes, each item's source, country and presence, a
 * source's code and date).
 * Goal, actor, tag, search and checks also read links, names and texts: those are kept on the
 * general version only (by the dashboard's cache).
 */
const historyFilters = new Set(["source", "country", "status"]);

/**
 * The filters in use, when what a past day shows for them may be kept on the history version;
 * null when they read more than it watches. The day must be before the tracker's current month.
 */
export function historyKeptFilters(filters: AsOfFilters): Record<string, unknown> | null {
  const used = Object.entries(filters).filter(
    ([, value]) => value !== undefined && value !== null && value !== "",
  );
  return used.every(([name]) => historyFilters.has(name)) ? Object.fromEntries(used) : null;
}

/** The past month ends' counts: kept on the history version when the filters allow. */
function pastCountsKept(filters: AsOfFilters, past: string[], now: Date): Promise<PastRow[]> {
  const used = historyKeptFilters(filters);
  if (!used) return pastCounts(filters, past, now);
  const key = cacheKey("over-time-past", {
    ...used,
    // A new month is a new key; the ends' instants carry the tracker's zone.
    days: past,
    ends: past.map((day) => dayEndInstant(day).toISOString()),
  });
  return cachedOnHistory(key, () => pastCounts(filters, past, now));
}

/**
 * Counts by status at the end of each of the last `months` months, rebuilt from the history with
 * the same rules as every as-of view; the current month shows today's state. The past months are
 * kept until a change that can alter them (cachedOnHistory); today's point is computed each time.
 */
export async function statusOverTime(
  filters: AsOfFilters,
  months = 24,
  now = new Date(),
  /** Today's counts for the same filters, when the caller computes them anyway. */
  today: Promise<CountsAsOf> = countsAsOf(filters, null, now),
): Promise<OverTimePoint[]> {
  const ends = monthEnds(months, now);
  const past = ends.slice(0, -1);
  const [history, current] = await Promise.all([
    past.length === 0 ? Promise.resolve([] as PastRow[]) : pastCountsKept(filters, past, now),
    today,
  ]);
  const byDate = new Map<string, StatusCounts>();
  for (const row of history) {
    const counts = byDate.get(row.date) ?? {};
    counts[row.status] = row.count;
    byDate.set(row.date, counts);
  }
  return ends.map((date, index) => {
    const isCurrent = index === ends.length - 1;
    const counts = isCurrent ? current.byStatus : (byDate.get(date) ?? {});
    const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
    return { date, current: isCurrent, counts, total };
  });
}

/**
 * Every item present on `asOf` that matches the filters, with its status and official status
 * then, in no order: for counting (what changed's moves), where findItemsAsOf's sort and sort
 * keys would only cost.
 */
export function statusesAsOf(
  filters: AsOfFilters,
  asOf: AsOfDate,
  now = new Date(),
): Promise<Array<Pick<ItemAsOf, "id" | "status" | "officialStatus">>> {
  return sqlRows(sql`
    SELECT i.id, i.status, o."officialStatus"
    FROM ${itemsAsOfSql(filters, asOf, now)} i
    JOIN "Recommendation" r ON r.id = i.id
    ${officialJoin(asOf)}`);
}
