// What every status report holds, whatever its format: a summary (counts by status, per source
// and per top-level Framework goal), the items present on the as-of date in catalogue order, and
// the changes of the period. Statuses on the date come from the as-of functions; items are read in
// keyset batches with a few queries each, so memory stays flat however many items there are.
//
// Who asks decides what is in it: anonymous readers get public information only; staff (anyone
// logged in) also get the latest note, internal or public. Who recorded a change is named for
// staff; for the public, by name only where that person chose so, else by the display name an
// admin gave them or their role (as on the item page, tracking/people.ts). Email addresses and
// user ids never appear. The public variant does not even read what it must not show.
import { Prisma } from "#app/generated/prisma/client.ts";
import type {
  Country,
  EvidenceKind,
  NoteVisibility,
  OfficialStatus,
  Role,
  Status,
} from "#app/generated/prisma/enums.ts";
import { statusOrder } from "#app/components/status-badge.tsx";
import {
  countRecordedAfter,
  countsAsOf,
  findItemsAsOf,
  itemsAsOfSql,
  type CatalogueCursor,
  type ItemAsOf,
  type StatusCounts,
} from "#app/modules/recommendations/as-of.server.ts";
import type { ItemFilters } from "#app/modules/recommendations/filters.ts";
import { describeFilters } from "#app/modules/recommendations/filter-words.server.ts";
import { shownPersonName } from "#app/modules/tracking/people.ts";
import { publicPerson } from "#app/modules/tracking/people.server.ts";
import { dayEndInstant, dayIn, dayOf, dayStartInstant, isDay, timeZone } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { sqlRows } from "#app/utils/sql.server.ts";
import {
  localizedReference,
  localizedTitle,
  translator,
  type Locale,
  type Translate,
} from "#app/utils/i18n.ts";
import type { ReportQuery } from "./report-query.ts";
import {
  relationLabel,
  type RelationDirection,
  type RelationType,
} from "#app/modules/relations/relation-types.ts";

const sql = Prisma.sql;

/** Public: anonymous readers. Staff: any logged-in user. */
export type Audience = "public" | "staff";

export type ReportRequest = ReportQuery & {
  audience: Audience;
  /** Scheme, host and port of the site, for the links in the report. */
  origin: string;
  generatedAt: Date;
};

export type Labelled<T extends string> = { code: T; label: string };
export type StatusCountMap = Record<Status, number>;
export type CountRow = { code: string; title: string; total: number; counts: StatusCountMap };

export type ReportSummary = {
  generatedAt: Date;
  /** The tracker's zone (TIME_ZONE): the report's times are shown in it, with its name. */
  timeZone: string;
  asOf: string;
  /** True when the report shows the current state (no as-of date, or today's). */
  current: boolean;
  /**
   * How many of its changes, dated on or before the as-of date, were recorded after that day
   * (corrections); 0 for the current state.
   */
  recordedAfterAsOf: number;
  from: string;
  language: Locale;
  audience: Audience;
  filters: ItemFilters;
  /** The filters in words, in the report's language, with the names of what the codes stand for. */
  filterDescriptions: Array<{ key: string; label: string; value: string }>;
  total: number;
  byStatus: Array<Labelled<Status> & { count: number }>;
  bySource: CountRow[];
  byGoal: CountRow[];
};

export type ReportItem = {
  id: string;
  url: string;
  source: { code: string; title: string };
  reference: string;
  /** The reference in the report's language. */
  localizedReference: string;
  title: string;
  titleEs: string | null;
  /** The title in the report's language. */
  localizedTitle: string;
  actors: Array<{ code: string; name: string; abbreviation: string | null }>;
  goals: string[];
  country: Labelled<Country>;
  status: Labelled<Status>;
  officialStatus: (Labelled<OfficialStatus> & { asOf: string | null }) | null;
  lastChange: {
    date: string;
    from: Labelled<Status>;
    to: Labelled<Status>;
    summary: string;
    /** Staff: the name; public: the name, display name or role (see the top of this file). */
    recordedBy?: string | null;
  } | null;
  latestEvidence: {
    kind: EvidenceKind;
    title: string;
    url: string;
    date: string;
    /** A link's newest archived copy fetched by the end of the as-of day: when, and its hash. */
    archivedAt: Date | null;
    archiveSha256: string | null;
  } | null;
  lastVerifiedAt: Date | null;
  /** Staff: the latest note, internal or public. Public: the latest public note. */
  latestNote: {
    visibility: Labelled<NoteVisibility>;
    body: string;
    date: string;
    /** Staff: the name; public: the name, display name or role (see the top of this file). */
    author?: string | null;
  } | null;
  /**
   * Its related items (relations/), both ways, read from this item ("follows up", "followed up
   * by"): links made by the end of the as-of day to items present on it.
   */
  relations: Array<{
    type: RelationType;
    direction: RelationDirection;
    /** The type read from this item, in the report's language. */
    label: string;
    itemId: string;
    reference: string;
    source: string;
    reason: string;
  }>;
};

