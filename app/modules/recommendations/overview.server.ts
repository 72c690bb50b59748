// The dashboard ("/"): where the filtered recommendations stand on a date, by source, by
// Framework goal and by responsible actor, how that moved over the last 24 months, what changed
// in the last 30 days and how many items are due for checking. Everything comes from the as-of
// functions, so that the dashboard, the list and the reports agree. The page is public: nothing
// here names who recorded a change.
import type { Status } from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import { sqlRows } from "#app/utils/sql.server.ts";
import { cached, cacheKey } from "#app/utils/cache.server.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import {
  countItemsAsOf,
  countsAsOf,
  itemsAsOfSql,
  statusOverTime,
  type AsOfDate,
  type CountsAsOf,
  type GroupedCounts,
  type OverTimePoint,
  type StatusCounts,
} from "./as-of.server.ts";
import type { ItemFilters } from "./filters.ts";
import { addDays, currentDay } from "#app/utils/dates.ts";

const sql = Prisma.sql;

export type { StatusCounts };

/** How many of the latest status changes the dashboard lists. */
export const RECENT_LIMIT = 10;
/** The length of the "what changed" window, in days, ending on the dashboard's date. */
export const RECENT_DAYS = 30;

/** One bar of a chart: a source, goal or actor with its counts by status. */
export type ChartRow = {
  code: string;
  /** Its filter parameter's value in links to the list (`source=`, `goal=`, `actor=`). */
  value: string;
  title: string;
  titleEs: string | null;
  /** An actor's common abbreviation ("ATF"), shown instead of its code. */
  abbreviation?: string | null;
  counts: StatusCounts;
  total: number;
};

export type RecentChange = {
  id: string;
  fromStatus: Status;
  toStatus: Status;
  /** "YYYY-MM-DD". */
  occurredOn: string;
  recommendation: { id: string; reference: string; title: string; titleEs: string | null };
};

export type Dashboard = {
  /** The dashboard's date: the as-of date, or today. */
  date: string;
  asOf: AsOfDate;
  total: number;
  byStatus: StatusCounts;
  /** Sources with items, by code. */
  bySource: ChartRow[];
  /** Top-level goals in framework order (see `goalRows` for a goal filter). */
  byGoal: ChartRow[];
  /** Actors with items, most items first. */
  byActor: ChartRow[];
  overTime: OverTimePoint[];
  recent: { from: string; to: string; total: number; items: RecentChange[] };
  /** Items whose status was checked once, but not in the last 90 days. */
  staleCount: number;
  /** Items whose status was never checked. */
  neverCheckedCount: number;
  /** What the filter menus offer (as listFilterOptions, with the ids the counts need). */
  menus: Awaited<ReturnType<typeof dashboardNames>>["menus"];
};

const sum = (counts: StatusCounts) =>
  Object.values(counts).reduce((total, n) => total + (n ?? 0), 0);

function chartRow(
  named: { code: string; title: string; titleEs: string | null },
  counts: StatusCounts = {},
  value = named.code,
): ChartRow {
  const { code, title, titleEs } = named;
  return { code, value, title, titleEs, counts, total: sum(counts) };
}

/**
 * Sources, goals, actors and tags: the names the charts join to the counts' ids, and the filter
 * menus (the same choices as the list's: sources, actors and tags that have items, every goal).
 * Four small queries.
 */
