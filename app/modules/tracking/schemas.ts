// Input schemas of the tracking workflow (status changes, evidence, notes, tracking fields), shared
// by the server functions and the forms. Field names here are the form's field names, and the
// keys of ValidationError.fieldErrors.
import { z } from "zod";
import { NoteVisibility, OfficialStatus, Priority, Status } from "#app/generated/prisma/enums.ts";
import {
  calendarDate,
  expectedVersion,
  httpUrl,
  id,
  idList,
  optionalCalendarDate,
  optionalEnum,
  optionalText,
  requiredText,
  type DateValue,
  type EnumValue,
  type ListValue,
  type TextValue,
  type VersionValue,
} from "./fields.ts";

/** Largest evidence file: 10 MB. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** For <input type="file" accept=…>: the server still checks the content. */
export const ACCEPTED_FILE_TYPES = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.csv";

/** Moving to these needs at least one piece of evidence on the change. */
export const STATUSES_REQUIRING_EVIDENCE: readonly Status[] = [
  "partially_implemented",
  "implemented",
];

export const SUMMARY_MAX = 5000;
export const NOTE_MAX = 20_000;
export const URL_MAX = 2000;

/** What a browser's File gives (and what tests build with `new File(...)`). */
export type UploadedFile = {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
};

function isUploadedFile(value: unknown): value is UploadedFile {
  if (typeof value !== "object" || value === null) return false;
  const file = value as Partial<UploadedFile>;
  return (
    typeof file.name === "string" &&
    file.name !== "" &&
    typeof file.size === "number" &&
    file.size > 0 &&
    typeof file.arrayBuffer === "function"
  );
}

const uploadedFile = z
  .custom<UploadedFile>(isUploadedFile, { error: "File: choose a file to upload." })
  .refine((file) => file.size <= MAX_FILE_BYTES, "File is too large: the limit is 10 MB.");

const evidenceDetails = {
  title: requiredText("Title", 300),
  description: optionalText("Description", 5000),
  documentedOn: optionalCalendarDate("Documented on", { notFuture: true }),
};

export const EvidenceLinkSchema = z.object({
  kind: z.literal("link"),
  url: httpUrl("Link", URL_MAX),
  ...evidenceDetails,
});

export const EvidenceFileSchema = z.object({
  kind: z.literal("file"),
  file: uploadedFile,
  ...evidenceDetails,
});

const kindMessage = "Kind: choose whether the evidence is a link or a file.";

/** A new piece of evidence: a link or an uploaded file. */
export const NewEvidenceSchema = z.discriminatedUnion(
  "kind",
  [EvidenceLinkSchema, EvidenceFileSchema],
  {
    error: kindMessage,
  },
);
type EvidenceDetailsInput = {
  title: string;
  description?: TextValue;
  /** The date the evidence documents, "YYYY-MM-DD"; not in the future. */
  documentedOn?: DateValue;
};
export type NewEvidenceInput =
  | ({ kind: "link"; url: string } & EvidenceDetailsInput)
  | ({ kind: "file"; file: UploadedFile } & EvidenceDetailsInput);
export type NewEvidence = z.output<typeof NewEvidenceSchema>;

const recommendationId = id("Recommendation");

export const AddEvidenceSchema = z.discriminatedUnion(
  "kind",
  [
    EvidenceLinkSchema.extend({ recommendationId }),
    EvidenceFileSchema.extend({ recommendationId }),
  ],
  { error: kindMessage },
);
export type AddEvidenceInput = NewEvidenceInput & { recommendationId: string };

/** Editing evidence: its details, and the address of a link (a file is replaced by a new one). */
export const UpdateEvidenceSchema = z.object({
  recommendationId,
  evidenceId: id("Evidence"),
  expectedVersion,
  url: z.preprocess(
    (value) => (value === "" ? undefined : value),
    httpUrl("Link", URL_MAX).optional(),
  ),
  ...evidenceDetails,
});
export type UpdateEvidenceInput = EvidenceDetailsInput & {
  /** The recommendation whose page the form is on: the evidence must be one of its own. */
  recommendationId: string;
  evidenceId: string;
  expectedVersion: VersionValue;
  /** Required for a link, ignored for a file. */
  url?: TextValue;
};

export const ArchiveEvidenceSchema = z.object({
  recommendationId,
  evidenceId: id("Evidence"),
  expectedVersion,
});
export type ArchiveEvidenceInput = {
  /** The recommendation whose page the form is on: the evidence must be one of its own. */
  recommendationId: string;
  evidenceId: string;
  expectedVersion: VersionValue;
};

