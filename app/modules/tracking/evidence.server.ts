// Evidence: links and uploaded files that a recommendation's status rests on. File bytes live in
// EvidenceFile and are read only for download.
import { createHash } from "node:crypto";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { ensureEvidenceLink } from "#app/modules/archive/archive.server.ts";
import { enqueueArchiveOf } from "#app/modules/archive/jobs.server.ts";
import { recordAudit, auditDiff } from "#app/modules/audit/audit.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { ArchivedError, NotFoundError, ValidationError } from "#app/utils/domain-errors.ts";
import { cleanFileName, detectFileType } from "#app/utils/file-type.server.ts";
import { dayOf } from "#app/utils/dates.ts";
import { parseInput } from "./fields.ts";
import {
  AddEvidenceSchema,
  ArchiveEvidenceSchema,
  MAX_FILE_BYTES,
  UpdateEvidenceSchema,
  type AddEvidenceInput,
  type ArchiveEvidenceInput,
  type NewEvidence,
  type UpdateEvidenceInput,
} from "./schemas.ts";
import { personSelect } from "./people.server.ts";
import { lockAndCheckVersion } from "./versioning.server.ts";

/** Evidence checked and read, ready to insert. */
export type PreparedEvidence = {
  kind: "link" | "file";
  url: string | null;
  title: string;
  description: string | null;
  documentedOn: Date | null;
  file: {
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    sha256: string;
    data: Uint8Array<ArrayBuffer>;
  } | null;
};

/** What listing evidence returns: never the file's bytes. */
export const evidenceListSelect = {
  id: true,
  recommendationId: true,
  kind: true,
  url: true,
  title: true,
  description: true,
  documentedOn: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  archivedAt: true,
  version: true,
  createdAt: true,
  // Everything showPerson needs: staff read the name, the public a chosen name or the role.
  createdBy: personSelect,
} satisfies Prisma.EvidenceSelect;

export type EvidenceItem = Prisma.EvidenceGetPayload<{ select: typeof evidenceListSelect }>;

/**
 * A file name safe to store and show: no directories, control characters or characters that
 * break headers and file systems, at most 150 characters, keeping its extension.
 */
export function sanitizeFileName(name: string, extension: string): string {
  return cleanFileName(name, `evidence.${extension}`);
}

/** The file name as plain ASCII for `filename="…"` (non-ASCII characters become "_"). */
export function asciiFileName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%]/g, "_");
}

