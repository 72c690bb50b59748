// Sign-off before publishing (issue 17, item 2). Where an admin requires it (for the whole
// tracker or for one source), an editor's status change, public note or evidence is kept as a
// PendingChange instead of being saved: no public read sees it, and the item's status does not
// move. Another staff member approves it (it is then saved through the same code as a direct
// save, in one transaction that also deletes the pending row) or sends it back with a reason; its
// author amends and resubmits it, or withdraws it. One change awaits review per item at a time.
import { z } from "zod";
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { PendingChangeKind, Role } from "#app/generated/prisma/enums.ts";
import { enqueueArchivesOf } from "#app/modules/archive/jobs.server.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { hasRole } from "#app/modules/auth/permissions.ts";
import {
  insertEvidence,
  prepareEvidence,
  requireActiveRecommendation,
  touchRecommendation,
  type PreparedEvidence,
} from "#app/modules/tracking/evidence.server.ts";
import {
  expectedVersion as versionField,
  parseInput,
  requiredText,
} from "#app/modules/tracking/fields.ts";
import { insertNote } from "#app/modules/tracking/notes.server.ts";
import {
  AddEvidenceSchema,
  ChangeStatusSchema,
  CreateNoteSchema,
  EvidenceLinkSchema,
  STATUSES_REQUIRING_EVIDENCE,
  type AddEvidenceInput,
  type ChangeStatusInput,
  type CreateNoteInput,
} from "#app/modules/tracking/schemas.ts";
import {
  applyStatusChange,
  prepareStatusEvidence,
} from "#app/modules/tracking/status-change.server.ts";
import { assertVersion, lockRow } from "#app/modules/tracking/versioning.server.ts";
import { loadRecommendationValues } from "#app/modules/tracking/recommendation-values.server.ts";
import { dayDate, dayOf } from "#app/utils/dates.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from "#app/utils/domain-errors.ts";

export type ActingUser = { id: string; role: Role };

/** Another change of the item already awaits review: nothing was saved (a 409 on the page). */
export class AwaitingReviewError extends Error {
  override name = "AwaitingReviewError";
  constructor(readonly recommendationId: string) {
    super("Another change to this recommendation is already awaiting review.");
  }
}

// --- The setting ---------------------------------------------------------------------------

/** Whether editors' changes need review across the whole tracker. */
export async function getTrackerReviewRequired(db: Tx | typeof prisma = prisma) {
  const setting = await db.trackerSetting.findUnique({
    where: { id: 1 },
    select: { reviewRequired: true },
  });
  return setting?.reviewRequired ?? false;
}

/** Admins only (checked here as well as in the route); audited when it changes. */
export async function setTrackerReviewRequired(actor: ActingUser, value: boolean) {
  if (actor.role !== "admin") throw new ForbiddenError("Only administrators change this setting.");
  await prisma.$transaction(async (tx) => {
    const before = await getTrackerReviewRequired(tx);
    await tx.trackerSetting.upsert({
      where: { id: 1 },
      create: { id: 1, reviewRequired: value },
      update: { reviewRequired: value },
    });
    if (before === value) return;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "setting.review_required_changed",
      entityType: "TrackerSetting",
      entityId: "1",
      before: { reviewRequired: before },
      after: { reviewRequired: value },
    });
  });
}

/**
 * Whether this person's change to this item waits for review: they are an editor (admins
 * publish directly) and the tracker or the item's source requires review.
 */
export async function needsReview(
  user: ActingUser,
  recommendationId: string,
  db: Tx | typeof prisma = prisma,
): Promise<boolean> {
  if (user.role !== "editor") return false;
  const [tracker, item] = await Promise.all([
    getTrackerReviewRequired(db),
    db.recommendation.findUnique({
      where: { id: recommendationId },
      select: { source: { select: { reviewRequired: true } } },
    }),
  ]);
  return tracker || Boolean(item?.source.reviewRequired);
}

/** Staff who may approve or send back a change: admins and editors, never its author. */
export function mayReview(user: ActingUser | null, change: { authorId: string | null }): boolean {
  return Boolean(user && hasRole(user, "editor") && change.authorId !== user.id);
}

// --- What a pending change holds -----------------------------------------------------------

/** New evidence as kept in a pending change: the file's bytes are in PendingChange.fileData. */
type StoredEvidence = {
  kind: "link" | "file";
  url: string | null;
  title: string;
  description: string | null;
  documentedOn: string | null;
  file: { fileName: string; mimeType: string; sizeBytes: number; sha256: string } | null;
};

