// What every catalogue editor shares: parsing "which record + its fields", unique codes as field
// errors, and archiving (the catalogue never deletes: items keep their history and links).
import type { z } from "zod";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { lockAndCheckVersion, isUniqueViolation } from "#app/modules/tracking/versioning.server.ts";
import type { VersionedEntity } from "#app/modules/tracking/versioning.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { fieldName, ValidationError } from "#app/utils/domain-errors.ts";
import { ArchiveSchema, EditKeySchema } from "./schemas.ts";

/** Parses the record key and the fields together, so that every field error is reported. */
export function parseEdit<S extends z.ZodType>(fields: S, input: unknown) {
  const key = EditKeySchema.safeParse(input);
  const values = fields.safeParse(input);
  const issues = [...(key.error?.issues ?? []), ...(values.error?.issues ?? [])];
  if (issues.length > 0 || !key.success || !values.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of issues) {
      (fieldErrors[fieldName(issue.path)] ??= []).push(issue.message);
    }
    throw new ValidationError(fieldErrors);
  }
  return { ...key.data, fields: values.data as z.output<S> };
}

/**
 * Runs a save; a unique-constraint violation on `field` (two admins creating the same code at
 * once) becomes the same ValidationError as the check made before writing.
 */
export async function guardUnique<T>(
  field: string,
  message: string,
  save: () => Promise<T>,
): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isUniqueViolation(error, field)) throw ValidationError.field(field, message);
    throw error;
  }
}

// Any constants work; they only have to be the same for every instance of the app.
const CODE_LOCKS = { Source: 7_311_017, Actor: 7_311_018, Tag: 7_311_019, Goal: 7_311_020 };

/**
 * Makes saves that may take a code (or slug) of this kind wait for each other until the
 * transaction ends. The unique indexes compare codes exactly, the check before writing without
 * regard to case: without this, "ATF" and "atf" saved at the same instant would both pass it. It
 * also keeps goals' positions distinct. Take it before any row lock (an import takes it before
 * it updates sources), so that two saves never wait for each other the other way round.
 */
export async function lockCodes(tx: Tx, entity: keyof typeof CODE_LOCKS) {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${CODE_LOCKS[entity]}::bigint)::text AS locked`;
}

export type ArchiveTarget<V extends Record<string, unknown>> = {
  entity: VersionedEntity;
  /** The audit action prefix: "source" gives "source.archived". */
  action: string;
  /** The record's form values (with archivedAt and version). */
  load: (tx: Tx, id: string) => Promise<V & { archivedAt: string | null; version: number }>;
  write: (
    tx: Tx,
    id: string,
    data: { archivedAt: Date | null; version: number },
  ) => Promise<unknown>;
};

/**
 * Archives (or brings back) a record under a version check and audits it. Archiving what is
 * already archived (or the reverse) changes nothing and returns the record as it is.
 */
export async function setArchived<V extends Record<string, unknown>>(
  target: ArchiveTarget<V>,
  actorId: string,
  input: unknown,
  archived: boolean,
) {
  const result = ArchiveSchema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error);
  const { id, expectedVersion } = result.data;
  return prisma.$transaction(async (tx) => {
    const version = await lockAndCheckVersion(tx, target.entity, id, expectedVersion, () =>
      target.load(tx, id),
    );
    const before = await target.load(tx, id);
    if ((before.archivedAt !== null) === archived) return before;
    const archivedAt = archived ? new Date() : null;
    await target.write(tx, id, { archivedAt, version });
    await recordAudit(tx, {
      actorId,
      action: `${target.action}.${archived ? "archived" : "unarchived"}`,
      entityType: target.entity,
      entityId: id,
      before: { archivedAt: before.archivedAt, version: before.version },
      after: { archivedAt, version },
    });
    return target.load(tx, id);
  });
}
