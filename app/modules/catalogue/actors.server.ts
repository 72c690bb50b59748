// Actors: the agencies and others a recommendation is addressed to (ATF, ICE, SRE, FGR, …).
import type { Prisma } from "#app/generated/prisma/client.ts";
import { auditDiff, recordAudit } from "#app/modules/audit/audit.server.ts";
import { parseInput } from "#app/modules/tracking/fields.ts";
import { lockAndCheckVersion } from "#app/modules/tracking/versioning.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { NotFoundError, ValidationError } from "#app/utils/domain-errors.ts";
import { guardUnique, parseEdit, setArchived, type ArchiveTarget } from "./common.server.ts";
import {
  ActorFieldsSchema,
  type ActorFields,
  type ActorInput,
  type ArchiveInput,
  type EditKey,
} from "./schemas.ts";

const select = {
  id: true,
  code: true,
  name: true,
  nameEs: true,
  country: true,
  archivedAt: true,
  version: true,
} satisfies Prisma.ActorSelect;

type Row = Prisma.ActorGetPayload<{ select: typeof select }>;

export type ActorValues = ActorFields & { id: string; archivedAt: string | null; version: number };

function values(row: Row): ActorValues {
  return { ...row, archivedAt: row.archivedAt?.toISOString() ?? null };
}

function fieldsOf(row: Row): ActorFields {
  const { id: _id, archivedAt: _archivedAt, version: _version, ...fields } = row;
  return fields;
}

async function load(tx: Tx, id: string): Promise<ActorValues> {
  const row = await tx.actor.findUnique({ where: { id }, select });
  if (!row) throw new NotFoundError("Actor", id);
  return values(row);
}

const DUPLICATE = "Code is already used by another actor.";

async function assertCodeFree(tx: Tx, code: string, exceptId?: string) {
  const clash = await tx.actor.findFirst({
    where: {
      code: { equals: code, mode: "insensitive" },
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw ValidationError.field("code", DUPLICATE);
}

export async function createActor(actorId: string, input: ActorInput): Promise<ActorValues> {
  const fields = parseInput(ActorFieldsSchema, input);
  return guardUnique("code", DUPLICATE, () =>
    prisma.$transaction(async (tx) => {
      await assertCodeFree(tx, fields.code);
      const row = await tx.actor.create({ data: fields, select });
      await recordAudit(tx, {
        actorId,
        action: "actor.created",
        entityType: "Actor",
        entityId: row.id,
        after: { ...fieldsOf(row), version: row.version },
      });
      return values(row);
    }),
  );
}

export async function updateActor(
  actorId: string,
  input: ActorInput & EditKey,
): Promise<ActorValues> {
  const { id, expectedVersion, fields } = parseEdit(ActorFieldsSchema, input);
  return guardUnique("code", DUPLICATE, () =>
    prisma.$transaction(async (tx) => {
      const version = await lockAndCheckVersion(tx, "Actor", id, expectedVersion, () =>
        load(tx, id),
      );
      const before = await tx.actor.findUniqueOrThrow({ where: { id }, select });
      await assertCodeFree(tx, fields.code, id);
      const row = await tx.actor.update({ where: { id }, data: { ...fields, version }, select });
      const diff = auditDiff(fieldsOf(before), fieldsOf(row));
      await recordAudit(tx, {
        actorId,
        action: "actor.edited",
        entityType: "Actor",
        entityId: id,
        before: { ...diff.before, version: before.version },
        after: { ...diff.after, version },
      });
      return values(row);
    }),
  );
}

const archiveTarget: ArchiveTarget<ActorValues> = {
  entity: "Actor",
  action: "actor",
  load,
  write: (tx, id, data) => tx.actor.update({ where: { id }, data }),
};

/** Archived actors stay on the items that name them but cannot be newly assigned. */
export function archiveActor(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, true);
}

export function unarchiveActor(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, false);
}

export async function getActor(id: string): Promise<ActorValues> {
  return load(prisma, id);
}

export async function listActors(options: { includeArchived?: boolean } = {}) {
  const rows = await prisma.actor.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    orderBy: { code: "asc" },
    select: { ...select, _count: { select: { recommendations: true } } },
  });
  return rows.map(({ _count, ...row }) => ({
    ...values(row),
    recommendationCount: _count.recommendations,
  }));
}
