// The audit log as CSV: the events the page's filters select, all of them, newest first, read
// from the database a batch at a time and streamed to the reader (memory holds one batch). The
// same text the page shows (labels, names, changes in the reader's language), plus the raw
// recorded values; cells that a spreadsheet would run as formulas are neutralised.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { resolveAuditRefs } from "#app/modules/catalogue/audit-page.server.ts";
import { byteStream, type ByteSink } from "#app/modules/reports/byte-stream.server.ts";
import { writeCsvRows } from "#app/modules/reports/csv.server.ts";
import { currentDay } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { translator, type Locale, type MessageKey } from "#app/utils/i18n.ts";
import { auditEventSelect, auditWhere, type AuditQuery } from "./audit-query.server.ts";
import {
  auditActionLabel,
  auditActorLabel,
  auditChanges,
  auditEntityTypeLabel,
  changeText,
  refKey,
} from "./audit-values.ts";

export const AUDIT_CSV_BATCH = 500;

export const auditCsvColumns = [
  "at",
  "who",
  "whoEmail",
  "action",
  "actionCode",
  "recordKind",
  "record",
  "recordId",
  "changes",
  "before",
  "after",
] as const;

const eventSelect = auditEventSelect;

type EventRow = Prisma.AuditEventGetPayload<{ select: typeof eventSelect }>;

/** The events of `query`, newest first, in batches: each batch starts after the last one read. */
export async function* auditEventBatches(
  query: Omit<AuditQuery, "page">,
  batchSize = AUDIT_CSV_BATCH,
): AsyncGenerator<EventRow[]> {
  const where = auditWhere(query);
  let last: { at: Date; id: bigint } | null = null;
  for (;;) {
    const after: Prisma.AuditEventWhereInput = last
      ? { OR: [{ at: { lt: last.at } }, { at: last.at, id: { lt: last.id } }] }
      : {};
    const rows: EventRow[] = await prisma.auditEvent.findMany({
      where: { AND: [where, after] },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: batchSize,
      select: eventSelect,
    });
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    const end = rows[rows.length - 1]!;
    last = { at: end.at, id: end.id };
  }
}

const json = (value: Prisma.JsonValue | null) => (value === null ? "" : JSON.stringify(value));

/** Writes the CSV of `query`'s events into `sink`, headed in `locale`. */
export async function writeAuditCsv(
  query: Omit<AuditQuery, "page">,
  locale: Locale,
  sink: ByteSink,
): Promise<void> {
  const t = translator(locale);
  async function* rows() {
    for await (const batch of auditEventBatches(query)) {
      const refs = await resolveAuditRefs(batch);
      yield batch.map((event) => {
        const record = refs[refKey(event.entityType, event.entityId)];
        return {
          at: event.at.toISOString(),
          who: auditActorLabel(t, event),
          whoEmail: event.actor?.email ?? "",
          action: auditActionLabel(t, event.action),
          actionCode: event.action,
          recordKind: auditEntityTypeLabel(t, event.entityType),
          record: record?.label ?? "",
          recordId: event.entityId,
          changes: auditChanges(event, { t, locale, refs }).map(changeText).join("\n"),
          before: json(event.before),
          after: json(event.after),
        };
      });
    }
  }
  await writeCsvRows(
    auditCsvColumns.map((key) => ({
      key,
      header: t(`hardeningDomain.auditCsv.columns.${key}` as MessageKey),
    })),
    rows(),
    sink,
  );
}

/** The download: a streamed CSV named after today's date, never cached. */
export function auditCsvResponse(query: Omit<AuditQuery, "page">, locale: Locale): Response {
  const body = byteStream("audit csv", (sink) => writeAuditCsv(query, locale, sink));
  const fileName = `audit-log-${currentDay()}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