/** A Content-Disposition header value that downloads the file under its (sanitized) name. */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encoded}`;
}

/**
 * Reads and checks a new piece of evidence before the transaction: a file must be at most 10 MB
 * and a PDF, PNG, JPEG, DOCX, XLSX or CSV by its content, with a name that agrees. Errors name
 * `fileField` (the form's name for the file input).
 */
export async function prepareEvidence(
  evidence: NewEvidence,
  fileField = "file",
): Promise<PreparedEvidence> {
  const common = {
    title: evidence.title,
    description: evidence.description,
    documentedOn: evidence.documentedOn,
  };
  if (evidence.kind === "link") {
    return { kind: "link", url: evidence.url, ...common, file: null };
  }
  const upload = evidence.file;
  if (upload.size > MAX_FILE_BYTES) {
    throw ValidationError.field(fileField, "File is too large: the limit is 10 MB.");
  }
  const data = new Uint8Array(await upload.arrayBuffer());
  if (data.byteLength > MAX_FILE_BYTES) {
    throw ValidationError.field(fileField, "File is too large: the limit is 10 MB.");
  }
  if (data.byteLength === 0) {
    throw ValidationError.field(fileField, "File is empty.");
  }
  const type = await detectFileType(upload.name, data);
  if (!type) {
    throw ValidationError.field(
      fileField,
      "File must be a PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or CSV file, and its name must end with the matching extension.",
    );
  }
  return {
    kind: "file",
    url: null,
    ...common,
    file: {
      fileName: sanitizeFileName(upload.name, type.extension),
      mimeType: type.mimeType,
      sizeBytes: data.byteLength,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
    },
  };
}

function auditValues(evidence: {
  kind: string;
  url: string | null;
  title: string;
  description: string | null;
  documentedOn: Date | null;
}) {
  return {
    kind: evidence.kind,
    url: evidence.url,
    title: evidence.title,
    description: evidence.description,
    documentedOn: dayOf(evidence.documentedOn),
  };
}

/**
 * Inserts prepared evidence and its audit event in the caller's transaction. `authorId` added
 * it; the audit names `auditActorId` (who approved it, for evidence that waited for review).
 */
export async function insertEvidence(
  tx: Tx,
  authorId: string | null,
  recommendationId: string,
  evidence: PreparedEvidence,
  auditActorId: string | null = authorId,
): Promise<EvidenceItem> {
  const row = await tx.evidence.create({
    data: {
      recommendationId,
      kind: evidence.kind,
      url: evidence.url,
      title: evidence.title,
      description: evidence.description,
      documentedOn: evidence.documentedOn,
      fileName: evidence.file?.fileName ?? null,
      mimeType: evidence.file?.mimeType ?? null,
      sizeBytes: evidence.file?.sizeBytes ?? null,
      createdById: authorId,
      file: evidence.file
        ? { create: { data: evidence.file.data, sha256: evidence.file.sha256 } }
        : undefined,
    },
    select: evidenceListSelect,
  });
  // Archived in the background once this commits (addEvidence sends the job; the pending sweep
  // takes links added by other paths).
  if (row.kind === "link") await ensureEvidenceLink(tx, row.id, row.url);
  await recordAudit(tx, {
    actorId: auditActorId,
    action: "evidence.added",
    entityType: "Evidence",
    entityId: row.id,
    after: {
      ...(auditActorId !== authorId && { authorId }),
      recommendationId,
      ...auditValues(row),
      fileName: row.fileName,
      mimeType: row.mimeType,
      sizeBytes: row.sizeBytes,
      sha256: evidence.file?.sha256 ?? null,
      version: row.version,
    },
  });
  return row;
}

/**
 * Locks a recommendation against archiving until the transaction ends and checks that it is not
 * archived: NotFoundError when there is none, ArchivedError when it is archived.
 */
export async function requireActiveRecommendation(tx: Tx, recommendationId: string) {
  const rows = await tx.$queryRaw<Array<{ archivedAt: Date | null }>>`
    SELECT "archivedAt" FROM "Recommendation" WHERE "id" = ${recommendationId} FOR KEY SHARE`;
  if (!rows[0]) throw new NotFoundError("Recommendation", recommendationId);
  if (rows[0].archivedAt) throw new ArchivedError("Recommendation", recommendationId);
}

export async function touchRecommendation(tx: Tx, recommendationId: string) {
  await tx.recommendation.update({
    where: { id: recommendationId },
    data: { lastActivityAt: new Date() },
  });
}

/** Adds a link or file to a recommendation. Updates its lastActivityAt, not its version. */
export async function addEvidence(actorId: string, input: AddEvidenceInput): Promise<EvidenceItem> {
  const { recommendationId, ...evidence } = parseInput(AddEvidenceSchema, input);
  const prepared = await prepareEvidence(evidence, "file");
  const row = await prisma.$transaction(async (tx) => {
    await requireActiveRecommendation(tx, recommendationId);
    const row = await insertEvidence(tx, actorId, recommendationId, prepared);
    await touchRecommendation(tx, recommendationId);
    return row;
  });
  // After the commit, so the job finds the row; a failure to queue never undoes the save.
  if (row.kind === "link") await enqueueArchiveOf({ evidenceId: row.id }).catch(() => false);
  return row;
}

/** The evidence form's fields. */
function evidenceValues(row: EvidenceItem) {
  return {
    kind: row.kind,
    title: row.title,
    description: row.description,
    documentedOn: dayOf(row.documentedOn),
    url: row.url,
    fileName: row.fileName,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
  };
}

async function loadEvidence(tx: Tx, evidenceId: string) {
  const row = await tx.evidence.findUnique({
    where: { id: evidenceId },
    select: { ...evidenceListSelect, recommendation: { select: { archivedAt: true } } },
  });
  if (!row) throw new NotFoundError("Evidence", evidenceId);
  return row;
}

/**
 * The start of a change to a piece of evidence: it must belong to the recommendation the page
 * names (NotFoundError otherwise, as for an unknown id), and that recommendation must not be
 * archived (ArchivedError). Checked before the version, so a stale form on another item's page
 * learns nothing about the evidence.
 */
async function requireEvidenceOf(tx: Tx, recommendationId: string, evidenceId: string) {
  const rows = await tx.$queryRaw<Array<{ recommendationId: string }>>`
    SELECT "recommendationId" FROM "Evidence" WHERE "id" = ${evidenceId}`;
  if (rows[0]?.recommendationId !== recommendationId) {
    throw new NotFoundError("Evidence", evidenceId);
  }
  await requireActiveRecommendation(tx, recommendationId);
}

/** Edits a piece of evidence's title, description, date and (for a link) address. */
export async function updateEvidence(
  actorId: string,
  input: UpdateEvidenceInput,
): Promise<EvidenceItem> {
  const data = parseInput(UpdateEvidenceSchema, input);
  let linkMoved = false;
  const updated = await prisma.$transaction(async (tx) => {
    await requireEvidenceOf(tx, data.recommendationId, data.evidenceId);
    const version = await lockAndCheckVersion(
      tx,
      "Evidence",
      data.evidenceId,
      data.expectedVersion,
      async () => evidenceValues(await loadEvidence(tx, data.evidenceId)),
    );
    const before = await loadEvidence(tx, data.evidenceId);
    if (before.archivedAt) throw new NotFoundError("Evidence", data.evidenceId);
    if (before.kind === "link" && data.url === undefined) {
      throw ValidationError.field("url", "Link is required.");
    }
    const changes = {
      title: data.title,
      description: data.description,
      documentedOn: data.documentedOn,
      url: before.kind === "link" ? (data.url ?? null) : null,
    };
    const row = await tx.evidence.update({
      where: { id: data.evidenceId },
      data: { ...changes, version },
      select: evidenceListSelect,
    });
    const diff = auditDiff(auditValues(before), auditValues({ ...before, ...changes }));
    await recordAudit(tx, {
      actorId,
      action: "evidence.edited",
      entityType: "Evidence",
      entityId: row.id,
      before: { ...diff.before, version: before.version },
      after: { ...diff.after, version },
    });
    if (row.kind === "link") linkMoved = (await ensureEvidenceLink(tx, row.id, row.url)) !== null;
    await touchRecommendation(tx, row.recommendationId);
    return row;
  });
  if (linkMoved) await enqueueArchiveOf({ evidenceId: updated.id }).catch(() => false);
  return updated;
}

/** Archives a piece of evidence: it leaves lists and downloads but stays in the audit trail. */
export async function archiveEvidence(
  actorId: string,
  input: ArchiveEvidenceInput,
): Promise<EvidenceItem> {
  const data = parseInput(ArchiveEvidenceSchema, input);
  return prisma.$transaction(async (tx) => {
    await requireEvidenceOf(tx, data.recommendationId, data.evidenceId);
    const version = await lockAndCheckVersion(
      tx,
      "Evidence",
      data.evidenceId,
      data.expectedVersion,
      async () => evidenceValues(await loadEvidence(tx, data.evidenceId)),
    );
    const before = await loadEvidence(tx, data.evidenceId);
    if (before.archivedAt) throw new NotFoundError("Evidence", data.evidenceId);
    const row = await tx.evidence.update({
      where: { id: data.evidenceId },
      data: { archivedAt: new Date(), version },
      select: evidenceListSelect,
    });
    await recordAudit(tx, {
      actorId,
      action: "evidence.archived",
      entityType: "Evidence",
      entityId: row.id,
      before: { archivedAt: null, version: before.version },
      after: { archivedAt: row.archivedAt, version },
    });
    await touchRecommendation(tx, row.recommendationId);
    return row;
  });
}

/** A recommendation's evidence, newest first, without file bytes. */
export async function listEvidence(
  recommendationId: string,
  options: { includeArchived?: boolean } = {},
): Promise<EvidenceItem[]> {
  return prisma.evidence.findMany({
    where: { recommendationId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: evidenceListSelect,
  });
}

export type EvidenceDownload = {
  /** Sanitized, ASCII-only: safe inside `filename="…"`. */
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  data: Uint8Array;
  /** The whole Content-Disposition header value, with the UTF-8 name as filename*. */
  contentDisposition: string;
};

/** An evidence file for download; NotFoundError for links, archived evidence or items. */
export async function getEvidenceFile(evidenceId: string): Promise<EvidenceDownload> {
  const row = await prisma.evidence.findFirst({
    where: {
      id: evidenceId,
      kind: "file",
      archivedAt: null,
      recommendation: { archivedAt: null },
    },
    select: { fileName: true, mimeType: true, file: { select: { data: true, sha256: true } } },
  });
  if (!row || !row.file) throw new NotFoundError("Evidence", evidenceId);
  const name = row.fileName ?? "evidence";
  return {
    fileName: asciiFileName(name),
    mimeType: row.mimeType ?? "application/octet-stream",
    sizeBytes: row.file.data.byteLength,
    sha256: row.file.sha256,
    data: row.file.data,
    contentDisposition: contentDisposition(name),
  };
}
