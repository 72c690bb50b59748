// Reads what the executive summary (summary.ts) needs beyond the report's counts: for each item
// of the report, its status, official status, due date and last check on the as-of day, and the
// status changes of the period. Through `sqlRows`, so that it runs in an export's worker thread
// too. Two statements whatever the size.
import { Prisma } from "#app/generated/prisma/client.ts";
import type { OfficialStatus, Status } from "#app/generated/prisma/enums.ts";
import { itemsAsOfSql, officialOnDayRows } from "#app/modules/recommendations/as-of.server.ts";
import { staleBefore } from "#app/modules/tracking/stale.ts";
import { dayEndInstant } from "#app/utils/dates.ts";
import { localizedReference } from "#app/utils/i18n.ts";
import { sqlRows } from "#app/utils/sql.server.ts";
import { checkKnownBy, type ReportRequest, type ReportSummary } from "./report-data.server.ts";
import {
  executiveSummary,
  type ExecutiveSummary,
  type ItemFact,
  type MoveFact,
} from "./summary.ts";

const sql = Prisma.sql;

type ItemRow = {
  id: string;
  reference: string;
  referenceEs: string | null;
  status: Status;
  officialStatus: OfficialStatus | null;
  dueDate: string | null;
  verified: { at: string | null };
};

type MoveRow = Omit<MoveFact, "reference"> & { reference: string; referenceEs: string | null };

/** The official status on the as-of day, as as-of.server.ts rebuilds it. */
function officialOnDay(request: ReportRequest): Prisma.Sql {
  if (!request.asOf) return sql`r."statusOfficial"`;
  return sql`(SELECT p.st ${officialOnDayRows(request.asOf)})`;
}

/** The summary's facts, in catalogue order. */
async function itemFacts(request: ReportRequest): Promise<ItemFact[]> {
  const end = dayEndInstant(request.asOfDay);
  const rows = await sqlRows<ItemRow[]>(sql`
    SELECT i.id, r.reference, r."referenceEs", i.status,
      ${officialOnDay(request)} AS "officialStatus",
      to_char(r."dueDate", 'YYYY-MM-DD') AS "dueDate",
      -- The last check known at the end of the day, as the report's items read it
      -- (report-data.server.ts): a later check's audit event holds the one it replaced.
      COALESCE((SELECT json_build_object('at', a.before->'lastVerifiedAt') FROM "AuditEvent" a
          WHERE a."entityType" = 'Recommendation' AND a."entityId" = r.id AND a.at >= ${end}
            AND a.before ? 'lastVerifiedAt'
          ORDER BY a.at ASC, a.id ASC LIMIT 1),
        json_build_object('at', to_char(r."lastVerifiedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        AS verified
    FROM ${itemsAsOfSql(request.filters, request.asOf, request.generatedAt)} i
    JOIN "Recommendation" r ON r.id = i.id
    ORDER BY i.position, i."createdAt", i.id`);
  return rows.map((row) => ({
    id: row.id,
    reference: localizedReference(request.language, row),
    status: row.status,
    officialStatus: row.officialStatus,
    dueDate: row.dueDate,
    lastVerifiedAt: checkKnownBy(row.verified.at, request.asOfDay),
  }));
}

/**
 * Each item whose status changed in the period [from, as-of day]: its status before the first
 * change and after the last (by the day they happened, then when they were entered, as the
 * as-of rule orders them), the last one's day and how many there were.
 */
async function moveFacts(request: ReportRequest): Promise<MoveFact[]> {
  const rows = await sqlRows<MoveRow[]>(sql`
    WITH i AS MATERIALIZED ${itemsAsOfSql(request.filters, request.asOf, request.generatedAt)},
    c AS (
      SELECT sc."recommendationId" AS id,
        (array_agg(sc."fromStatus" ORDER BY sc."occurredOn", sc."createdAt", sc.id))[1] AS "from",
        (array_agg(sc."toStatus" ORDER BY sc."occurredOn" DESC, sc."createdAt" DESC, sc.id DESC))[1] AS "to",
        to_char(max(sc."occurredOn"), 'YYYY-MM-DD') AS date,
        count(*)::int AS changes
      FROM "StatusChange" sc JOIN i ON i.id = sc."recommendationId"
      WHERE sc."occurredOn" BETWEEN ${request.from}::date AND ${request.asOfDay}::date
      GROUP BY sc."recommendationId"
    )
    SELECT c.*, r.reference, r."referenceEs"
    FROM c JOIN "Recommendation" r ON r.id = c.id
    ORDER BY r.position, r."createdAt", r.id`);
  return rows.map(({ referenceEs, ...row }) => ({
    ...row,
    reference: localizedReference(request.language, { reference: row.reference, referenceEs }),
  }));
}

/** The executive summary of a report whose counts `summary` holds. */
export async function readExecutiveSummary(
  request: ReportRequest,
  summary: Pick<ReportSummary, "byStatus">,
): Promise<ExecutiveSummary> {
  const [items, moves] = await Promise.all([itemFacts(request), moveFacts(request)]);
  // The 90 days run to the moment the report describes: the end of a past day, or now.
  const reference = request.asOf ? dayEndInstant(request.asOfDay) : request.generatedAt;
  return executiveSummary({
    language: request.language,
    byStatus: summary.byStatus,
    items,
    moves,
    asOfDay: request.asOfDay,
    staleBefore: staleBefore(reference),
  });
}
