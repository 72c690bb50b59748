import { Form, Link, useSearchParams } from "react-router";
import { StatusBadge } from "#app/components/status-badge.tsx";
import {
  FieldShell,
  inputClass,
  SubmitButton,
  useErrorText,
  valueOf,
} from "#app/components/ui/field.tsx";
import type { TrackingActionResult } from "#app/modules/tracking/page-actions.server.ts";
import type { NoteRevisionView, TimelineEntry } from "#app/modules/tracking/timeline.server.ts";
import { shownPersonName } from "#app/modules/tracking/people.ts";
import { dayOf } from "#app/utils/dates.ts";
import { formatDate, formatDateTime, useLocale, useT } from "#app/utils/i18n.ts";
import { ConflictNotice } from "./conflict-notice.tsx";

export type EditableNote = {
  id: string;
  body: string;
  visibility: "internal" | "public";
  version: number;
  authorId: string | null;
};

/** Status changes, evidence and notes, newest first, each with who entered it and when. */
export function Timeline({
  entries,
  notes,
  userId,
  isAdmin,
  result,
}: {
  entries: TimelineEntry[];
  notes: Record<string, EditableNote>;
  userId: string | null;
  isAdmin: boolean;
  result?: TrackingActionResult;
}) {
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const editing =
    result?.intent === "note-edit" && !result.ok ? result.targetId : searchParams.get("note");
  if (entries.length === 0)
    return <p className="mt-2 text-gray-700">{t("tracking.timeline.none")}</p>;
  return (
    <ol className="mt-3 space-y-4 border-l-2 border-gray-200 pl-4" data-testid="timeline">
      {entries.map((entry) => {
        const note = entry.type === "note" ? notes[entry.id] : undefined;
        return (
          <li
            key={`${entry.type}-${entry.id}`}
            className="relative"
            data-testid={`timeline-${entry.type}`}
          >
            <span
              aria-hidden="true"
              className="absolute -left-[1.4rem] top-1.5 h-3 w-3 rounded-full bg-brand"
            />
            <p className="text-sm font-semibold text-gray-700">
              <time dateTime={dayOf(new Date(entry.date))}>{formatDate(locale, entry.date)}</time>
              {entry.type === "evidence" && !entry.dated && ` ${t("tracking.timeline.undated")}`}
            </p>
            {entry.type === "status_change" && (
              <div>
                <p className="flex flex-wrap items-center gap-2">
                  <span className="sr-only">
                    {t("tracking.timeline.statusChange", {
                      from: t(`status.${entry.fromStatus}`),
                      to: t(`status.${entry.toStatus}`),
                    })}
                  </span>
                  <span aria-hidden="true" className="flex items-center gap-2">
                    <StatusBadge status={entry.fromStatus} /> →{" "}
                    <StatusBadge status={entry.toStatus} />
                  </span>
                </p>
                <p className="mt-1 whitespace-pre-line">{entry.summary}</p>
                {entry.evidence.length > 0 && (
                  <p className="mt-1 text-sm">
                    {t("tracking.timeline.restsOn")}{" "}
                    {entry.evidence.map((item, index) => (
                      <span key={item.id}>
                        {index > 0 && ", "}
                        {item.archived ? (
                          item.title
                        ) : item.kind === "link" ? (
                          <a
                            href={item.url ?? "#"}
                            rel="noopener noreferrer nofollow"
                            target="_blank"
                          >
                            {item.title}
                          </a>
                        ) : (
                          <a href={`/evidence/${item.id}`}>{item.title}</a>
                        )}
                      </span>
                    ))}
                  </p>
                )}
              </div>
            )}
            {entry.type === "official_status_change" && (
              <p data-testid="official-status-change">
                {t("tracking.timeline.officialChange", {
                  issuer: entry.issuer,
                  from: entry.fromStatus
                    ? t(`officialStatus.${entry.fromStatus}`)
                    : t("tracking.timeline.officialNone"),
                  to: entry.toStatus
                    ? t(`officialStatus.${entry.toStatus}`)
                    : t("tracking.timeline.officialNone"),
                })}
                {entry.asOf &&
                  ` ${t("tracking.timeline.officialAsOf", { date: formatDate(locale, entry.asOf) })}`}
              </p>
            )}
            {entry.type === "evidence" && (
              <p>
                {t("tracking.timeline.evidenceAdded")}:{" "}
                {entry.kind === "link" ? (
                  <a href={entry.url ?? "#"} rel="noopener noreferrer nofollow" target="_blank">
                    {entry.title}
                  </a>
                ) : (
                  <a href={`/evidence/${entry.id}`}>{entry.title}</a>
                )}
              </p>
            )}
            {entry.type === "note" && (
              <div
                data-visibility={entry.visibility}
                className={
                  entry.visibility === "internal"
                    ? "rounded border-2 border-dashed border-status-partially-implemented-fg bg-status-partially-implemented-bg p-3"
                    : "rounded border border-gray-300 bg-white p-3"
                }
              >
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-semibold">{t("tracking.timeline.note")}</span>
                  <span
                    className={
                      entry.visibility === "internal"
                        ? "rounded bg-status-partially-implemented-fg px-2 py-0.5 text-xs font-semibold text-white"
                        : "rounded bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-800"
                    }
                  >
                    {entry.visibility === "internal"
                      ? t("tracking.notes.internalBadge")
                      : t("tracking.notes.publicBadge")}
                  </span>
                  {entry.revisionCount > 0 && (
                    <span className="text-xs text-gray-700">
                      {t("tracking.notes.edited", { count: entry.revisionCount })}
                    </span>
                  )}
                  {entry.deletedAt && (
                    <span
                      className="rounded bg-status-not-implemented-fg px-2 py-0.5 text-xs font-semibold text-white"
                      data-testid="note-deleted"
                    >
                      {t("tracking.notes.deletedBadge", {
                        date: formatDateTime(locale, entry.deletedAt),
                      })}
                    </span>
                  )}
                </p>
                {editing === entry.id && note && note.authorId === userId ? (
                  <NoteEditForm
                    note={note}
                    result={result?.targetId === entry.id ? result : undefined}
                  />
                ) : (
                  // Rendered from markdown and sanitized on the server (app/utils/markdown.server.ts).
                  <div
                    className="prose-note mt-1"
                    dangerouslySetInnerHTML={{ __html: entry.html }}
                  />
                )}
                {entry.revisions.length > 0 && <NoteRevisions revisions={entry.revisions} />}
                {note && editing !== entry.id && (
                  <div className="mt-1 flex gap-3 text-sm">
                    {note.authorId === userId && (
                      <Link to={`?note=${entry.id}#note-${entry.id}`} id={`note-${entry.id}`}>
                        {t("tracking.notes.edit")}
                      </Link>
                    )}
                    {isAdmin && (
                      <Form method="post">
                        <input type="hidden" name="intent" value="note-delete" />
                        <input type="hidden" name="noteId" value={note.id} />
                        <input type="hidden" name="expectedVersion" value={note.version} />
                        <button type="submit" className="text-status-not-implemented-fg underline">
                          {t("tracking.notes.delete")}
                        </button>
                      </Form>
                    )}
                  </div>
                )}
              </div>
            )}
            <p className="mt-1 text-xs text-gray-700">
              {entry.by
                ? t("tracking.timeline.by", {
                    name: shownPersonName(t, entry.by),
                    date: formatDateTime(locale, entry.enteredAt),
                  })
                : t("tracking.timeline.byUnknown", {
                    date: formatDateTime(locale, entry.enteredAt),
                  })}
            </p>
            {entry.type === "status_change" && entry.approval && (
              <p className="text-xs text-gray-700" data-testid="approved-by">
                {t("signOff.approvedBy", {
                  name: entry.approval.by
                    ? shownPersonName(t, entry.approval.by)
                    : t("signOff.someone"),
                  date: formatDateTime(locale, entry.approval.at),
                })}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function NoteEditForm({ note, result }: { note: EditableNote; result?: TrackingActionResult }) {
  const t = useT();
  const errors = result?.fieldErrors ?? {};
  const body = result?.values ? valueOf(result.values, "body") : note.body;
  const visibility = result?.values ? valueOf(result.values, "visibility") : note.visibility;
  return (
    <Form
      method="post"
      aria-label={t("tracking.notes.editTitle")}
      className="mt-2 rounded border border-gray-300 p-3"
    >
      {result?.conflict && <ConflictNotice conflict={result.conflict} />}
      <input type="hidden" name="intent" value="note-edit" />
      <input type="hidden" name="noteId" value={note.id} />
      <input
        type="hidden"
        name="expectedVersion"
        value={result?.conflict?.currentVersion ?? note.version}
      />
      <NoteFields body={body} visibility={visibility} errors={errors} />
      <div className="mt-3 flex items-center gap-4">
        <SubmitButton>{t("tracking.notes.save")}</SubmitButton>
        <Link to="?">{t("tracking.notes.cancel")}</Link>
      </div>
    </Form>
  );
}

export function NoteFields({
  body,
  visibility,
  errors,
}: {
  body: string;
  visibility: string;
  errors: Record<string, string[]>;
}) {
  const t = useT();
  return (
    <>
      <FieldShell
        label={t("tracking.notes.body")}
        required
        hint={t("tracking.notes.bodyHint")}
        errors={errors.body}
        className="mt-0"
      >
        {(control) => (
          <textarea
            {...control}
            name="body"
            rows={5}
            required
            defaultValue={body}
            className={inputClass}
          />
        )}
      </FieldShell>
      <fieldset className="mt-3">
        <legend className="text-sm font-semibold">{t("tracking.notes.visibility")}</legend>
        <div className="mt-1 flex flex-wrap gap-6">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="visibility"
              value="internal"
              defaultChecked={visibility !== "public"}
            />
            {t("tracking.notes.internal")}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="visibility"
              value="public"
              defaultChecked={visibility === "public"}
            />
            {t("tracking.notes.public")}
          </label>
        </div>
        {errors.visibility && (
          <p className="mt-1 text-sm font-medium text-status-not-implemented-fg" role="alert">
            <VisibilityError messages={errors.visibility} />
          </p>
        )}
      </fieldset>
    </>
  );
}

export function NoteForm({ result }: { result?: TrackingActionResult }) {
  const t = useT();
  return (
    <Form method="post" aria-labelledby="note-form-title">
      <h3 id="note-form-title" className="text-lg font-semibold">
        {t("tracking.notes.add")}
      </h3>
      <input type="hidden" name="intent" value="note-add" />
      <div className="mt-3">
        <NoteFields
          body={valueOf(result?.values, "body")}
          visibility={valueOf(result?.values, "visibility")}
          errors={result?.fieldErrors ?? {}}
        />
      </div>
      <div className="mt-4">
        <SubmitButton>{t("tracking.notes.submit")}</SubmitButton>
      </div>
    </Form>
  );
}

/** Staff: a note's earlier texts, oldest first, each with when and by whom it was replaced. */
function NoteRevisions({ revisions }: { revisions: NoteRevisionView[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <details className="mt-2 text-sm" data-testid="note-revisions">
      <summary className="cursor-pointer text-brand underline">
        {t("tracking.notes.history", { count: revisions.length })}
      </summary>
      <ol className="mt-2 space-y-2">
        {revisions.map((revision) => {
          const date = formatDateTime(locale, revision.replacedAt);
          return (
            <li key={revision.id} className="border-l-2 border-gray-300 pl-2">
              <p className="text-xs text-gray-700">
                {revision.by
                  ? t("tracking.notes.replaced", { date, name: shownPersonName(t, revision.by) })
                  : t("tracking.notes.replacedUnknown", { date })}
                {" · "}
                {revision.visibility === "internal"
                  ? t("tracking.notes.internalBadge")
                  : t("tracking.notes.publicBadge")}
              </p>
              {/* Rendered from markdown and sanitized on the server (app/utils/markdown.server.ts). */}
              <div
                className="prose-note mt-1"
                dangerouslySetInnerHTML={{ __html: revision.html }}
              />
            </li>
          );
        })}
      </ol>
    </details>
  );
}

function VisibilityError({ messages }: { messages: string[] }) {
  const errorText = useErrorText();
  return <>{messages.map(errorText).join(" ")}</>;
}
