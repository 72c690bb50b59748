// Sources: the documents that issue recommendations (framework, audit report, think-tank report).
import type { Prisma } from "#app/generated/prisma/client.ts";
import { ensureSourceLink } from "#app/modules/archive/archive.server.ts";
import { enqueueArchive } from "#app/modules/archive/jobs.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { codedRecordEditor, type RecordValues } from "./coded-record.server.ts";
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
  reviewRequired: true,
  archivedAt: true,
  version: true,
} satisfies Prisma.SourceSelect;

/** The source form's values, with its id, archivedAt and version. */
export type SourceValues = RecordValues<SourceFields>;

const editor = codedRecordEditor<SourceFields, Prisma.SourceGetPayload<{ select: typeof select }>>({
  entity: "Source",
  action: "source",
  key: "code",
  duplicateMessage: "Code is already used by another source.",
  schema: SourceFieldsSchema,
  select,
  delegate: (db) => db.source,
});

/**
 * After a source is saved with a document URL (a new one, or another address), that URL is
 * archived in the background. Never in the way of the save: a failure here is only logged.
 */
async function archiveDocument(saved: SourceValues) {
  try {
    const linkId = await ensureSourceLink(saved.id, saved.url ?? null);
    if (linkId) await enqueueArchive(linkId);
  } catch (error) {
    logger.warn({ err: error, sourceId: saved.id }, "could not queue the source's archive");
  }
  return saved;
}

export const createSource = async (actorId: string, input: SourceInput) =>
  archiveDocument(await editor.create(actorId, input));
export const updateSource = async (actorId: string, input: SourceInput & EditKey) =>
  archiveDocument(await editor.update(actorId, input));
export const archiveSource = (actorId: string, input: ArchiveInput) =>
  editor.archive(actorId, input);
export const unarchiveSource = (actorId: string, input: ArchiveInput) =>
  editor.unarchive(actorId, input);
export const getSource = editor.get;
export const listSources = editor.list;
