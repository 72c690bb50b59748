// Tags: free labels editors put on recommendations ("data-sharing", "prosecutions", …).
import type { Prisma } from "#app/generated/prisma/client.ts";
import { auditDiff, recordAudit } from "#app/modules/audit/audit.server.ts";
import { parseInput } from "#app/modules/tracking/fields.ts";
import { lockAndCheckVersion } from "#app/modules/tracking/versioning.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { NotFoundError, ValidationError } from "#app/utils/domain-errors.ts";
import { guardUnique, parseEdit, setArchived, type ArchiveTarget } from "./common.server.ts";
import {
  TagFieldsSchema,
  type ArchiveInput,
  type EditKey,
  type TagFields,
  type TagInput,
} from "./schemas.ts";

const select = {
  id: true,
  slug: true,
  name: true,
  nameEs: true,
  archivedAt: true,
  version: true,
} satisfies Prisma.TagSelect;

type Row = Prisma.TagGetPayload<{ select: typeof select }>;

export type TagValues = TagFields & { id: string; archivedAt: string | null; version: number };

function values(row: Row): TagValues {
  return { ...row, archivedAt: row.archivedAt?.toISOString() ?? null };
}

function fieldsOf(row: Row): TagFields {
  const { id: _id, archivedAt: _archivedAt, version: _version, ...fields } = row;
  return fields;
}

async function load(tx: Tx, id: string): Promise<TagValues> {
  const row = await tx.tag.findUnique({ where: { id }, select });
  if (!row) throw new NotFoundError("Tag", id);
  return values(row);
}

const DUPLICATE = "Slug is already used by another tag.";

async function assertSlugFree(tx: Tx, slug: string, exceptId?: string) {
  const clash = await tx.tag.findFirst({
    where: { slug, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw ValidationError.field("slug", DUPLICATE);
}

export async function createTag(actorId: string, input: TagInput): Promise<TagValues> {
  const fields = parseInput(TagFieldsSchema, input);
  return guardUnique("slug", DUPLICATE, () =>
    prisma.$transaction(async (tx) => {
      await assertSlugFree(tx, fields.slug);
      const row = await tx.tag.create({ data: fields, select });
      await recordAudit(tx, {
        actorId,
        action: "tag.created",
        entityType: "Tag",
        entityId: row.id,
        after: { ...fieldsOf(row), version: row.version },
      });
      return values(row);
    }),
  );
}

export async function updateTag(actorId: string, input: TagInput & EditKey): Promise<TagValues> {
  const { id, expectedVersion, fields } = parseEdit(TagFieldsSchema, input);
  return guardUnique("slug", DUPLICATE, () =>
    prisma.$transaction(async (tx) => {
      const version = await lockAndCheckVersion(tx, "Tag", id, expectedVersion, () => load(tx, id));
      const before = await tx.tag.findUniqueOrThrow({ where: { id }, select });
      await assertSlugFree(tx, fields.slug, id);
      const row = await tx.tag.update({ where: { id }, data: { ...fields, version }, select });
      const diff = auditDiff(fieldsOf(before), fieldsOf(row));
      await recordAudit(tx, {
        actorId,
        action: "tag.edited",
        entityType: "Tag",
        entityId: id,
        before: { ...diff.before, version: before.version },
        after: { ...diff.after, version },
      });
      return values(row);
    }),
  );
}

const archiveTarget: ArchiveTarget<TagValues> = {
  entity: "Tag",
  action: "tag",
  load,
  write: (tx, id, data) => tx.tag.update({ where: { id }, data }),
};

export function archiveTag(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, true);
}

export function unarchiveTag(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, false);
}

export async function getTag(id: string): Promise<TagValues> {
  return load(prisma, id);
}

export async function listTags(options: { includeArchived?: boolean } = {}) {
  const rows = await prisma.tag.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    orderBy: { slug: "asc" },
    select: { ...select, _count: { select: { recommendations: true } } },
  });
  return rows.map(({ _count, ...row }) => ({
    ...values(row),
    recommendationCount: _count.recommendations,
  }));
}
