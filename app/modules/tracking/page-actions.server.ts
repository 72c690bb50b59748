// The recommendation page's forms: turns each posted form into a call of the tracking domain and
// its outcome into what the page shows (errors next to fields, the conflict, the typed values).
import { data } from "react-router";
import type { Role } from "#app/generated/prisma/enums.ts";
import {
  ValidationError,
  type ConflictChange,
  type VersionConflictError,
} from "#app/utils/domain-errors.ts";
import { typedValues, type FormValues } from "#app/utils/forms.ts";
import { domainErrorStatus, throwUnlessFormError } from "#app/utils/http.server.ts";
import {
  AwaitingReviewError,
  needsReview,
  submitEvidence,
  submitNote,
  submitStatusChange,
} from "#app/modules/review/review.server.ts";
import { addEvidence, archiveEvidence } from "./evidence.server.ts";
import { createNote, deleteNote, editNote } from "./notes.server.ts";
import type { NewEvidenceInput, UploadedFile } from "./schemas.ts";
import { changeStatus } from "./status-change.server.ts";
import { markVerified, updateTracking } from "./tracking-fields.server.ts";

export const trackingIntents = [
  "status",
  "evidence-add",
  "evidence-archive",
  "tracking",
  "verify",
  "note-add",
  "note-edit",
  "note-delete",
] as const;
export type TrackingIntent = (typeof trackingIntents)[number];

export type { FormValues } from "#app/utils/forms.ts";

export type ConflictView = {
  currentVersion: number;
  changes: Array<{
    at: string;
    actor: string | null;
    action: string;
    fields: Array<{ field: string; before: unknown; after: unknown }>;
  }>;
};

export type TrackingActionResult = {
  intent: TrackingIntent;
  /** The note a note-edit or note-delete was about. */
  targetId?: string;
  ok: boolean;
  fieldErrors?: Record<string, string[]>;
  values?: FormValues;
  conflict?: ConflictView;
  /** Saved as a change awaiting review (sign-off), not published. */
  sentForReview?: boolean;
  /** Not saved: another change of the item already awaits review (the typed values are kept). */
  awaitingReview?: boolean;
};

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

const file = (form: FormData, name: string): UploadedFile | null => {
  const value = form.get(name);
  return value instanceof File && value.size > 0 && value.name ? value : null;
};

/** The form's text fields (files left out), for showing the form again as the user filled it. */
const valuesOf = (form: FormData) =>
  typedValues(form, { lists: ["actors", "goals", "tags", "evidenceIds"] });

export function conflictView(error: VersionConflictError): ConflictView {
  const fields = (change: ConflictChange) => {
    const before = change.before ?? {};
    const after = change.after ?? {};
    return Object.keys(after)
      .filter((field) => field !== "version")
      .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
  };
  return {
    currentVersion: error.currentVersion,
    changes: error.changes.map((change) => ({
      at: change.at.toISOString(),
      actor: change.actor?.name ?? null,
      action: change.action,
      fields: fields(change),
    })),
  };
}

/** The status form's new evidence: an optional link and an optional file, in that order. */
function newEvidenceOf(form: FormData) {
  const items: NewEvidenceInput[] = [];
  const fieldFor: Record<string, string> = {};
  const linkUrl = text(form, "linkUrl").trim();
  if (linkUrl || text(form, "linkTitle").trim()) {
    fieldFor[`newEvidence[${items.length}].url`] = "linkUrl";
    fieldFor[`newEvidence[${items.length}].title`] = "linkTitle";
    items.push({ kind: "link", url: linkUrl, title: text(form, "linkTitle") });
  }
  const upload = file(form, "file");
  if (upload || text(form, "fileTitle").trim()) {
    fieldFor[`newEvidence[${items.length}].file`] = "file";
    fieldFor[`newEvidence[${items.length}].title`] = "fileTitle";
    items.push({ kind: "file", file: upload as UploadedFile, title: text(form, "fileTitle") });
  }
  return { items, fieldFor };
}

function renameFields(errors: Record<string, string[]>, names: Record<string, string>) {
  const renamed: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors))
    (renamed[names[key] ?? key] ??= []).push(...messages);
  return renamed;
}

/**
 * Runs one of the page's forms for a logged-in editor (the route checks the role). Domain
 * validation failures come back as 422 and conflicts as 409, both with the typed values;
 * a forbidden action is a 403 and a missing record a 404 (a note or evidence of another item
 * too), as error pages; any change to an archived item is refused with a 409 that says so.
 */
