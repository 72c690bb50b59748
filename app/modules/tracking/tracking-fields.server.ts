// The tracking fields editors keep current besides the status: official status, responsible
// actors, Framework goals, tags, priority and due date. And "verified today".
import { recordAudit, auditDiff } from "#app/modules/audit/audit.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { ArchivedError, NotFoundError, ValidationError } from "#app/utils/domain-errors.ts";
import { parseInput } from "./fields.ts";
import { recordOfficialStatusChange } from "./official-status.server.ts";
import {
  loadRecommendationRow,
  recommendationValues,
  trackingValues,
  type RecommendationValues,
} from "./recommendation-values.server.ts";
import { UpdateTrackingSchema, type UpdateTrackingInput } from "./schemas.ts";
import { assertVersion, lockRow } from "./versioning.server.ts";

type Related = { id: string; key: string; archivedAt: Date | null };

/**
 * Rows named by id or code (whatever its case: "atf" is ATF), in the order given. Unknown names, and archived rows not already
 * linked, are a ValidationError on `field`.
 */
async function resolve(
  field: string,
  label: string,
  names: string[],
  alreadyLinked: Set<string>,
  find: (names: string[]) => Promise<Related[]>,
): Promise<Related[]> {
  if (names.length === 0) return [];
  const rows = await find(names);
  const found: Related[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const row = rows.find(
      (item) => item.id === name || item.key.toLowerCase() === name.toLowerCase(),
    );
    if (!row) missing.push(name);
    else if (row.archivedAt && !alreadyLinked.has(row.id)) missing.push(name);
    else if (!found.includes(row)) found.push(row);
  }
  if (missing.length > 0) {
    throw ValidationError.field(field, `${label}: unknown or archived: ${missing.join(", ")}.`);
  }
  return found;
}

export async function resolveActors(tx: Tx, names: string[], linked = new Set<string>()) {
  return resolve("actors", "Responsible actors", names, linked, async (list) =>
    (
      await tx.actor.findMany({
        where: { OR: [{ id: { in: list } }, { code: { in: list, mode: "insensitive" } }] },
        select: { id: true, code: true, archivedAt: true },
      })
    ).map((row) => ({ id: row.id, key: row.code, archivedAt: row.archivedAt })),
  );
}

export async function resolveGoals(tx: Tx, names: string[], linked = new Set<string>()) {
  return resolve("goals", "Framework goals", names, linked, async (list) =>
    (
      await tx.goal.findMany({
        where: { OR: [{ id: { in: list } }, { code: { in: list, mode: "insensitive" } }] },
        select: { id: true, code: true, archivedAt: true },
      })
    ).map((row) => ({ id: row.id, key: row.code, archivedAt: row.archivedAt })),
  );
}

export async function resolveTags(tx: Tx, names: string[], linked = new Set<string>()) {
  return resolve("tags", "Tags", names, linked, async (list) =>
    (
      await tx.tag.findMany({
        where: { OR: [{ id: { in: list } }, { slug: { in: list, mode: "insensitive" } }] },
        select: { id: true, slug: true, archivedAt: true },
      })
    ).map((row) => ({ id: row.id, key: row.slug, archivedAt: row.archivedAt })),
  );
}

/**
 * Saves the tracking fields as the form shows them (a field left out is cleared), with a version
 * check, and audits what changed. Throws ValidationError, VersionConflictError, NotFoundError,
 * ArchivedError.
 */
export async function updateTracking(
  actorId: string,
  input: UpdateTrackingInput,
): Promise<RecommendationValues> {
  const data = parseInput(UpdateTrackingSchema, input);
  const id = data.recommendationId;
  return prisma.$transaction(async (tx) => {
    const storedVersion = await lockRow(tx, "Recommendation", id);
    const row = await loadRecommendationRow(tx, id);
    if (row.archivedAt) throw new ArchivedError("Recommendation", id);
    const version = await assertVersion(
      tx,
      "Recommendation",
      id,
      { expectedVersion: data.expectedVersion, storedVersion },
      async () => recommendationValues(row),
    );

    const linked = await tx.recommendation.findUniqueOrThrow({
      where: { id },
      select: {
        actors: { select: { id: true } },
        goals: { select: { id: true } },
        tags: { select: { id: true } },
      },
    });
    const ids = (list: Array<{ id: string }>) => new Set(list.map((item) => item.id));
    const actors = await resolveActors(tx, data.actors, ids(linked.actors));
    const goals = await resolveGoals(tx, data.goals, ids(linked.goals));
    const tags = await resolveTags(tx, data.tags, ids(linked.tags));

    const updated = await tx.recommendation.update({
      where: { id },
      data: {
        statusOfficial: data.statusOfficial,
        statusOfficialAsOf: data.statusOfficialAsOf,
        priority: data.priority,
        dueDate: data.dueDate,
        statusNote: data.statusNote,
        actors: { set: actors.map((actor) => ({ id: actor.id })) },
        goals: { set: goals.map((goal) => ({ id: goal.id })) },
        tags: { set: tags.map((tag) => ({ id: tag.id })) },
        version,
      },
      select: { id: true },
    });
    const after = await loadRecommendationRow(tx, updated.id);
    await recordOfficialStatusChange(tx, {
      recommendationId: id,
      actorId,
      before: { status: row.statusOfficial, asOf: row.statusOfficialAsOf },
      after: { status: after.statusOfficial, asOf: after.statusOfficialAsOf },
    });
    const { status: _beforeStatus, ...beforeValues } = trackingValues(row);
    const { status: _afterStatus, ...afterValues } = trackingValues(after);
    const diff = auditDiff(beforeValues, afterValues);
    await recordAudit(tx, {
      actorId,
      action: "recommendation.tracking_updated",
      entityType: "Recommendation",
      entityId: id,
      before: { ...diff.before, version: storedVersion },
      after: { ...diff.after, version },
    });
    return recommendationValues(after);
  });
}

/**
 * Records that someone checked the item's status today. Does not change the version, so it never
 * turns someone else's open form into a conflict.
 */
export async function markVerified(
  recommendationId: string,
  actorId: string,
): Promise<{ lastVerifiedAt: Date }> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      Array<{ lastVerifiedAt: Date | null; archivedAt: Date | null }>
    >`
      SELECT "lastVerifiedAt", "archivedAt" FROM "Recommendation"
      WHERE "id" = ${recommendationId} FOR NO KEY UPDATE`;
    const before = rows[0];
    if (!before) throw new NotFoundError("Recommendation", recommendationId);
    if (before.archivedAt) throw new ArchivedError("Recommendation", recommendationId);
    const lastVerifiedAt = new Date();
    await tx.recommendation.update({
      where: { id: recommendationId },
      data: { lastVerifiedAt },
    });
    await recordAudit(tx, {
      actorId,
      action: "recommendation.verified",
      entityType: "Recommendation",
      entityId: recommendationId,
      before: { lastVerifiedAt: before.lastVerifiedAt },
      after: { lastVerifiedAt },
    });
    return { lastVerifiedAt };
  });
}