export type StatusPayload = {
  toStatus: z.output<typeof ChangeStatusSchema>["toStatus"];
  summary: string;
  occurredOn: string;
  evidenceIds: string[];
  newEvidence: StoredEvidence[];
};
export type NotePayload = { body: string };
export type EvidencePayload = StoredEvidence;
export type Payload = StatusPayload | NotePayload | EvidencePayload;

function storeEvidence(prepared: PreparedEvidence): StoredEvidence {
  return {
    kind: prepared.kind,
    url: prepared.url,
    title: prepared.title,
    description: prepared.description,
    documentedOn: dayOf(prepared.documentedOn),
    file: prepared.file && {
      fileName: prepared.file.fileName,
      mimeType: prepared.file.mimeType,
      sizeBytes: prepared.file.sizeBytes,
      sha256: prepared.file.sha256,
    },
  };
}

function restoreEvidence(stored: StoredEvidence, fileData: Uint8Array | null): PreparedEvidence {
  if (stored.file && !fileData) throw new Error("A pending change lost its file.");
  return {
    kind: stored.kind,
    url: stored.url,
    title: stored.title,
    description: stored.description,
    documentedOn: stored.documentedOn ? dayDate(stored.documentedOn) : null,
    file:
      stored.file && fileData
        ? { ...stored.file, data: new Uint8Array(fileData) as Uint8Array<ArrayBuffer> }
        : null,
  };
}

/** The one file of a change (the forms take at most one), to keep beside its payload. */
function fileOf(prepared: PreparedEvidence[]): Uint8Array<ArrayBuffer> | null {
  return prepared.find((evidence) => evidence.file)?.file?.data ?? null;
}

// --- Submitting ----------------------------------------------------------------------------

/**
 * The checks a direct save makes before it writes, made at submission so the author learns of
 * them at once: the item exists and is not archived; for a status change, the version the
 * form was loaded at, a new status and the item's own evidence.
 */
async function checkStatus(tx: Tx, data: z.output<typeof ChangeStatusSchema>) {
  const id = data.recommendationId;
  await requireActiveRecommendation(tx, id);
  const storedVersion = await lockRow(tx, "Recommendation", id);
  await assertVersion(
    tx,
    "Recommendation",
    id,
    { expectedVersion: data.expectedVersion, storedVersion },
    () => loadRecommendationValues(tx, id),
  );
  const current = await tx.recommendation.findUniqueOrThrow({
    where: { id },
    select: { status: true },
  });
  if (current.status === data.toStatus) {
    throw ValidationError.field(
      "toStatus",
      "New status: the recommendation already has this status.",
    );
  }
  if (data.evidenceIds.length > 0) {
    const found = await tx.evidence.count({
      where: { id: { in: data.evidenceIds }, recommendationId: id, archivedAt: null },
    });
    if (found !== data.evidenceIds.length) {
      throw ValidationError.field(
        "evidenceIds",
        "Evidence: choose evidence of this recommendation that has not been archived.",
      );
    }
  }
}

const isOneAwaiting = (error: unknown) =>
  error instanceof Error && "code" in error && (error as { code?: string }).code === "P2002";

