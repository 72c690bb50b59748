import type { Prisma } from "#app/generated/prisma/client.ts";
import type { Tx } from "#app/utils/db.server.ts";

export type AuditInput = {
  /** Who made the change; null for the system (seeding, first-admin bootstrap). */
  actorId: string | null;
  /** What happened, as "<thing>.<verb>", e.g. "recommendation.status_changed", "user.disabled". */
  action: string;
  /** The Prisma model name of what changed, e.g. "Recommendation", "User". */
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Dates as ISO strings, bigints as strings, undefined dropped: what a Json column holds. */
export function toAuditJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) =>
      typeof item === "bigint" ? item.toString() : item,
    ),
  ) as Prisma.InputJsonValue;
}

/**
 * Writes an audit event. Takes the transaction client on purpose: the event must be written in
 * the same transaction as the change, so that both are kept or both rolled back.
 */
export async function recordAudit(tx: Tx, event: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: toAuditJson(event.before),
      after: toAuditJson(event.after),
    },
  });
}

/** Only the fields that differ, as { before, after }; empty objects when nothing changed. */
export function auditDiff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const a = JSON.stringify(before[key]);
    const b = JSON.stringify(after[key]);
    if (a !== b) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}