export type HistoryEntry = {
  id: string;
  kind: "status" | "official";
  date: string;
  itemId: string;
  reference: string;
  localizedTitle: string;
  from: Labelled<string> | null;
  to: Labelled<string> | null;
  /** Status changes only. */
  summary: string | null;
  /** Staff: the name; public: the name, display name or role (see the top of this file). */
  recordedBy?: string | null;
};

export const ITEM_BATCH_SIZE = 500;
const HISTORY_BATCH_SIZE = 1000;

export const isoDay = (date: Date): string => dayOf(date);

/**
 * Who recorded something (the user whose id is in `userId`), read as the report's audience may
 * read them: staff the name (text); the public what publicPerson (tracking/people.server.ts)
 * needs to name them as the item page does (an object), the name only where its person chose so.
 * Never an id or email. recorderName turns either into the words the report shows.
 */
function recorderSql(request: ReportRequest, userId: Prisma.Sql): Prisma.Sql {
  if (request.audience === "staff") {
    return sql`(SELECT u.name FROM "User" u WHERE u.id = ${userId})`;
  }
  return sql`(SELECT json_build_object(
      'name', CASE WHEN u."showNamePublicly" THEN u.name END,
      'showNamePublicly', u."showNamePublicly", 'publicName', u."publicName", 'role', u.role)
    FROM "User" u WHERE u.id = ${userId})`;
}

/** A recorder as recorderSql read them: a staff report's name, or the public's view of them. */
type Recorder =
  | string
  | { name: string | null; showNamePublicly: boolean; publicName: string | null; role: Role }
  | null;

function recorderName(t: Translate, recorder: Recorder): string | null {
  if (recorder === null || typeof recorder === "string") return recorder;
  return shownPersonName(t, publicPerson({ ...recorder, name: recorder.name ?? "" }));
}

/**
 * The last check as known at the end of `day`, or null. The audit trail holds an instant, or, in
 * an import's record of the value it replaced, the day of the check in the tracker's zone (which
 * stands for the start of that day there, not UTC's midnight, or the day would move back a day
 * west of UTC).
 */
export function checkKnownBy(at: string | null, day: string): Date | null {
  if (!at) return null;
  const checked = isDay(at) ? dayStartInstant(at) : new Date(at);
  return checked.getTime() < endOfDay(day).getTime() ? checked : null;
}

let lastEnd: { day: string; zone: string; end: Date } | undefined;

/**
 * dayEndInstant, remembered for the last day asked: a report asks it for every item and always
 * for the same day, and each answer costs a fraction of a millisecond (Intl), seconds in all at
 * 10,000 items.
 */
function endOfDay(day: string): Date {
  const zone = timeZone();
  if (lastEnd?.day !== day || lastEnd.zone !== zone) {
    lastEnd = { day, zone, end: dayEndInstant(day, zone) };
  }
  return lastEnd.end;
}

function fullCounts(counts: StatusCounts | undefined): StatusCountMap {
  return Object.fromEntries(
    statusOrder.map((status) => [status, counts?.[status] ?? 0]),
  ) as StatusCountMap;
}

const sumOf = (counts: StatusCountMap) => statusOrder.reduce((sum, s) => sum + counts[s], 0);

