// Optimistic locking for every editable record: a save names the version the user loaded; inside
// the transaction the row is locked and its version compared, so that of two saves of the same
// version exactly one is kept and the other gets a VersionConflictError telling what changed.
import { Prisma } from "#app/generated/prisma/client.ts";
import type { Tx } from "#app/utils/db.server.ts";
import {
  NotFoundError,
  VersionConflictError,
  type ConflictChange,
} from "#app/utils/domain-errors.ts";

export type VersionedEntity =
  "Recommendation" | "Source" | "Actor" | "Goal" | "Tag" | "Evidence" | "Note";

const tables: Record<VersionedEntity, Prisma.Sql> = {
  Recommendation: Prisma.raw(`"Recommendation"`),
  Source: Prisma.raw(`"Source"`),
  Actor: Prisma.raw(`"Actor"`),
  Goal: Prisma.raw(`"Goal"`),
  Tag: Prisma.raw(`"Tag"`),
  Evidence: Prisma.raw(`"Evidence"`),
  Note: Prisma.raw(`"Note"`),
};

/**
 * Locks the row until the transaction ends (other saves of it wait) and returns its version, or
 * throws NotFoundError. FOR NO KEY UPDATE does not block rows that only reference it (evidence,
 * notes being added meanwhile).
 */
export async function lockRow(tx: Tx, entity: VersionedEntity, id: string): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ version: number }>>`
    SELECT "version" FROM ${tables[entity]} WHERE "id" = ${id} FOR NO KEY UPDATE`;
  const row = rows[0];
  if (!row) throw new NotFoundError(entity, id);
  return row.version;
}

/** The audit events of a record saved after `version`, oldest first: what the user did not see. */
export async function changesSince(
  tx: Tx,
  entity: VersionedEntity,
  id: string,
  version: number,
): Promise<ConflictChange[]> {
  const events = await tx.auditEvent.findMany({
    where: { entityType: entity, entityId: id, after: { path: ["version"], gt: version } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: {
      at: true,
      action: true,
      before: true,
      after: true,
      actor: { select: { id: true, name: true } },
    },
  });
  return events.map((event) => ({
    at: event.at,
    action: event.action,
    actor: event.actor,
    before: asRecord(event.before),
    after: asRecord(event.after),
  }));
}

function asRecord(value: Prisma.JsonValue): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * Throws a VersionConflictError when the stored version (read under lockRow) is not the one the
 * user loaded, with the record's current values (from `current`) and the changes since.
 * Returns the version the save will write (expectedVersion + 1).
 */
export async function assertVersion<T extends Record<string, unknown>>(
  tx: Tx,
  entity: VersionedEntity,
  id: string,
  expected: { expectedVersion: number; storedVersion: number },
  current: () => Promise<T>,
): Promise<number> {
  const { expectedVersion, storedVersion } = expected;
  if (storedVersion !== expectedVersion) {
    throw new VersionConflictError<T>({
      entityType: entity,
      entityId: id,
      expectedVersion,
      currentVersion: storedVersion,
      current: await current(),
      changes: await changesSince(tx, entity, id, expectedVersion),
    });
  }
  return storedVersion + 1;
}

/** lockRow then assertVersion: the usual start of a save. Returns the new version. */
export async function lockAndCheckVersion<T extends Record<string, unknown>>(
  tx: Tx,
  entity: VersionedEntity,
  id: string,
  expectedVersion: number,
  current: () => Promise<T>,
): Promise<number> {
  const storedVersion = await lockRow(tx, entity, id);
  return assertVersion(tx, entity, id, { expectedVersion, storedVersion }, current);
}

/** Prisma's unique-constraint error, on `field` when given? */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") {
    return false;
  }
  if (!field) return true;
  // Without a driver adapter Prisma names the fields in meta.target; through @prisma/adapter-pg
  // in meta.driverAdapterError.cause.constraint.fields.
  const meta = error.meta as
    | {
        target?: unknown;
        driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } };
      }
    | undefined;
  const fields = [meta?.target, meta?.driverAdapterError?.cause?.constraint?.fields].flatMap(
    (list) => (Array.isArray(list) ? list : typeof list === "string" ? [list] : []),
  );
  return fields.includes(field);
}
