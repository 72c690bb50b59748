// Sources, actors and tags are edited the same way: a form of plain fields, one of which (code or
// slug) is unique. This builds their create / edit / archive / get / list functions once.
import type { z } from "zod";
import { auditDiff, recordAudit } from "#app/modules/audit/audit.server.ts";
import { parseInput } from "#app/modules/tracking/fields.ts";
import { lockAndCheckVersion } from "#app/modules/tracking/versioning.server.ts";
import { prisma, type Reader, type Tx } from "#app/utils/db.server.ts";
import { NotFoundError, ValidationError } from "#app/utils/domain-errors.ts";
import {
  guardUnique,
  lockCodes,
  parseEdit,
  setArchived,
  type ArchiveTarget,
} from "./common.server.ts";
import type { ArchiveInput, EditKey } from "./schemas.ts";

type StoredRow = { id: string; archivedAt: Date | null; version: number };

/** The part of a Prisma model delegate these functions use (Prisma's own types are per model). */
type Delegate<Row> = {
  findUnique(args: { where: { id: string }; select: object }): Promise<Row | null>;
  findUniqueOrThrow(args: { where: { id: string }; select: object }): Promise<Row>;
  findFirst(args: { where: object; select: { id: true } }): Promise<{ id: string } | null>;
  findMany(args: {
    where: object;
    orderBy: object;
    select: object;
  }): Promise<Array<Row & { _count: { recommendations: number } }>>;
  create(args: { data: object; select: object }): Promise<Row>;
  update(args: { where: { id: string }; data: object; select?: object }): Promise<Row>;
};

export type RecordValues<Fields> = Fields & {
  id: string;
  archivedAt: string | null;
  version: number;
};

export function codedRecordEditor<
  Fields extends Record<string, unknown>,
  Row extends StoredRow & Fields,
>(config: {
  /** Model name, as in audit events and version checks. */
  entity: "Source" | "Actor" | "Tag";
  /** Audit action prefix: "source" gives "source.created". */
  action: string;
  /** The unique field, compared without regard to case. */
  key: "code" | "slug";
  duplicateMessage: string;
  schema: z.ZodType<Fields>;
  select: Record<string, true>;
  delegate: (db: Reader) => unknown;
}) {
  const { entity, action, key, duplicateMessage, schema, select } = config;
  const model = (db: Reader) => config.delegate(db) as Delegate<Row>;

  const values = (row: Row): RecordValues<Fields> =>
    ({
      ...row,
      archivedAt: row.archivedAt?.toISOString() ?? null,
    }) as unknown as RecordValues<Fields>;

  const fieldsOf = (row: Row): Fields => {
    const { id: _id, archivedAt: _archivedAt, version: _version, ...fields } = row;
    return fields as unknown as Fields;
  };

  async function load(tx: Reader, id: string) {
    const row = await model(tx).findUnique({ where: { id }, select });
    if (!row) throw new NotFoundError(entity, id);
    return values(row);
  }

  async function assertKeyFree(tx: Tx, value: unknown, exceptId?: string) {
    const clash = await model(tx).findFirst({
      where: {
        [key]: { equals: value, mode: "insensitive" },
        ...(exceptId ? { NOT: { id: exceptId } } : {}),
      },
      select: { id: true },
    });
    if (clash) throw ValidationError.field(key, duplicateMessage);
  }

  async function create(actorId: string, input: unknown): Promise<RecordValues<Fields>> {
    const fields = parseInput(schema, input);
    return guardUnique(key, duplicateMessage, () =>
      prisma.$transaction(async (tx) => {
        await lockCodes(tx, entity);
        await assertKeyFree(tx, fields[key]);
        const row = await model(tx).create({ data: fields, select });
        await recordAudit(tx, {
          actorId,
          action: `${action}.created`,
          entityType: entity,
          entityId: row.id,
          after: { ...fieldsOf(row), version: row.version },
        });
        return values(row);
      }),
    );
  }

  /** Saves the whole form under a version check. */
  async function update(actorId: string, input: unknown & EditKey): Promise<RecordValues<Fields>> {
    const { id, expectedVersion, fields } = parseEdit(schema, input);
    return guardUnique(key, duplicateMessage, () =>
      prisma.$transaction(async (tx) => {
        await lockCodes(tx, entity);
        const version = await lockAndCheckVersion(tx, entity, id, expectedVersion, () =>
          load(tx, id),
        );
        const before = await model(tx).findUniqueOrThrow({ where: { id }, select });
        await assertKeyFree(tx, fields[key], id);
        const row = await model(tx).update({ where: { id }, data: { ...fields, version }, select });
        const diff = auditDiff(fieldsOf(before), fieldsOf(row));
        await recordAudit(tx, {
          actorId,
          action: `${action}.edited`,
          entityType: entity,
          entityId: id,
          before: { ...diff.before, version: before.version },
          after: { ...diff.after, version },
        });
        return values(row);
      }),
    );
  }

  const archiveTarget: ArchiveTarget<RecordValues<Fields>> = {
    entity,
    action,
    load,
    write: (tx, id, data) => model(tx).update({ where: { id }, data }),
  };

  return {
    create,
    update,
    /** Archived records stay on the items that name them but cannot be newly assigned. */
    archive: (actorId: string, input: ArchiveInput) =>
      setArchived(archiveTarget, actorId, input, true),
    unarchive: (actorId: string, input: ArchiveInput) =>
      setArchived(archiveTarget, actorId, input, false),
    /** The edit form's values; NotFoundError when there is no such record. */
    get: (id: string) => load(prisma, id),
    /** By key, with how many recommendations each has; archived ones only when asked. */
    async list(options: { includeArchived?: boolean } = {}) {
      const rows = await model(prisma).findMany({
        where: options.includeArchived ? {} : { archivedAt: null },
        orderBy: { [key]: "asc" },
        select: { ...select, _count: { select: { recommendations: true } } },
      });
      return rows.map(({ _count, ...row }) => ({
        ...values(row as unknown as Row),
        recommendationCount: _count.recommendations,
      }));
    },
  };
}