export async function runTrackingAction(
  user: { id: string; role: Role },
  recommendationId: string,
  form: FormData,
) {
  const intent = text(form, "intent") as TrackingIntent;
  if (!trackingIntents.includes(intent)) {
    throw data({ field: "intent", message: "unknown form" }, { status: 400 });
  }
  const targetId = text(form, "noteId") || undefined;
  let fieldNames: Record<string, string> = {};
  // Sign-off: where it is required, an editor's status change, evidence and public note wait
  // for another staff member's approval instead of being saved (review.server.ts).
  const reviewed =
    (intent === "status" ||
      intent === "evidence-add" ||
      (intent === "note-add" && text(form, "visibility") === "public")) &&
    (await needsReview(user, recommendationId));
  try {
    switch (intent) {
      case "status": {
        const evidence = newEvidenceOf(form);
        fieldNames = evidence.fieldFor;
        const input = {
          recommendationId,
          expectedVersion: text(form, "expectedVersion"),
          toStatus: text(form, "toStatus"),
          summary: text(form, "summary"),
          occurredOn: text(form, "occurredOn"),
          evidenceIds: form.getAll("evidenceIds").map(String),
          newEvidence: evidence.items,
        };
        if (reviewed) await submitStatusChange(user, input);
        else await changeStatus(user.id, input);
        break;
      }
      case "evidence-add": {
        const upload = file(form, "file");
        const details = {
          recommendationId,
          title: text(form, "title"),
          description: text(form, "description"),
          documentedOn: text(form, "documentedOn"),
        };
        const input =
          text(form, "kind") === "file"
            ? { ...details, kind: "file" as const, file: upload as UploadedFile }
            : { ...details, kind: "link" as const, url: text(form, "url") };
        if (reviewed) await submitEvidence(user, input);
        else await addEvidence(user.id, input);
        break;
      }
      case "evidence-archive":
        await archiveEvidence(user.id, {
          recommendationId,
          evidenceId: text(form, "evidenceId"),
          expectedVersion: text(form, "expectedVersion"),
        });
        break;
      case "tracking":
        await updateTracking(user.id, {
          recommendationId,
          expectedVersion: text(form, "expectedVersion"),
          statusOfficial: text(form, "statusOfficial"),
          statusOfficialAsOf: text(form, "statusOfficialAsOf"),
          actors: form.getAll("actors").map(String),
          goals: form.getAll("goals").map(String),
          tags: form.getAll("tags").map(String),
          priority: text(form, "priority"),
          dueDate: text(form, "dueDate"),
          statusNote: text(form, "statusNote"),
        });
        break;
      case "verify":
        await markVerified(recommendationId, user.id);
        break;
      case "note-add": {
        const input = {
          recommendationId,
          body: text(form, "body"),
          visibility: text(form, "visibility"),
        };
        if (reviewed) await submitNote(user, input);
        else await createNote(user.id, input);
        break;
      }
      case "note-edit":
        // An edited public note would be public at once: where sign-off applies, it may not.
        if (text(form, "visibility") === "public" && (await needsReview(user, recommendationId))) {
          throw ValidationError.field("visibility", "signOff.errors.noteEditReviewed");
        }
        await editNote(user, {
          recommendationId,
          noteId: text(form, "noteId"),
          expectedVersion: text(form, "expectedVersion"),
          body: text(form, "body"),
          visibility: text(form, "visibility"),
        });
        break;
      case "note-delete":
        await deleteNote(user, {
          recommendationId,
          noteId: text(form, "noteId"),
          expectedVersion: text(form, "expectedVersion"),
        });
        break;
    }
    return data<TrackingActionResult>({ intent, targetId, ok: true, sentForReview: reviewed });
  } catch (error) {
    if (error instanceof AwaitingReviewError) {
      return data<TrackingActionResult>(
        { intent, targetId, ok: false, values: valuesOf(form), awaitingReview: true },
        { status: 409 },
      );
    }
    throwUnlessFormError(error);
    const values = valuesOf(form);
    const status = domainErrorStatus(error)!;
    if (error instanceof ValidationError) {
      return data<TrackingActionResult>(
        {
          intent,
          targetId,
          ok: false,
          fieldErrors: renameFields(error.fieldErrors, fieldNames),
          values,
        },
        { status },
      );
    }
    return data<TrackingActionResult>(
      { intent, targetId, ok: false, values, conflict: conflictView(error) },
      { status },
    );
  }
}