async function dashboardNames() {
  const [sources, goals, actors, tags] = await Promise.all([
    prisma.source.findMany({
      where: { archivedAt: null, recommendations: { some: { archivedAt: null } } },
      select: { id: true, code: true, title: true, titleEs: true },
      orderBy: { code: "asc" },
    }),
    // Archived goals too: a goal filter's top-level goal is found through them.
    prisma.goal.findMany({
      select: {
        id: true,
        code: true,
        title: true,
        titleEs: true,
        level: true,
        parentId: true,
        archivedAt: true,
      },
      orderBy: [{ position: "asc" }, { code: "asc" }],
    }),
    prisma.actor.findMany({
      where: { archivedAt: null, recommendations: { some: { archivedAt: null } } },
      select: { id: true, code: true, name: true, nameEs: true, abbreviation: true },
      orderBy: { code: "asc" },
    }),
    prisma.tag.findMany({
      where: { archivedAt: null, recommendations: { some: { archivedAt: null } } },
      select: { slug: true, name: true, nameEs: true },
      orderBy: { slug: "asc" },
    }),
  ]);
  const menus = {
    sources: sources.map(({ code, title, titleEs }) => ({ code, title, titleEs })),
    goals: goals
      .filter((goal) => !goal.archivedAt)
      .map(({ code, title, titleEs, level }) => ({ code, title, titleEs, level })),
    actors: actors.map(({ code, name, nameEs, abbreviation }) => ({
      code,
      name,
      nameEs,
      abbreviation,
    })),
    tags,
  };
  return { sources, goals, actors, menus };
}

type GoalName = Awaited<ReturnType<typeof dashboardNames>>["goals"][number];
type Names = Awaited<ReturnType<typeof dashboardNames>>;

/**
 * A past day counts items archived since: their source or actor may have no item left today,
 * and so be missing from the names. Adds those (usually none: no query then).
 */
async function withArchivedNames(names: Names, counts: CountsAsOf) {
  const missing = (known: Array<{ id: string }>, ids: Iterable<string>) => {
    const have = new Set(known.map((row) => row.id));
    return [...ids].filter((id) => !have.has(id));
  };
  const sourceIds = missing(names.sources, counts.bySource.keys());
  const actorIds = missing(names.actors, counts.byActor.keys());
  const [sources, actors] = await Promise.all([
    sourceIds.length === 0
      ? []
      : prisma.source.findMany({
          where: { id: { in: sourceIds } },
          select: { id: true, code: true, title: true, titleEs: true },
        }),
    actorIds.length === 0
      ? []
      : prisma.actor.findMany({
          where: { id: { in: actorIds } },
          select: { id: true, code: true, name: true, nameEs: true, abbreviation: true },
        }),
  ]);
  return {
    sources:
      sources.length === 0
        ? names.sources
        : [...names.sources, ...sources].sort((a, b) => (a.code < b.code ? -1 : 1)),
    actors: [...names.actors, ...actors],
  };
}

/**
 * The top-level goals' rows. With a goal filter, only the top-level goal of the filtered goal
 * (itself, or above it) is shown, and its links keep the filtered goal: an item of goal 1 that also serves goal 3 counts
 * for goal 3 too, but the list cannot show "goal 1 and goal 3", so a goal-3 bar would link to a
 * list that does not match its numbers.
 */
function goalRows(goals: GoalName[], counts: GroupedCounts, goalFilter?: string): ChartRow[] {
  const top = goals.filter((goal) => goal.parentId === null && !goal.archivedAt);
  const row = (goal: GoalName, value = goal.code) => chartRow(goal, counts.get(goal.id), value);
  if (!goalFilter) return top.map((goal) => row(goal));
  const byId = new Map(goals.map((goal) => [goal.id, goal]));
  let goal = goals.find((g) => g.code.toLowerCase() === goalFilter.toLowerCase());
  // Walk up to the top; the depth bound guards against a cycle in hand-edited data.
  for (let depth = 0; goal?.parentId && depth < 10; depth++) goal = byId.get(goal.parentId);
  const root = goal && top.find((g) => g.id === goal.id);
  return root ? [row(root, goalFilter)] : [];
}

/**
 * The actors' rows, most items first. With an actor filter, only that actor's row: the other
 * actors of its items share them, and their bars could not link to a matching list.
 */
function actorRows(
  actors: Array<{
    id: string;
    code: string;
    name: string;
    nameEs: string | null;
    abbreviation: string | null;
  }>,
  counts: GroupedCounts,
  actorFilter?: string,
): ChartRow[] {
  const rows = actors
    .filter((actor) => !actorFilter || actor.code.toLowerCase() === actorFilter.toLowerCase())
    .map((actor) => ({
      ...chartRow(
        { code: actor.code, title: actor.name, titleEs: actor.nameEs },
        counts.get(actor.id),
      ),
      abbreviation: actor.abbreviation,
    }))
    .filter((row) => row.total > 0);
  return rows.sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
}