async function insertPending(
  author: ActingUser,
  recommendationId: string,
  kind: PendingChangeKind,
  payload: Payload,
  fileData: Uint8Array<ArrayBuffer> | null,
  check: (tx: Tx) => Promise<void>,
) {
  try {
    return await prisma.$transaction(async (tx) => {
      await check(tx);
      const awaiting = await tx.pendingChange.count({
        where: { recommendationId, state: "awaiting" },
      });
      if (awaiting > 0) throw new AwaitingReviewError(recommendationId);
      const row = await tx.pendingChange.create({
        data: {
          recommendationId,
          kind,
          payload: payload as Prisma.InputJsonValue,
          fileData,
          authorId: author.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: author.id,
        action: "review.submitted",
        entityType: "PendingChange",
        entityId: row.id,
        after: { recommendationId, kind, ...auditPayload(payload) },
      });
      return row;
    });
  } catch (error) {
    // Two submissions at the same instant: the unique index keeps one.
    if (isOneAwaiting(error)) throw new AwaitingReviewError(recommendationId);
    throw error;
  }
}

/** What the audit keeps of a payload: everything but a file's bytes (never in the payload). */
function auditPayload(payload: Payload): Record<string, unknown> {
  return { payload };
}

export async function submitStatusChange(author: ActingUser, input: ChangeStatusInput) {
  const data = parseInput(ChangeStatusSchema, input);
  const prepared = await prepareStatusEvidence(data);
  const payload: StatusPayload = {
    toStatus: data.toStatus,
    summary: data.summary,
    occurredOn: dayOf(data.occurredOn),
    evidenceIds: data.evidenceIds,
    newEvidence: prepared.map(storeEvidence),
  };
  return insertPending(author, data.recommendationId, "status", payload, fileOf(prepared), (tx) =>
    checkStatus(tx, data),
  );
}

export async function submitEvidence(author: ActingUser, input: AddEvidenceInput) {
  const { recommendationId, ...evidence } = parseInput(AddEvidenceSchema, input);
  const prepared = await prepareEvidence(evidence, "file");
  return insertPending(
    author,
    recommendationId,
    "evidence",
    storeEvidence(prepared),
    fileOf([prepared]),
    (tx) => requireActiveRecommendation(tx, recommendationId),
  );
}

/** A public note (internal notes are never public, so they never wait for review). */
export async function submitNote(author: ActingUser, input: CreateNoteInput) {
  const data = parseInput(CreateNoteSchema, input);
  if (data.visibility !== "public") {
    throw ValidationError.field("visibility", "signOff.errors.internalNote");
  }
  return insertPending(author, data.recommendationId, "note", { body: data.body }, null, (tx) =>
    requireActiveRecommendation(tx, data.recommendationId),
  );
}

// --- Reviewing -----------------------------------------------------------------------------

const DecisionSchema = z.object({
  changeId: z.string({ error: "Change is required." }).trim().min(1, "Change is required."),
  expectedVersion: versionField,
});
export type DecisionInput = { changeId: string; expectedVersion: string | number };

const ReturnSchema = DecisionSchema.extend({
  reason: requiredText("Reason", 2000),
});
export type ReturnInput = DecisionInput & { reason: string };

type LockedChange = {
  id: string;
  recommendationId: string;
  kind: PendingChangeKind;
  payload: Payload;
  fileData: Uint8Array | null;
  authorId: string | null;
  state: "awaiting" | "returned";
  version: number;
};

/** Locks a pending change and checks the version the user saw; NotFoundError when it is gone. */
async function lockChange(
  tx: Tx,
  changeId: string,
  expectedVersion: number,
): Promise<LockedChange> {
  const rows = await tx.$queryRaw<LockedChange[]>`
    SELECT "id", "recommendationId", "kind"::text AS "kind", "payload", "fileData", "authorId",
      "state"::text AS "state", "version"
    FROM "PendingChange" WHERE "id" = ${changeId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new NotFoundError("PendingChange", changeId);
  if (row.version !== expectedVersion) {
    throw new VersionConflictError({
      entityType: "PendingChange",
      entityId: changeId,
      expectedVersion,
      currentVersion: row.version,
      current: {},
      changes: [],
    });
  }
  return row;
}

function requireReviewer(user: ActingUser, change: LockedChange) {
  if (!hasRole(user, "editor")) throw new ForbiddenError("Only staff review changes.");
  if (change.authorId === user.id) {
    throw new ForbiddenError("A change is approved or sent back by someone other than its author.");
  }
}

/**
 * Another staff member approves an awaiting change: it is saved as a direct save would save
 * it (its author as author, the approver and the instant in approvedBy/approvedAt; its day
 * stays the day it happened), and the pending row is deleted, in one transaction. A change the
 * item no longer allows (the status it asks for is already the item's, its evidence archived)
 * is refused with the field named, and stays awaiting.
 */
export async function approveChange(user: ActingUser, input: DecisionInput) {
  const data = parseInput(DecisionSchema, input);
  const approved = await prisma.$transaction(async (tx) => {
    const change = await lockChange(tx, data.changeId, data.expectedVersion);
    requireReviewer(user, change);
    if (change.state !== "awaiting") {
      throw ValidationError.field("changeId", "signOff.errors.notAwaiting");
    }
    const approvedAt = new Date();
    let appliedId: string;
    // Evidence this approval adds: its links are archived once the approval has committed.
    let newEvidenceIds: string[] = [];
    if (change.kind === "status") {
      const payload = change.payload as StatusPayload;
      const prepared = payload.newEvidence.map((evidence) =>
        restoreEvidence(evidence, change.fileData),
      );
      const result = await applyStatusChange(
        tx,
        { authorId: change.authorId, approval: { approvedById: user.id, approvedAt } },
        {
          recommendationId: change.recommendationId,
          expectedVersion: null,
          toStatus: payload.toStatus,
          summary: payload.summary,
          occurredOn: dayDate(payload.occurredOn),
          evidenceIds: payload.evidenceIds,
        },
        prepared,
      );
      appliedId = result.id;
      newEvidenceIds = result.evidenceIds.filter((id) => !payload.evidenceIds.includes(id));
    } else if (change.kind === "note") {
      const payload = change.payload as NotePayload;
      const note = await insertNote(
        tx,
        change.authorId,
        { recommendationId: change.recommendationId, body: payload.body, visibility: "public" },
        user.id,
      );
      appliedId = note.id;
    } else {
      await requireActiveRecommendation(tx, change.recommendationId);
      const evidence = await insertEvidence(
        tx,
        change.authorId,
        change.recommendationId,
        restoreEvidence(change.payload as EvidencePayload, change.fileData),
        user.id,
      );
      await touchRecommendation(tx, change.recommendationId);
      appliedId = evidence.id;
      newEvidenceIds = [evidence.id];
    }
    await tx.pendingChange.delete({ where: { id: change.id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "review.approved",
      entityType: "PendingChange",
      entityId: change.id,
      before: { state: change.state, version: change.version },
      after: {
        recommendationId: change.recommendationId,
        kind: change.kind,
        authorId: change.authorId,
        appliedId,
        approvedAt: approvedAt.toISOString(),
      },
    });
    return {
      result: { kind: change.kind, appliedId, recommendationId: change.recommendationId },
      newEvidenceIds,
    };
  });
  await enqueueArchivesOf(approved.newEvidenceIds);
  return approved.result;
}

/** Another staff member sends an awaiting change back to its author, saying why. */
export async function returnChange(user: ActingUser, input: ReturnInput) {
  const data = parseInput(ReturnSchema, input);
  return prisma.$transaction(async (tx) => {
    const change = await lockChange(tx, data.changeId, data.expectedVersion);
    requireReviewer(user, change);
    if (change.state !== "awaiting") {
      throw ValidationError.field("changeId", "signOff.errors.alreadyReturned");
    }
    const returnedAt = new Date();
    await tx.pendingChange.update({
      where: { id: change.id },
      data: {
        state: "returned",
        returnReason: data.reason,
        returnedById: user.id,
        returnedAt,
        version: change.version + 1,
      },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "review.returned",
      entityType: "PendingChange",
      entityId: change.id,
      before: { state: "awaiting", version: change.version },
      after: { state: "returned", reason: data.reason, version: change.version + 1 },
    });
  });
}

function requireAuthor(user: ActingUser, change: LockedChange) {
  if (change.authorId !== user.id) {
    throw new ForbiddenError("Only the author of a change can amend or withdraw it.");
  }
}

// What an author may amend: the same fields, checked by the same rules, as when submitting.
const StatusAmendSchema = z.object({
  toStatus: ChangeStatusSchema.shape.toStatus,
  summary: ChangeStatusSchema.shape.summary,
  occurredOn: ChangeStatusSchema.shape.occurredOn,
});
const FileAmendSchema = z.object({
  title: EvidenceLinkSchema.shape.title,
  description: EvidenceLinkSchema.shape.description,
  documentedOn: EvidenceLinkSchema.shape.documentedOn,
});
const LinkAmendSchema = FileAmendSchema.extend({ url: EvidenceLinkSchema.shape.url });

export type AmendInput = DecisionInput & {
  toStatus?: string;
  summary?: string;
  occurredOn?: string;
  body?: string;
  title?: string;
  url?: string;
  description?: string;
  documentedOn?: string;
};

/**
 * The author amends a change (returned or still awaiting) and sends it for review again. The
 * fields are checked by the same schemas as a new change; evidence attached to a status change
 * stays as it was submitted.
 */
export async function amendChange(user: ActingUser, input: AmendInput) {
  const decision = parseInput(DecisionSchema, input);
  const field = (name: keyof AmendInput) => {
    const value = input[name];
    return typeof value === "string" ? value : "";
  };
  try {
    return await prisma.$transaction(async (tx) => {
      const change = await lockChange(tx, decision.changeId, decision.expectedVersion);
      requireAuthor(user, change);
      let payload: Payload;
      if (change.kind === "status") {
        const before = change.payload as StatusPayload;
        const data = parseInput(StatusAmendSchema, {
          toStatus: field("toStatus"),
          summary: field("summary"),
          occurredOn: field("occurredOn"),
        });
        if (
          STATUSES_REQUIRING_EVIDENCE.includes(data.toStatus) &&
          before.evidenceIds.length + before.newEvidence.length === 0
        ) {
          throw ValidationError.field("toStatus", "signOff.errors.evidenceNeeded");
        }
        await checkStatus(tx, {
          recommendationId: change.recommendationId,
          expectedVersion: await lockRow(tx, "Recommendation", change.recommendationId),
          ...data,
          evidenceIds: before.evidenceIds,
          newEvidence: [],
        });
        payload = {
          ...before,
          toStatus: data.toStatus,
          summary: data.summary,
          occurredOn: dayOf(data.occurredOn),
        };
      } else if (change.kind === "note") {
        const data = parseInput(CreateNoteSchema, {
          recommendationId: change.recommendationId,
          body: field("body"),
          visibility: "public",
        });
        payload = { body: data.body };
      } else {
        const before = change.payload as EvidencePayload;
        const fields = {
          title: field("title"),
          description: field("description"),
          documentedOn: field("documentedOn"),
        };
        const data = parseInput(FileAmendSchema, fields);
        const url =
          before.kind === "link"
            ? parseInput(LinkAmendSchema, { ...fields, url: field("url") }).url
            : null;
        payload = {
          ...before,
          url,
          title: data.title,
          description: data.description,
          documentedOn: dayOf(data.documentedOn),
        };
      }
      const version = change.version + 1;
      await tx.pendingChange.update({
        where: { id: change.id },
        data: {
          payload: payload as Prisma.InputJsonValue,
          state: "awaiting",
          returnReason: null,
          returnedById: null,
          returnedAt: null,
          version,
        },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "review.resubmitted",
        entityType: "PendingChange",
        entityId: change.id,
        before: { state: change.state, ...auditPayload(change.payload), version: change.version },
        after: { state: "awaiting", ...auditPayload(payload), version },
      });
      return { id: change.id, recommendationId: change.recommendationId };
    });
  } catch (error) {
    if (isOneAwaiting(error)) {
      const row = await prisma.pendingChange.findUnique({
        where: { id: decision.changeId },
        select: { recommendationId: true },
      });
      throw new AwaitingReviewError(row?.recommendationId ?? "");
    }
    throw error;
  }
}

/** The author takes their change back: it is deleted, never published. */
export async function withdrawChange(user: ActingUser, input: DecisionInput) {
  const data = parseInput(DecisionSchema, input);
  await prisma.$transaction(async (tx) => {
    const change = await lockChange(tx, data.changeId, data.expectedVersion);
    requireAuthor(user, change);
    await tx.pendingChange.delete({ where: { id: change.id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "review.withdrawn",
      entityType: "PendingChange",
      entityId: change.id,
      before: { state: change.state, kind: change.kind, ...auditPayload(change.payload) },
    });
  });
}

// --- Reading (staff only: the routes check the role before calling these) ------------------

const pendingSelect = {
  id: true,
  recommendationId: true,
  kind: true,
  payload: true,
  state: true,
  returnReason: true,
  returnedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  authorId: true,
  author: { select: { id: true, name: true } },
  returnedBy: { select: { id: true, name: true } },
  recommendation: {
    select: { id: true, reference: true, referenceEs: true, title: true, titleEs: true },
  },
} satisfies Prisma.PendingChangeSelect;

type PendingRow = Prisma.PendingChangeGetPayload<{ select: typeof pendingSelect }>;

export type PendingChangeView = Omit<PendingRow, "payload"> & {
  payload: Payload;
  /** Whether the reader may approve or send it back, and whether they may amend it. */
  canReview: boolean;
  isAuthor: boolean;
};

function toView(row: PendingRow, reader: ActingUser): PendingChangeView {
  return {
    ...row,
    payload: row.payload as Payload,
    canReview: row.state === "awaiting" && mayReview(reader, row),
    isAuthor: row.authorId === reader.id,
  };
}

/** An item's changes awaiting review or sent back, oldest first; none for readers below staff. */
export async function listItemPendingChanges(
  recommendationId: string,
  reader: ActingUser | null,
): Promise<PendingChangeView[]> {
  if (!reader || !hasRole(reader, "editor")) return [];
  const rows = await prisma.pendingChange.findMany({
    where: { recommendationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: pendingSelect,
  });
  return rows.map((row) => toView(row, reader));
}

/** The review queue: every change awaiting review or sent back, oldest first. */
export async function listReviewQueue(reader: ActingUser): Promise<PendingChangeView[]> {
  if (!hasRole(reader, "editor")) throw new ForbiddenError("Only staff see the review queue.");
  const rows = await prisma.pendingChange.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: pendingSelect,
    take: 500,
  });
  return rows.map((row) => toView(row, reader));
}

/** How many changes await review: the staff navigation's count (an index-only count). */
export function countAwaitingReview(): Promise<number> {
  return prisma.pendingChange.count({ where: { state: "awaiting" } });
}
