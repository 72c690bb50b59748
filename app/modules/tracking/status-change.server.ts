// Status changes: the timeline's backbone. Each records from → to, a summary, the day it
// happened and the evidence it rests on, and moves the recommendation's status and version.
import type { z } from "zod";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Status } from "#app/generated/prisma/enums.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { ArchivedError, ValidationError } from "#app/utils/domain-errors.ts";
import { enqueueArchivesOf } from "#app/modules/archive/jobs.server.ts";
import { insertEvidence, prepareEvidence, type PreparedEvidence } from "./evidence.server.ts";
import { dayOf } from "#app/utils/dates.ts";
import { parseInput } from "./fields.ts";
import { loadRecommendationValues } from "./recommendation-values.server.ts";
import { ChangeStatusSchema, type ChangeStatusInput } from "./schemas.ts";

/** A status change as its schema reads it. */
export type ChangeStatusData = z.output<typeof ChangeStatusSchema>;
import { assertVersion, lockRow } from "./versioning.server.ts";

export type StatusChangeResult = {
  id: string;
  recommendationId: string;
  fromStatus: Status;
  toStatus: Status;
  /** The recommendation's version after the change. */
  version: number;
  evidenceIds: string[];
};

/**
 * Moves a recommendation to another status. Throws ValidationError (bad input, same status,
 * missing or foreign evidence, bad file), VersionConflictError (someone saved it since
 * `expectedVersion`), NotFoundError (no such recommendation), ArchivedError (archived).
 */
export async function changeStatus(
  actorId: string,
  input: ChangeStatusInput,
): Promise<StatusChangeResult> {
  const data = parseInput(ChangeStatusSchema, input);
  const prepared = await prepareStatusEvidence(data);
  const result = await prisma.$transaction((tx) =>
    applyStatusChange(tx, { authorId: actorId }, data, prepared),
  );
  await enqueueArchivesOf(result.evidenceIds.filter((id) => !data.evidenceIds.includes(id)));
  return result;
}

/** Reads and checks a status change's new evidence (files) before its transaction. */
export async function prepareStatusEvidence(data: ChangeStatusData): Promise<PreparedEvidence[]> {
  const prepared: PreparedEvidence[] = [];
  for (const [index, evidence] of data.newEvidence.entries()) {
    prepared.push(await prepareEvidence(evidence, `newEvidence[${index}].file`));
  }
  return prepared;
}

/** Who records a status change: its author, and for a reviewed change who approved it when. */
export type StatusChangeActors = {
  authorId: string | null;
  approval?: { approvedById: string; approvedAt: Date };
};

/**
 * Records a checked status change in the caller's transaction: the one way a StatusChange is
 * written, whether saved at once or applied when its review is approved (review.server.ts).
 * An approved change is recorded at its approval (createdAt = approvedAt, its publication) and
 * keeps the day it happened; the audit names the approver as the one who made it public.
 * `expectedVersion` null skips the version check (an approval applies to the item as it is).
 */
export async function applyStatusChange(
  tx: Tx,
  actors: StatusChangeActors,
  data: Pick<
    ChangeStatusData,
    "recommendationId" | "toStatus" | "summary" | "occurredOn" | "evidenceIds"
  > & { expectedVersion: number | null },
  prepared: PreparedEvidence[],
): Promise<StatusChangeResult> {
  const id = data.recommendationId;
  const actorId = actors.approval?.approvedById ?? actors.authorId;
  const storedVersion = await lockRow(tx, "Recommendation", id);
  const current = await tx.recommendation.findUniqueOrThrow({
    where: { id },
    select: { status: true, archivedAt: true },
  });
  if (current.archivedAt) throw new ArchivedError("Recommendation", id);
  const version =
    data.expectedVersion === null
      ? storedVersion + 1
      : await assertVersion(
          tx,
          "Recommendation",
          id,
          { expectedVersion: data.expectedVersion, storedVersion },
          () => loadRecommendationValues(tx, id),
        );
  if (current.status === data.toStatus) {
    throw ValidationError.field(
      "toStatus",
      "New status: the recommendation already has this status.",
    );
  }

  if (data.evidenceIds.length > 0) {
    const found = await tx.evidence.findMany({
      where: { id: { in: data.evidenceIds }, recommendationId: id, archivedAt: null },
      select: { id: true },
    });
    if (found.length !== data.evidenceIds.length) {
      throw ValidationError.field(
        "evidenceIds",
        "Evidence: choose evidence of this recommendation that has not been archived.",
      );
    }
  }
  const added = [];
  for (const evidence of prepared) {
    added.push(await insertEvidence(tx, actors.authorId, id, evidence, actorId));
  }
  const evidenceIds = [...data.evidenceIds, ...added.map((row) => row.id)];

  const change = await tx.statusChange.create({
    data: {
      recommendationId: id,
      fromStatus: current.status,
      toStatus: data.toStatus,
      summary: data.summary,
      occurredOn: data.occurredOn,
      createdById: actors.authorId,
      ...(actors.approval && {
        createdAt: actors.approval.approvedAt,
        approvedById: actors.approval.approvedById,
        approvedAt: actors.approval.approvedAt,
      }),
      evidence: { connect: evidenceIds.map((evidenceId) => ({ id: evidenceId })) },
    },
    select: { id: true },
  });
  await tx.recommendation.update({
    where: { id },
    data: { status: data.toStatus, version, lastActivityAt: new Date() },
  });
  await recordAudit(tx, {
    actorId,
    action: "recommendation.status_changed",
    entityType: "Recommendation",
    entityId: id,
    before: { status: current.status, version: storedVersion },
    after: {
      status: data.toStatus,
      version,
      statusChangeId: change.id,
      summary: data.summary,
      occurredOn: dayOf(data.occurredOn),
      evidenceIds,
      ...(actors.approval && {
        authorId: actors.authorId,
        approvedById: actors.approval.approvedById,
        approvedAt: actors.approval.approvedAt.toISOString(),
      }),
    },
  });
  return {
    id: change.id,
    recommendationId: id,
    fromStatus: current.status,
    toStatus: data.toStatus,
    version,
    evidenceIds,
  };
}