/** Counts by status, overall and per source and per top-level goal, on the as-of date. */
export async function reportSummary(request: ReportRequest): Promise<ReportSummary> {
  const t = translator(request.language);
  const [counts, recordedAfterAsOf] = await Promise.all([
    countsAsOf(request.filters, request.asOf, request.generatedAt),
    countRecordedAfter(request.filters, request.asOf, request.generatedAt),
  ]);
  const [sources, goals, filterDescriptions] = await Promise.all([
    prisma.source.findMany({
      where: { id: { in: [...counts.bySource.keys()] } },
      select: { id: true, code: true, title: true, titleEs: true },
      orderBy: { code: "asc" },
    }),
    prisma.goal.findMany({
      where: { id: { in: [...counts.byGoal.keys()] } },
      select: { id: true, code: true, title: true, titleEs: true },
      orderBy: [{ position: "asc" }, { code: "asc" }],
    }),
    describeFilters(request.filters, request.language),
  ]);
  const row = (
    record: { id: string; code: string; title: string; titleEs: string | null },
    map: Map<string, StatusCounts>,
  ): CountRow => {
    const rowCounts = fullCounts(map.get(record.id));
    return {
      code: record.code,
      title: localizedTitle(request.language, record),
      total: sumOf(rowCounts),
      counts: rowCounts,
    };
  };
  const byStatus = fullCounts(counts.byStatus);
  return {
    generatedAt: request.generatedAt,
    timeZone: timeZone(),
    asOf: request.asOfDay,
    current: request.asOf === null,
    recordedAfterAsOf,
    from: request.from,
    language: request.language,
    audience: request.audience,
    filters: request.filters,
    filterDescriptions,
    total: counts.total,
    byStatus: statusOrder.map((code) => ({
      code,
      label: t(`status.${code}`),
      count: byStatus[code],
    })),
    bySource: sources.map((source) => row(source, counts.bySource)),
    // Goals sort numerically by code ("2" before "10") even when positions are equal.
    byGoal: goals
      .map((goal) => row(goal, counts.byGoal))
      .sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true })),
  };
}

type ChangeRow = {
  itemId: string;
  fromStatus: Status;
  toStatus: Status;
  summary: string;
  occurredOn: Date;
  recordedBy: Recorder;
};
type EvidenceRow = {
  itemId: string;
  id: string;
  kind: EvidenceKind;
  url: string | null;
  title: string;
  day: Date;
  archive: { fetchedAt: string; sha256: string } | null;
};
type NoteRow = {
  itemId: string;
  body: string;
  visibility: NoteVisibility;
  createdAt: Date;
  author: Recorder;
};

type RecordRow = {
  id: string;
  reference: string;
  referenceEs: string | null;
  title: string;
  titleEs: string | null;
  country: Country;
  /** When the item's status was last checked, as known at the end of the as-of day. */
  verified: { at: string | null };
  source: { code: string; title: string; titleEs: string | null };
  actors: Array<{
    code: string;
    name: string;
    nameEs: string | null;
    abbreviation: string | null;
  }>;
  goals: string[];
  change: (Omit<ChangeRow, "itemId" | "occurredOn"> & { occurredOn: string }) | null;
  evidence: (Omit<EvidenceRow, "itemId" | "day"> & { day: string }) | null;
  note: (Omit<NoteRow, "itemId" | "createdAt"> & { createdAt: string }) | null;
  relations: Array<Omit<ReportItem["relations"][number], "label">>;
};

/**
 * The details of one batch of items in one query, whatever the batch's size: the record, its
 * source, actors and goals, and its last change, latest evidence and latest note on the as-of
 * date (each by an index on the item). Nested values come as JSON, built by the database.
 */
