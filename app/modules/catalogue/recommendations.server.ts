// The catalogue side of recommendations: what the item is (source, reference, text, actors,
// goals, how well it is verified). Its tracking (status, evidence, notes) is in modules/tracking.
import { auditDiff, recordAudit } from "#app/modules/audit/audit.server.ts";
import { parseInput } from "#app/modules/tracking/fields.ts";
import {
  catalogueValues,
  loadRecommendationRow,
  recommendationValues,
  type RecommendationValues,
} from "#app/modules/tracking/recommendation-values.server.ts";
import { resolveActors, resolveGoals } from "#app/modules/tracking/tracking-fields.server.ts";
import { isUniqueViolation, lockAndCheckVersion } from "#app/modules/tracking/versioning.server.ts";
import { prisma, type Reader, type Tx } from "#app/utils/db.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { parseEdit, setArchived, type ArchiveTarget } from "./common.server.ts";
import { nextPosition } from "./position.server.ts";
import { assertReferenceFree, guardReference } from "./reference.server.ts";
import {
  RecommendationFieldsSchema,
  type ArchiveInput,
  type EditKey,
  type RecommendationFields,
  type RecommendationInput,
} from "./schemas.ts";
import { slugify, uniqueSlug } from "./slug.ts";

/** What the catalogue form edits and shows: the shared values plus the Spanish reference. */
export type CatalogueRecommendationValues = RecommendationValues & { referenceEs: string | null };

// The Spanish reference is edited only by this form, so it is read here, beside the values the
// tracking forms share (recommendation-values.server.ts), and placed after the reference.
async function loadRow(tx: Reader, id: string) {
  const row = await loadRecommendationRow(tx, id);
  const { referenceEs } = await tx.recommendation.findUniqueOrThrow({
    where: { id },
    select: { referenceEs: true },
  });
  return { row, referenceEs };
}

type LoadedRow = Awaited<ReturnType<typeof loadRow>>;

/** The catalogue form's fields of a row, as audit events record them. */
function formValues({ row, referenceEs }: LoadedRow) {
  const { source, reference, ...rest } = catalogueValues(row);
  return { source, reference, referenceEs, ...rest };
}

function allValues({ row, referenceEs }: LoadedRow): CatalogueRecommendationValues {
  return { ...recommendationValues(row), referenceEs };
}

const loadValues = async (tx: Reader, id: string) => allValues(await loadRow(tx, id));

/** The source's id, by id or code (any case); archived sources take no new items. */
async function resolveSource(tx: Tx, source: string, currentSourceId?: string) {
  const row = await tx.source.findFirst({
    where: { OR: [{ id: source }, { code: { equals: source, mode: "insensitive" } }] },
    select: { id: true, archivedAt: true },
  });
  if (!row || (row.archivedAt && row.id !== currentSourceId)) {
    throw ValidationError.field("source", `Source: there is no source "${source}".`);
  }
  return row.id;
}

async function related(tx: Tx, fields: RecommendationFields, id?: string) {
  const linked = id
    ? await tx.recommendation.findUniqueOrThrow({
        where: { id },
        select: {
          sourceId: true,
          actors: { select: { id: true } },
          goals: { select: { id: true } },
        },
      })
    : null;
  const ids = (list: Array<{ id: string }> | undefined) =>
    new Set((list ?? []).map((item) => item.id));
  const sourceId = await resolveSource(tx, fields.source, linked?.sourceId);
  const actors = await resolveActors(tx, fields.actors, ids(linked?.actors));
  const goals = await resolveGoals(tx, fields.goals, ids(linked?.goals));
  return { sourceId, actors, goals };
}

function columns(fields: RecommendationFields) {
  const { source: _source, actors: _actors, goals: _goals, ...rest } = fields;
  return rest;
}

