// Sources: the documents that issue recommendations (framework, audit report, think-tank report).
import type { Prisma } from "#app/generated/prisma/client.ts";
import { auditDiff, recordAudit } from "#app/modules/audit/audit.server.ts";
import { parseInput } from "#app/modules/tracking/fields.ts";
import { lockAndCheckVersion } from "#app/modules/tracking/versioning.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { NotFoundError, ValidationError } from "#app/utils/domain-errors.ts";
import { guardUnique, parseEdit, setArchived, type ArchiveTarget } from "./common.server.ts";
import {
  SourceFieldsSchema,
  type ArchiveInput,
  type EditKey,
  type SourceFields,
  type SourceInput,
} from "./schemas.ts";

const select = {
  id: true,
  code: true,
  title: true,
  titleEs: true,
  titleEsSource: true,
  publisher: true,
  kind: true,
  publishedDate: true,
  url: true,
  notes: true,
  archivedAt: true,
  version: true,
} satisfies Prisma.SourceSelect;

type Row = Prisma.SourceGetPayload<{ select: typeof select }>;

/** The source form's values, with its id, archivedAt and version. */
export type SourceValues = SourceFields & {
  id: string;
  archivedAt: string | null;
  version: number;
};

function values(row: Row): SourceValues {
  return { ...row, archivedAt: row.archivedAt?.toISOString() ?? null };
}

function fieldsOf(row: Row): SourceFields {
  const { id: _id, archivedAt: _archivedAt, version: _version, ...fields } = row;
  return fields;
}

async function load(tx: Tx, id: string): Promise<SourceValues> {
  const row = await tx.source.findUnique({ where: { id }, select });
  if (!row) throw new NotFoundError("Source", id);
  return values(row);
}

const DUPLICATE = "Code is already used by another source.";

async function assertCodeFree(tx: Tx, code: string, exceptId?: string) {
  const clash = await tx.source.findFirst({
    where: {
      code: { equals: code, mode: "insensitive" },
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw ValidationError.field("code", DUPLICATE);
}

export async function createSource(actorId: string, input: SourceInput): Promise<SourceValues> {
  const fields = parseInput(SourceFieldsSchema, input);
  return guardUnique("code", DUPLICATE, () =>
    prisma.$transaction(async (tx) => {
      await assertCodeFree(tx, fields.code);
      const row = await tx.source.create({ data: fields, select });
      await recordAudit(tx, {
        actorId,
        action: "source.created",
        entityType: "Source",
        entityId: row.id,
        after: { ...fieldsOf(row), version: row.version },
      });
      return values(row);
    }),
  );
}

/** Saves the whole form under a version check. */
export async function updateSource(
  actorId: string,
  input: SourceInput & EditKey,
): Promise<SourceValues> {
  const { id, expectedVersion, fields } = parseEdit(SourceFieldsSchema, input);
  return guardUnique("code", DUPLICATE, () =>
    prisma.$transaction(async (tx) => {
      const version = await lockAndCheckVersion(tx, "Source", id, expectedVersion, () =>
        load(tx, id),
      );
      const before = await tx.source.findUniqueOrThrow({ where: { id }, select });
      await assertCodeFree(tx, fields.code, id);
      const row = await tx.source.update({ where: { id }, data: { ...fields, version }, select });
      const diff = auditDiff(fieldsOf(before), fieldsOf(row));
      await recordAudit(tx, {
        actorId,
        action: "source.edited",
        entityType: "Source",
        entityId: id,
        before: { ...diff.before, version: before.version },
        after: { ...diff.after, version },
      });
      return values(row);
    }),
  );
}

const archiveTarget: ArchiveTarget<SourceValues> = {
  entity: "Source",
  action: "source",
  load,
  write: (tx, id, data) => tx.source.update({ where: { id }, data }),
};

export function archiveSource(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, true);
}

export function unarchiveSource(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, false);
}

/** The edit form's values; NotFoundError when there is no such source. */
export async function getSource(id: string): Promise<SourceValues> {
  return load(prisma, id);
}

/** Sources by code, with how many recommendations each has; archived ones only when asked. */
export async function listSources(options: { includeArchived?: boolean } = {}) {
  const rows = await prisma.source.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    orderBy: { code: "asc" },
    select: { ...select, _count: { select: { recommendations: true } } },
  });
  return rows.map(({ _count, ...row }) => ({
    ...values(row),
    recommendationCount: _count.recommendations,
  }));
}
