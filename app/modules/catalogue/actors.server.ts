// Actors: the agencies and others a recommendation is addressed to (ATF, ICE, SRE, FGR, …).
import type { Prisma } from "#app/generated/prisma/client.ts";
import { codedRecordEditor, type RecordValues } from "./coded-record.server.ts";
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
  abbreviation: true,
  country: true,
  archivedAt: true,
  version: true,
} satisfies Prisma.ActorSelect;

export type ActorValues = RecordValues<ActorFields>;

const editor = codedRecordEditor<ActorFields, Prisma.ActorGetPayload<{ select: typeof select }>>({
  entity: "Actor",
  action: "actor",
  key: "code",
  duplicateMessage: "Code is already used by another actor.",
  schema: ActorFieldsSchema,
  select,
  delegate: (db) => db.actor,
});

export const createActor = (actorId: string, input: ActorInput) => editor.create(actorId, input);
export const updateActor = (actorId: string, input: ActorInput & EditKey) =>
  editor.update(actorId, input);
/** Archived actors stay on the items that name them but cannot be newly assigned. */
export const archiveActor = (actorId: string, input: ArchiveInput) =>
  editor.archive(actorId, input);
export const unarchiveActor = (actorId: string, input: ArchiveInput) =>
  editor.unarchive(actorId, input);
export const getActor = editor.get;
export const listActors = editor.list;