/** A new id made from the reference ("GAO-21-322 #3" → "gao-21-322-3"), unique. */
async function newId(tx: Tx, reference: string) {
  const base = slugify(reference);
  const taken = await tx.recommendation.findMany({
    where: { id: { startsWith: base } },
    select: { id: true },
  });
  return uniqueSlug(base, new Set(taken.map((row) => row.id)));
}

/**
 * Adds a recommendation to the catalogue (status not started, last in catalogue order). Its id
 * is a URL-safe slug of the reference, made unique. A reference its source already has (archived
 * items included) is the reference field's ValidationError, also when another admin saved it a
 * moment before.
 */
export async function createRecommendation(
  actorId: string,
  input: RecommendationInput,
): Promise<CatalogueRecommendationValues> {
  const fields = parseInput(RecommendationFieldsSchema, input);
  // Ids are picked under the catalogue-order lock that every create takes; should one be taken
  // all the same (a row written another way, a restored backup's), the save tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await guardReference(() =>
        prisma.$transaction(async (tx) => {
          const { sourceId, actors, goals } = await related(tx, fields);
          // First the lock, then the checks: a create that waited sees the one before it.
          const position = await nextPosition(tx);
          await assertReferenceFree(tx, sourceId, fields.reference);
          const id = await newId(tx, fields.reference);
          await tx.recommendation.create({
            data: {
              id,
              ...columns(fields),
              sourceId,
              position,
              actors: { connect: actors.map((actor) => ({ id: actor.id })) },
              goals: { connect: goals.map((goal) => ({ id: goal.id })) },
            },
            select: { id: true },
          });
          const loaded = await loadRow(tx, id);
          await recordAudit(tx, {
            actorId,
            action: "recommendation.created",
            entityType: "Recommendation",
            entityId: id,
            after: {
              ...formValues(loaded),
              status: loaded.row.status,
              version: loaded.row.version,
            },
          });
          return allValues(loaded);
        }),
      );
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error, "id")) continue;
      throw error;
    }
  }
}

/** Saves the catalogue form under a version check (the id never changes). */
export async function updateRecommendation(
  actorId: string,
  input: RecommendationInput & EditKey,
): Promise<CatalogueRecommendationValues> {
  const { id, expectedVersion, fields } = parseEdit(RecommendationFieldsSchema, input);
  return guardReference(() =>
    prisma.$transaction(async (tx) => {
      const version = await lockAndCheckVersion(tx, "Recommendation", id, expectedVersion, () =>
        loadValues(tx, id),
      );
      const before = await loadRow(tx, id);
      const { sourceId, actors, goals } = await related(tx, fields, id);
      await assertReferenceFree(tx, sourceId, fields.reference, id);
      await tx.recommendation.update({
        where: { id },
        data: {
          ...columns(fields),
          sourceId,
          actors: { set: actors.map((actor) => ({ id: actor.id })) },
          goals: { set: goals.map((goal) => ({ id: goal.id })) },
          version,
        },
        select: { id: true },
      });
      const after = await loadRow(tx, id);
      const diff = auditDiff(formValues(before), formValues(after));
      await recordAudit(tx, {
        actorId,
        action: "recommendation.edited",
        entityType: "Recommendation",
        entityId: id,
        before: { ...diff.before, version: before.row.version },
        after: { ...diff.after, version },
      });
      return allValues(after);
    }),
  );
}

const archiveTarget: ArchiveTarget<CatalogueRecommendationValues> = {
  entity: "Recommendation",
  action: "recommendation",
  load: loadValues,
  write: (tx, id, data) => tx.recommendation.update({ where: { id }, data }),
};

/** Archived items leave lists, the dashboard and tracking, and keep their history. */
export function archiveRecommendation(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, true);
}

export function unarchiveRecommendation(actorId: string, input: ArchiveInput) {
  return setArchived(archiveTarget, actorId, input, false);
}

/** The edit forms' values (catalogue and tracking), archived or not; NotFoundError if none. */
export async function getRecommendationValues(id: string): Promise<CatalogueRecommendationValues> {
  return loadValues(prisma, id);
}