async function batchDetails(ids: string[], request: ReportRequest) {
  const staff = request.audience === "staff";
  const until = request.asOfDay;
  const end = dayEndInstant(until);
  // Evidence without a documented day counts from the day it was added, in the tracker's zone.
  const addedOn = sql`(e."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone()})::date`;
  const rows = await sqlRows<RecordRow[]>(sql`
    SELECT r.id, r.reference, r."referenceEs", r.title, r."titleEs", r.country,
      json_build_object('code', s.code, 'title', s.title, 'titleEs', s."titleEs") AS source,
      COALESCE((SELECT json_agg(json_build_object('code', a.code, 'name', a.name,
          'nameEs', a."nameEs", 'abbreviation', a.abbreviation) ORDER BY a.code)
        FROM "_ActorToRecommendation" ar JOIN "Actor" a ON a.id = ar."A"
        WHERE ar."B" = r.id), '[]'::json) AS actors,
      COALESCE((SELECT json_agg(g.code ORDER BY g.position, g.code)
        FROM "_GoalToRecommendation" gr JOIN "Goal" g ON g.id = gr."A"
        WHERE gr."B" = r.id), '[]'::json) AS goals,
      (SELECT json_build_object('fromStatus', sc."fromStatus", 'toStatus', sc."toStatus",
          'summary', sc.summary, 'occurredOn', sc."occurredOn",
          'recordedBy', ${recorderSql(request, sql`sc."createdById"`)})
        FROM "StatusChange" sc
        WHERE sc."recommendationId" = r.id AND sc."occurredOn" <= ${until}::date
        ORDER BY sc."occurredOn" DESC, sc."createdAt" DESC, sc.id DESC LIMIT 1) AS change,
      (SELECT json_build_object('id', e.id, 'kind', e.kind, 'url', e.url, 'title', e.title,
          'day', COALESCE(e."documentedOn", ${addedOn}),
          -- The copy the tracker held at the end of the day: a later one never rewrites it.
          'archive', (SELECT json_build_object('fetchedAt', c."fetchedAt", 'sha256', c.sha256)
            FROM "ArchivedLink" l JOIN "ArchivedCopy" c ON c."linkId" = l.id
            WHERE l."evidenceId" = e.id AND c."fetchedAt" < ${end}
            ORDER BY c."fetchedAt" DESC, c.id DESC LIMIT 1))
        FROM "Evidence" e
        WHERE e."recommendationId" = r.id
          AND (e."archivedAt" IS NULL OR e."archivedAt" >= ${end})
          AND COALESCE(e."documentedOn", ${addedOn}) <= ${until}::date
        ORDER BY COALESCE(e."documentedOn", ${addedOn}) DESC, e."createdAt" DESC, e.id DESC
        LIMIT 1) AS evidence,
      (SELECT json_build_object('body', n.body, 'visibility', n.visibility,
          'createdAt', n."createdAt",
          'author', ${recorderSql(request, sql`n."authorId"`)})
        FROM (
          -- Each note as it read at the end of the day: an edit keeps the text it replaced as a
          -- revision, so the first revision written after the day holds the text of that day.
          SELECT n.id, n."authorId", n."createdAt",
            COALESCE(v.body, n.body) AS body, COALESCE(v.visibility, n.visibility) AS visibility
          FROM "Note" n
          LEFT JOIN LATERAL (
            SELECT nr.body, nr.visibility FROM "NoteRevision" nr
            WHERE nr."noteId" = n.id AND nr."createdAt" >= ${end}
            ORDER BY nr."createdAt" ASC, nr.id ASC LIMIT 1
          ) v ON true
          WHERE n."recommendationId" = r.id AND n."createdAt" < ${end}
            AND (n."deletedAt" IS NULL OR n."deletedAt" >= ${end})
        ) n
        ${staff ? Prisma.empty : sql`WHERE n.visibility = 'public'::"NoteVisibility"`}
        ORDER BY n."createdAt" DESC, n.id DESC LIMIT 1) AS note,
      -- The last check known at the end of the day: a later check's audit event holds the one
      -- it replaced.
      COALESCE((SELECT json_build_object('at', a.before->'lastVerifiedAt') FROM "AuditEvent" a
          WHERE a."entityType" = 'Recommendation' AND a."entityId" = r.id AND a.at >= ${end}
            AND a.before ? 'lastVerifiedAt'
          ORDER BY a.at ASC, a.id ASC LIMIT 1),
        json_build_object('at', to_char(r."lastVerifiedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        AS verified,
      -- Related items both ways: links made by the end of the day, to items present on it.
      COALESCE((SELECT json_agg(json_build_object('type', x.type, 'direction', x.direction,
            'itemId', o.id, 'reference', o.reference, 'source', os.code, 'reason', x.reason)
            ORDER BY x.type, x.direction DESC, o.reference, o.id)
        FROM (
          SELECT ir.type, 'outgoing' AS direction, ir."toId" AS other, ir.reason, ir."createdAt"
          FROM "ItemRelation" ir WHERE ir."fromId" = r.id
          UNION ALL
          SELECT ir.type, 'incoming', ir."fromId", ir.reason, ir."createdAt"
          FROM "ItemRelation" ir WHERE ir."toId" = r.id
        ) x
        JOIN "Recommendation" o ON o.id = x.other JOIN "Source" os ON os.id = o."sourceId"
        WHERE x."createdAt" < ${end} AND (o."archivedAt" IS NULL OR o."archivedAt" >= ${end})),
        '[]'::json) AS relations
    FROM "Recommendation" r JOIN "Source" s ON s.id = r."sourceId"
    WHERE r.id = ANY(${ids}::text[])`);
  return new Map(rows.map((row) => [row.id, row]));
}

