// Bicentennial Framework goals → cooperation areas → joint objectives.
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { GoalLevel } from "#app/generated/prisma/enums.ts";
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
import { GoalFieldsSchema, type ArchiveInput, type EditKey, type GoalInput } from "./schemas.ts";

const select = {
  id: true,
  code: true,
  level: true,
  parent: { select: { code: true } },
  title: true,
  titleEs: true,
  titleEsSource: true,
  description: true,
  position: true,
  archivedAt: true,
  version: true,
} satisfies Prisma.GoalSelect;

type Row = Prisma.GoalGetPayload<{ select: typeof select }>;

/** The goal form's values; `parent` is the parent's code. */
function fieldsOf(row: Row) {
  return {
    code: row.code,
    level: row.level,
    parent: row.parent?.code ?? null,
    title: row.title,
    titleEs: row.titleEs,
    titleEsSource: row.titleEsSource,
    description: row.description,
  };
}

export type GoalValues = ReturnType<typeof fieldsOf> & {
  id: string;
  position: number;
  archivedAt: string | null;
  version: number;
};

function values(row: Row): GoalValues {
  return {
    id: row.id,
    ...fieldsOf(row),
    position: row.position,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
  };
}

async function load(tx: Reader, id: string): Promise<GoalValues> {
  const row = await tx.goal.findUnique({ where: { id }, select });
  if (!row) throw new NotFoundError("Goal", id);
  return values(row);
}

const DUPLICATE = "Code is already used by another goal.";

const parentLevel: Record<GoalLevel, GoalLevel | null> = {
  goal: null,
  cooperation_area: "goal",
  joint_objective: "cooperation_area",
};

/** The parent's id, checked: it exists, is not archived and sits one level up. */
async function resolveParent(
  tx: Tx,
  level: GoalLevel,
  parent: string | null,
  selfId?: string,
): Promise<string | null> {
  if (!parent) return null;
  const row = await tx.goal.findFirst({
    where: { OR: [{ id: parent }, { code: parent }] },
    select: { id: true, level: true, archivedAt: true },
  });
  if (!row || row.archivedAt) {
    throw ValidationError.field("parent", `Parent: there is no goal "${parent}".`);
  }
  if (row.id === selfId) {
    throw ValidationError.field("parent", "Parent cannot be the goal itself.");
  }
  const expected = parentLevel[level];
  if (row.level !== expected) {
    throw ValidationError.field(
      "parent",
      level === "cooperation_area"
        ? "Parent must be a goal: a cooperation area belongs to a goal."
        : "Parent must be a cooperation area: a joint objective belongs to a cooperation area.",
    );
  }
  return row.id;
}

async function assertCodeFree(tx: Tx, code: string, exceptId?: string) {
  const clash = await tx.goal.findFirst({
    where: { code, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw ValidationError.field("code", DUPLICATE);
}

export async function createGoal(actorId: string, input: GoalInput): Promise<GoalValues> {
  const { parent, ...fields } = parseInput(GoalFieldsSchema, input);
  return guardUnique("code", DUPLICATE, () =>
    prisma.$transaction(async (tx) => {
      await lockCodes(tx, "Goal");
      await assertCodeFree(tx, fields.code);
      const parentId = await resolveParent(tx, fields.level, parent);
      const last = await tx.goal.aggregate({ _max: { position: true } });
      const row = await tx.goal.create({
        data: { ...fields, parentId, position: (last._max.position ?? -1) + 1 },
        select,
      });
      await recordAudit(tx, {
        actorId,
        action: "goal.created",
        entityType: "Goal",
        entityId: row.id,
        after: { ...fieldsOf(row), version: row.version },
      });
      return values(row);
    }),
  );
}

export async function updateGoal(actorId: string, input: GoalInput & EditKey): Promise<GoalValues> {
  const {
    id,
    expectedVersion,
    fields: { parent, ...fields },
  } = parseEdit(GoalFieldsSchema, input);
  return guardUnique("code", DUPLICATE, () =>
    prisma.$transaction(async (tx) => {
      await lockCodes(tx, "Goal");
      const version = await lockAndCheckVersion(tx, "Goal", id, expectedVersion, () =>
        load(tx, id),
      );
      const before = await tx.goal.findUniqueOrThrow({ where: { id }, select });
      await assertCodeFree(tx, fields.code, id);
      const parentId = await resolveParent(tx, fields.level, parent, id);
      if (fields.level !== before.level) {
        const children = await tx.goal.count({ where: { parentId: id } });
        if (children > 0) {
          throw ValidationError.field(
            "level",
            "Level cannot change while other goals sit under this one; move them first.",
          );
        }
      }
      const row = await tx.goal.update({
        where: { id },
        data: { ...fields, parentId, version },
        select,
      });
      const diff = auditDiff(fieldsOf(before), fieldsOf(row));
      await recordAudit(tx, {
        actorId,
        action: "goal.edited",
        entityType: "Goal",
        entityId: id,
        before: { ...diff.before, version: before.version },
        after: { ...diff.after, version },
      });
      return values(row);
    }),
  );
}

const archiveTarget: ArchiveTarget<GoalValues> = {
  entity: "Goal",
  action: "goal",
  load,
  write: (tx, id, data) => tx.goal.update({ where: { id }, data }),
};

export function archiveGoal(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, true);
}

export function unarchiveGoal(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, false);
}

export async function getGoal(id: string): Promise<GoalValues> {
  return load(prisma, id);
}

/** All goals in Framework order (position), parents before their children. */
export async function listGoals(options: { includeArchived?: boolean } = {}) {
  const rows = await prisma.goal.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ position: "asc" }, { code: "asc" }],
    select: { ...select, _count: { select: { recommendations: true } } },
  });
  return rows.map(({ _count, ...row }) => ({
    ...values(row),
    recommendationCount: _count.recommendations,
  }));
}
