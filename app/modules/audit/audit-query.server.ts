// Reading the audit trail: who changed what, when, newest first, filtered by person, kind of
// record, record and time.
import { z } from "zod";
import { Prisma } from "#app/generated/prisma/client.ts";
import { dayEndInstant, dayStartInstant, isDay } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { sqlRows } from "#app/utils/sql.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";

export const AUDIT_PAGE_SIZE = 50;

export type AuditQuery = {
  /** The user who made the changes. */
  actorId?: string;
  /** The Prisma model name: "Recommendation", "Source", "Note", … */
  entityType?: string;
  entityId?: string;
  /** Events at or after this instant. */
  from?: Date;
  /** Events at or before this instant (inclusive). */
  to?: Date;
  /** 1-based. */
  page: number;
};

export type AuditEventView = {
  /** The event's number (a bigint in the database), as text. */
  id: string;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  /** Null for the system (seeding) or a deleted user. */
  actor: { id: string; name: string; email: string } | null;
  before: Prisma.JsonValue | null;
  after: Prisma.JsonValue | null;
};

export type AuditPage = {
  items: AuditEventView[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** Every entity type in the trail, for the filter menu. */
  entityTypes: string[];
};

/** The events a query's filters select (its page aside). */
export function auditWhere(query: Omit<AuditQuery, "page">): Prisma.AuditEventWhereInput {
  return {
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.from || query.to
      ? {
          at: {
            ...(query.from ? { gte: query.from } : {}),
            ...(query.to ? { lte: query.to } : {}),
          },
        }
      : {}),
  };
}

/** What the audit page and its CSV read of an event. */
export const auditEventSelect = {
  id: true,
  at: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  actor: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditEventSelect;

export async function listAuditEvents(query: AuditQuery): Promise<AuditPage> {
  const page = Number.isFinite(query.page) ? Math.max(1, Math.floor(query.page)) : 1;
  const where = auditWhere(query);
  const [total, rows, types] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: auditEventSelect,
    }),
    // The kinds of record in the trail, by skipping through the (entityType, entityId) index
    // one kind at a time: a few index probes, not a scan of every event.
    sqlRows<Array<{ entityType: string }>>(Prisma.sql`
      WITH RECURSIVE kinds AS (
        SELECT min("entityType") AS "entityType" FROM "AuditEvent"
        UNION ALL
        SELECT (SELECT min(a."entityType") FROM "AuditEvent" a WHERE a."entityType" > k."entityType")
        FROM kinds k WHERE k."entityType" IS NOT NULL
      )
      SELECT "entityType" FROM kinds WHERE "entityType" IS NOT NULL`),
  ]);
  return {
    items: rows.map((row) => ({ ...row, id: row.id.toString() })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    pageSize: AUDIT_PAGE_SIZE,
    entityTypes: types.map((row) => row.entityType),
  };
}

const day = (label: string) =>
  z
    .string()
    .trim()
    .refine(isDay, `${label} must be a real day (YYYY-MM-DD) from 0001-01-01 to 9999-12-31.`)
    .optional();

/**
 * The audit page's filters from its URL query: `from` and `to` are calendar days in the tracker's
 * zone (0001-01-01 to 9999-12-31), `to` including its whole day. Blank parameters mean "any".
 */
export const AuditQuerySchema = z
  .object({
    actorId: z.string().trim().max(200).optional(),
    entityType: z.string().trim().max(100).optional(),
    entityId: z.string().trim().max(200).optional(),
    from: day("From"),
    to: day("To"),
    page: z.coerce
      .number({ error: "Page must be a whole number of 1 or more." })
      .int("Page must be a whole number of 1 or more.")
      .min(1, "Page must be a whole number of 1 or more.")
      .max(1_000_000, "Page is too large.")
      .default(1),
  })
  .transform((input): AuditQuery => ({
    actorId: input.actorId || undefined,
    entityType: input.entityType || undefined,
    entityId: input.entityId || undefined,
    from: input.from ? dayStartInstant(input.from) : undefined,
    // The last millisecond of the day: `to` is inclusive.
    to: input.to ? new Date(dayEndInstant(input.to).getTime() - 1) : undefined,
    page: input.page,
  }));

/** Parses the audit page's URL query; a bad date or page is a ValidationError naming it. */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const raw: Record<string, string> = {};
  for (const key of ["actorId", "entityType", "entityId", "from", "to", "page"]) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") raw[key] = value;
  }
  const result = AuditQuerySchema.safeParse(raw);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}