type Batch = { rows: ItemAsOf[]; details: Awaited<ReturnType<typeof batchDetails>> };

/** How many batches' details the database reads at once, ahead of the one being written. */
const READ_AHEAD = 3;

/**
 * The report's batches in order, read ahead: each batch's ids come from a quick keyset query
 * (which needs the previous batch's last row), and its details, the costly part, are read while
 * earlier batches are written out, up to READ_AHEAD at a time: the database and the writer work
 * side by side. At most READ_AHEAD + 1 batches are held.
 */
async function* readAhead(request: ReportRequest, batchSize: number): AsyncGenerator<Batch> {
  const pending: Array<Promise<Batch>> = [];
  let after: CatalogueCursor | undefined;
  let more = true;
  try {
    while (more || pending.length > 0) {
      while (more && pending.length < READ_AHEAD) {
        const rows = await findItemsAsOf({
          filters: request.filters,
          asOf: request.asOf,
          limit: batchSize,
          after,
          now: request.generatedAt,
        });
        more = rows.length === batchSize;
        if (rows.length === 0) break;
        const last = rows[rows.length - 1]!;
        after = { position: last.position, createdAt: last.createdAt, id: last.id };
        const batch = batchDetails(
          rows.map((row) => row.id),
          request,
        ).then((details) => ({ rows, details }));
        // Read ahead and perhaps never asked for (the reader left): never an unhandled error.
        batch.catch(() => {});
        pending.push(batch);
      }
      const next = pending.shift();
      if (!next) return;
      yield await next;
    }
  } finally {
    pending.length = 0;
  }
}

/**
 * Every item of the report, in catalogue order, a batch at a time. Only one batch is held at a
 * time, so a consumer that writes each batch out before asking for the next keeps memory flat.
 */
export async function* reportItemBatches(
  request: ReportRequest,
  batchSize = ITEM_BATCH_SIZE,
): AsyncGenerator<ReportItem[]> {
  const t = translator(request.language);
  const language = request.language;
  for await (const { rows, details } of readAhead(request, batchSize)) {
    const items: ReportItem[] = [];
    for (const row of rows) {
      const record = details.get(row.id);
      if (!record) continue;
      const { change, evidence, note } = record;
      items.push({
        id: record.id,
        url: `${request.origin}/recommendations/${record.id}`,
        source: { code: record.source.code, title: localizedTitle(language, record.source) },
        reference: record.reference,
        localizedReference: localizedReference(language, record),
        title: record.title,
        titleEs: record.titleEs,
        localizedTitle: localizedTitle(language, record),
        actors: record.actors.map((actor) => ({
          code: actor.code,
          name: language === "es" && actor.nameEs ? actor.nameEs : actor.name,
          abbreviation: actor.abbreviation,
        })),
        goals: record.goals,
        country: { code: record.country, label: t(`country.${record.country}`) },
        status: { code: row.status, label: t(`status.${row.status}`) },
        officialStatus: row.officialStatus
          ? {
              code: row.officialStatus,
              label: t(`officialStatus.${row.officialStatus}`),
              asOf: row.officialAsOf ? isoDay(row.officialAsOf) : null,
            }
          : null,
        lastChange: change
          ? {
              date: change.occurredOn.slice(0, 10),
              from: { code: change.fromStatus, label: t(`status.${change.fromStatus}`) },
              to: { code: change.toStatus, label: t(`status.${change.toStatus}`) },
              summary: change.summary,
              recordedBy: recorderName(t, change.recordedBy),
            }
          : null,
        latestEvidence: evidence
          ? {
              kind: evidence.kind,
              title: evidence.title,
              url:
                evidence.kind === "link" && evidence.url
                  ? evidence.url
                  : `${request.origin}/evidence/${evidence.id}`,
              date: evidence.day.slice(0, 10),
              // json_build_object writes timestamps without a zone: they are UTC.
              archivedAt: evidence.archive ? new Date(`${evidence.archive.fetchedAt}Z`) : null,
              archiveSha256: evidence.archive?.sha256 ?? null,
            }
          : null,
        // A check dated after the day (an import can set one) was not known on it.
        lastVerifiedAt: checkKnownBy(record.verified.at, request.asOfDay),
        latestNote: note
          ? {
              visibility: {
                code: note.visibility,
                label: t(`reportFile.noteVisibility.${note.visibility}`),
              },
              body: note.body,
              // Written at an instant (UTC, as the column holds it): its day in the tracker's zone.
              date: dayIn(new Date(`${note.createdAt}Z`)),
              author: recorderName(t, note.author),
            }
          : null,
        relations: record.relations.map((relation) => ({
          ...relation,
          label: relationLabel(language, relation.type, relation.direction),
        })),
      });
    }
    yield items;
  }
}

