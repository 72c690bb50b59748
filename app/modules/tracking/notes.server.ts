// Notes: markdown written by staff, internal (staff only) or public, shown as sanitized HTML.
// Only the author edits a note (the earlier text is kept as a NoteRevision); only admins delete.
import type { z } from "zod";
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { NoteVisibility, Role } from "#app/generated/prisma/enums.ts";
import { auditDiff, recordAudit } from "#app/modules/audit/audit.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { ForbiddenError, NotFoundError } from "#app/utils/domain-errors.ts";
import { renderMarkdown } from "#app/utils/markdown.server.ts";
import { requireActiveRecommendation } from "./evidence.server.ts";
import { parseInput } from "./fields.ts";
import {
  CreateNoteSchema,
  DeleteNoteSchema,
  EditNoteSchema,
  type CreateNoteInput,
  type DeleteNoteInput,
  type EditNoteInput,
} from "./schemas.ts";
import { lockRow, assertVersion } from "./versioning.server.ts";

export type ActingUser = { id: string; role: Role };

export type NoteView = {
  id: string;
  recommendationId: string;
  /** The markdown, for the author's edit form. */
  body: string;
  /** Rendered and sanitized: safe to insert as HTML. */
  html: string;
  visibility: NoteVisibility;
  author: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** How many times it was edited (earlier texts kept). */
  revisionCount: number;
};

const noteSelect = {
  id: true,
  recommendationId: true,
  body: true,
  visibility: true,
  authorId: true,
  deletedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  _count: { select: { revisions: true } },
} satisfies Prisma.NoteSelect;

type NoteRow = Prisma.NoteGetPayload<{ select: typeof noteSelect }>;

function toView(row: NoteRow): NoteView {
  return {
    id: row.id,
    recommendationId: row.recommendationId,
    body: row.body,
    html: renderMarkdown(row.body),
    visibility: row.visibility,
    author: row.author,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    revisionCount: row._count.revisions,
  };
}

/** The note form's fields. */
function noteValues(row: { body: string; visibility: NoteVisibility; version: number }) {
  return { body: row.body, visibility: row.visibility, version: row.version };
}

async function loadNote(tx: Tx, noteId: string): Promise<NoteRow> {
  const row = await tx.note.findUnique({ where: { id: noteId }, select: noteSelect });
  if (!row || row.deletedAt) throw new NotFoundError("Note", noteId);
  return row;
}

/**
 * The start of a change to a note: it must belong to the recommendation the page names
 * (NotFoundError otherwise, as for an unknown id), and that recommendation must not be archived
 * (ArchivedError). Then the note's row is locked; returns its version.
 */
async function lockNoteOf(tx: Tx, recommendationId: string, noteId: string): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ recommendationId: string }>>`
    SELECT "recommendationId" FROM "Note" WHERE "id" = ${noteId}`;
  if (rows[0]?.recommendationId !== recommendationId) throw new NotFoundError("Note", noteId);
  await requireActiveRecommendation(tx, recommendationId);
  return lockRow(tx, "Note", noteId);
}

async function touchRecommendation(tx: Tx, recommendationId: string) {
  await tx.recommendation.update({
    where: { id: recommendationId },
    data: { lastActivityAt: new Date() },
  });
}

export async function createNote(actorId: string, input: CreateNoteInput): Promise<NoteView> {
  const data = parseInput(CreateNoteSchema, input);
  return prisma.$transaction((tx) => insertNote(tx, actorId, data));
}

/**
 * Writes a checked new note in the caller's transaction: saved at once, or applied when its
 * review is approved (then the audit names the approver, `auditActorId`).
 */
export async function insertNote(
  tx: Tx,
  authorId: string | null,
  data: z.output<typeof CreateNoteSchema>,
  auditActorId: string | null = authorId,
): Promise<NoteView> {
  await requireActiveRecommendation(tx, data.recommendationId);
  const row = await tx.note.create({
    data: {
      recommendationId: data.recommendationId,
      authorId,
      body: data.body,
      visibility: data.visibility,
    },
    select: noteSelect,
  });
  await recordAudit(tx, {
    actorId: auditActorId,
    action: "note.created",
    entityType: "Note",
    entityId: row.id,
    after: {
      ...(auditActorId !== authorId && { authorId }),
      recommendationId: row.recommendationId,
      ...noteValues(row),
    },
  });
  await touchRecommendation(tx, row.recommendationId);
  return toView(row);
}

/**
 * The author edits their note: the previous text and visibility are kept as a NoteRevision.
 * ForbiddenError for anyone else (admins included), VersionConflictError for a stale version.
 */
export async function editNote(actor: ActingUser, input: EditNoteInput): Promise<NoteView> {
  const data = parseInput(EditNoteSchema, input);
  return prisma.$transaction(async (tx) => {
    const storedVersion = await lockNoteOf(tx, data.recommendationId, data.noteId);
    const before = await loadNote(tx, data.noteId);
    if (before.authorId !== actor.id) {
      throw new ForbiddenError("Only the author of a note can edit it.");
    }
    const version = await assertVersion(
      tx,
      "Note",
      data.noteId,
      { expectedVersion: data.expectedVersion, storedVersion },
      async () => noteValues(before),
    );
    if (before.body === data.body && before.visibility === data.visibility) return toView(before);
    await tx.noteRevision.create({
      data: {
        noteId: before.id,
        body: before.body,
        visibility: before.visibility,
        editedById: actor.id,
      },
    });
    const row = await tx.note.update({
      where: { id: before.id },
      data: { body: data.body, visibility: data.visibility, version },
      select: noteSelect,
    });
    const diff = auditDiff(noteValues(before), { body: data.body, visibility: data.visibility });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "note.edited",
      entityType: "Note",
      entityId: row.id,
      before: { ...diff.before, version: before.version },
      after: { ...diff.after, version },
    });
    await touchRecommendation(tx, row.recommendationId);
    return toView(row);
  });
}

/** Admins delete notes: a soft delete (deletedAt), kept for the audit trail. */
export async function deleteNote(actor: ActingUser, input: DeleteNoteInput): Promise<void> {
  if (actor.role !== "admin") throw new ForbiddenError("Only administrators can delete notes.");
  const data = parseInput(DeleteNoteSchema, input);
  await prisma.$transaction(async (tx) => {
    const storedVersion = await lockNoteOf(tx, data.recommendationId, data.noteId);
    const before = await loadNote(tx, data.noteId);
    const version = await assertVersion(
      tx,
      "Note",
      data.noteId,
      { expectedVersion: data.expectedVersion, storedVersion },
      async () => noteValues(before),
    );
    const deletedAt = new Date();
    await tx.note.update({ where: { id: before.id }, data: { deletedAt, version } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "note.deleted",
      entityType: "Note",
      entityId: before.id,
      before: { ...noteValues(before), deletedAt: null },
      after: { deletedAt, version },
    });
  });
}

/** A recommendation's notes, newest first, deleted ones left out; internal ones only for staff. */
export async function listNotes(
  recommendationId: string,
  options: { includeInternal: boolean },
): Promise<NoteView[]> {
  const rows = await prisma.note.findMany({
    where: {
      recommendationId,
      deletedAt: null,
      ...(options.includeInternal ? {} : { visibility: "public" }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: noteSelect,
  });
  return rows.map(toView);
}
