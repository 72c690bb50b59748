// Tags: free labels editors put on recommendations ("data-sharing", "prosecutions", …).
import type { Prisma } from "#app/generated/prisma/client.ts";
import { codedRecordEditor, type RecordValues } from "./coded-record.server.ts";
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

export type TagValues = RecordValues<TagFields>;

const editor = codedRecordEditor<TagFields, Prisma.TagGetPayload<{ select: typeof select }>>({
  entity: "Tag",
  action: "tag",
  key: "slug",
  duplicateMessage: "Slug is already used by another tag.",
  schema: TagFieldsSchema,
  select,
  delegate: (db) => db.tag,
});

export const createTag = (actorId: string, input: TagInput) => editor.create(actorId, input);
export const updateTag = (actorId: string, input: TagInput & EditKey) =>
  editor.update(actorId, input);
export const archiveTag = (actorId: string, input: ArchiveInput) => editor.archive(actorId, input);
export const unarchiveTag = (actorId: string, input: ArchiveInput) =>
  editor.unarchive(actorId, input);
export const getTag = editor.get;
export const listTags = editor.list;