type HistoryRow = {
  id: string;
  kind: "status" | "official";
  day: Date;
  at: Date;
  itemId: string;
  reference: string;
  title: string;
  titleEs: string | null;
  fromValue: string | null;
  toValue: string | null;
  summary: string | null;
  recordedBy: Recorder;
};

/**
 * The changes of the period [from, as-of date] of the items in the report: status changes by the
 * day they happened, and changes of the official status by the issuer's date. Oldest first.
 */
export async function* reportHistoryBatches(
  request: ReportRequest,
  batchSize = HISTORY_BATCH_SIZE,
): AsyncGenerator<HistoryEntry[]> {
  const t = translator(request.language);
  const who = (alias: string) => recorderSql(request, sql`${Prisma.raw(alias)}."createdById"`);
  let cursor: { day: Date; at: Date; id: string } | undefined;
  for (;;) {
    const rows = await sqlRows<HistoryRow[]>(sql`
      WITH i AS MATERIALIZED ${itemsAsOfSql(request.filters, request.asOf, request.generatedAt)},
      h AS (
        SELECT sc.id, 'status' AS kind, sc."occurredOn" AS day, sc."createdAt" AS at,
          sc."recommendationId" AS "itemId", sc."fromStatus"::text AS "fromValue",
          sc."toStatus"::text AS "toValue", sc.summary, ${who("sc")} AS "recordedBy"
        FROM "StatusChange" sc JOIN i ON i.id = sc."recommendationId"
        WHERE sc."occurredOn" BETWEEN ${request.from}::date AND ${request.asOfDay}::date
        UNION ALL
        SELECT c.id, 'official', c."asOf", c."createdAt", c."recommendationId",
          c."fromStatus"::text, c."toStatus"::text, NULL, ${who("c")}
        FROM "OfficialStatusChange" c JOIN i ON i.id = c."recommendationId"
        WHERE c."asOf" BETWEEN ${request.from}::date AND ${request.asOfDay}::date
          AND c."fromStatus" IS DISTINCT FROM c."toStatus"
      )
      SELECT h.*, r.reference, r.title, r."titleEs"
      FROM h JOIN "Recommendation" r ON r.id = h."itemId"
      ${cursor ? sql`WHERE (h.day, h.at, h.id) > (${cursor.day}::date, ${cursor.at}, ${cursor.id})` : Prisma.empty}
      ORDER BY h.day, h.at, h.id
      LIMIT ${batchSize}`);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    cursor = { day: last.day, at: last.at, id: last.id };
    const label = (kind: HistoryRow["kind"], value: string | null) => {
      if (!value) return null;
      return kind === "status"
        ? { code: value, label: t(`status.${value as Status}`) }
        : { code: value, label: t(`officialStatus.${value as OfficialStatus}`) };
    };
    yield rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      date: isoDay(row.day),
      itemId: row.itemId,
      reference: row.reference,
      localizedTitle: localizedTitle(request.language, row),
      from: label(row.kind, row.fromValue),
      to: label(row.kind, row.toValue),
      summary: row.summary,
      recordedBy: recorderName(t, row.recordedBy),
    }));
    if (rows.length < batchSize) return;
  }
}