export const ChangeStatusSchema = z
  .object({
    recommendationId,
    expectedVersion,
    toStatus: z.enum(Status, { error: "New status: choose a status." }),
    summary: requiredText("Summary", SUMMARY_MAX),
    occurredOn: calendarDate("Date of the change", { notFuture: true }),
    /** Existing evidence of the same recommendation that the change rests on. */
    evidenceIds: idList("Evidence"),
    /** Evidence added with the change. */
    newEvidence: z.preprocess(
      (value) => (value === undefined || value === null ? [] : value),
      z.array(NewEvidenceSchema).max(20, "New evidence: add at most 20 items at once."),
    ),
  })
  .superRefine((input, context) => {
    if (
      STATUSES_REQUIRING_EVIDENCE.includes(input.toStatus) &&
      input.evidenceIds.length + input.newEvidence.length === 0
    ) {
      context.addIssue({
        code: "custom",
        path: ["evidenceIds"],
        message:
          "Evidence: this status needs at least one piece of evidence. Choose existing evidence or add a link or file.",
      });
    }
  });
export type ChangeStatusInput = {
  recommendationId: string;
  expectedVersion: VersionValue;
  toStatus: EnumValue<Status>;
  summary: TextValue;
  /** "YYYY-MM-DD", not in the future. */
  occurredOn: DateValue;
  evidenceIds?: ListValue;
  newEvidence?: NewEvidenceInput[] | null;
};

const noteBody = requiredText("Note", NOTE_MAX);
const visibility = z.preprocess(
  (value) => (value === undefined || value === "" ? "internal" : value),
  z.enum(NoteVisibility, { error: "Visibility: choose internal or public." }),
);

export const CreateNoteSchema = z.object({ recommendationId, body: noteBody, visibility });
export type CreateNoteInput = {
  recommendationId: string;
  body: TextValue;
  /** Internal (staff only) unless "public". */
  visibility?: EnumValue<NoteVisibility>;
};

export const EditNoteSchema = z.object({
  recommendationId,
  noteId: id("Note"),
  expectedVersion,
  body: noteBody,
  visibility,
});
export type EditNoteInput = {
  /** The recommendation whose page the form is on: the note must be one of its own. */
  recommendationId: string;
  noteId: string;
  expectedVersion: VersionValue;
  body: TextValue;
  visibility?: EnumValue<NoteVisibility>;
};

export const DeleteNoteSchema = z.object({ recommendationId, noteId: id("Note"), expectedVersion });
export type DeleteNoteInput = {
  /** The recommendation whose page the form is on: the note must be one of its own. */
  recommendationId: string;
  noteId: string;
  expectedVersion: VersionValue;
};

/**
 * The tracking fields of a recommendation. The whole set is saved at once, as the form shows it:
 * a field left out is cleared (null, or no actors/goals/tags).
 */
export const UpdateTrackingSchema = z
  .object({
    recommendationId,
    expectedVersion,
    statusOfficial: optionalEnum(OfficialStatus, "Official status: choose a listed value."),
    statusOfficialAsOf: optionalCalendarDate("Official status date", { notFuture: true }),
    /** Responsible actors, by id or code ("ATF"). */
    actors: idList("Responsible actors"),
    /** Framework goals, by id or code ("1.1.1"). */
    goals: idList("Framework goals"),
    /** Tags, by id or slug. */
    tags: idList("Tags"),
    priority: optionalEnum(Priority, "Priority: choose low, medium or high."),
    dueDate: optionalCalendarDate("Due date"),
    /** What public sources say of the status, as background (not the tracker's assessment). */
    statusNote: optionalText("Background on status", 4000),
  })
  .superRefine((input, context) => {
    if (input.statusOfficial && !input.statusOfficialAsOf) {
      context.addIssue({
        code: "custom",
        path: ["statusOfficialAsOf"],
        message: "Official status date is required when an official status is given.",
      });
    }
  })
  .transform((input) => ({
    ...input,
    statusOfficialAsOf: input.statusOfficial ? input.statusOfficialAsOf : null,
  }));
export type UpdateTrackingInput = {
  recommendationId: string;
  expectedVersion: VersionValue;
  statusOfficial?: EnumValue<OfficialStatus>;
  statusOfficialAsOf?: DateValue;
  actors?: ListValue;
  goals?: ListValue;
  tags?: ListValue;
  priority?: EnumValue<Priority>;
  dueDate?: DateValue;
  statusNote?: TextValue;
};
export type UpdateTracking = z.output<typeof UpdateTrackingSchema>;