/**
 * The status changes of the filtered items in the `RECENT_DAYS` days up to `date`, newest first
 * (the first `RECENT_LIMIT`), with how many there are in all. One query.
 */
export async function recentChanges(
  filters: ItemFilters,
  asOf: AsOfDate,
  now = new Date(),
): Promise<Dashboard["recent"]> {
  const to = asOf ?? currentDay(now);
  const from = addDays(to, -RECENT_DAYS);
  type Row = Omit<RecentChange, "recommendation"> & {
    recommendationId: string;
    reference: string;
    title: string;
    titleEs: string | null;
    total: number;
  };
  // The window function counts every change in the period before LIMIT keeps the newest.
  const rows = await sqlRows<Row[]>(sql`
    SELECT sc.id, sc."fromStatus", sc."toStatus",
      to_char(sc."occurredOn", 'YYYY-MM-DD') AS "occurredOn",
      i.id AS "recommendationId", i.reference, i.title, i."titleEs",
      count(*) OVER ()::int AS total
    FROM "StatusChange" sc
    JOIN ${itemsAsOfSql(filters, asOf, now)} i ON i.id = sc."recommendationId"
    -- After \`from\`, as on the what-changed page its link opens: the 30 days up to \`to\`.
    WHERE sc."occurredOn" > ${from}::date AND sc."occurredOn" <= ${to}::date
    ORDER BY sc."occurredOn" DESC, sc."createdAt" DESC, sc.id DESC
    LIMIT ${RECENT_LIMIT}`);
  return {
    from,
    to,
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      occurredOn: row.occurredOn,
      recommendation: {
        id: row.recommendationId,
        reference: row.reference,
        title: row.title,
        titleEs: row.titleEs,
      },
    })),
  };
}

/**
 * Everything the dashboard shows for `filters` on `asOf` (null: today). About ten queries, all
 * at once; none per row.
 */
export async function getDashboard(
  filters: ItemFilters,
  asOf: AsOfDate,
  now = new Date(),
): Promise<Dashboard> {
  // The same for every reader, and it changes only with the data or the clock: cached until
  // either moves (the hour is enough for "not checked in 90 days"; the month ends and what
  // changed follow today in the tracker's zone, whose midnight may fall within a UTC hour).
  const hour = now.toISOString().slice(0, 13);
  return cached(
    cacheKey("dashboard", { ...filters, asOf, hour, day: currentDay(now) }),
    () => computeDashboard(filters, asOf, now),
    "data:dashboard",
  );
}

async function computeDashboard(
  filters: ItemFilters,
  asOf: AsOfDate,
  now: Date,
): Promise<Dashboard> {
  const counts = countsAsOf(filters, asOf, now);
  const [current, overTime, names, recent, staleCount, neverCheckedCount] = await Promise.all([
    counts,
    // Today's counts are the over-time chart's last point: computed once when they are the same.
    statusOverTime(filters, 24, now, asOf ? undefined : counts),
    dashboardNames(),
    recentChanges(filters, asOf, now),
    // Checking is work for today, whatever date the counts are shown for.
    countItemsAsOf({ ...filters, stale: "1" }, null, now),
    countItemsAsOf({ ...filters, stale: "never" }, null, now),
  ]);
  const named = asOf ? await withArchivedNames(names, current) : names;
  const bySource = named.sources
    .map((source) => chartRow(source, current.bySource.get(source.id)))
    .filter((row) => row.total > 0);
  return {
    date: asOf ?? currentDay(now),
    asOf,
    total: current.total,
    byStatus: current.byStatus,
    bySource,
    byGoal: goalRows(names.goals, current.byGoal, filters.goal),
    byActor: actorRows(named.actors, current.byActor, filters.actor),
    overTime,
    recent,
    staleCount,
    neverCheckedCount,
    menus: names.menus,
  };
}
