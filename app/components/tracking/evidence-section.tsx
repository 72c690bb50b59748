import { Form } from "react-router";
import {
  FieldShell,
  FormMessage,
  inputClass,
  SubmitButton,
  valueOf,
} from "#app/components/ui/field.tsx";
import type { TrackingActionResult } from "#app/modules/tracking/page-actions.server.ts";
import { shownPersonName, type ShownPerson } from "#app/modules/tracking/people.ts";
import { formatDate, formatDayOf, useLocale, useT } from "#app/utils/i18n.ts";
import { ArchiveLine, type ArchiveLineView } from "#app/components/archive/archive-line.tsx";
import { ConflictNotice } from "./conflict-notice.tsx";
import { FileInput } from "./file-input.tsx";

export type EvidenceView = {
  id: string;
  kind: "link" | "file";
  title: string;
  description: string | null;
  url: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  documentedOn: Date | string | null;
  createdAt: Date | string;
  createdBy: ShownPerson | null;
  version: number;
  /** A link's archived copy and health; null for files, or before the first archive record. */
  archive?: ArchiveLineView | null;
};

function size(bytes: number | null) {
  if (!bytes) return "";
  return bytes > 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

/** The evidence of a recommendation, each with its link or download, and archive for editors. */
export function EvidenceList({
  evidence,
  canEdit,
  result,
  returnTo,
}: {
  evidence: EvidenceView[];
  canEdit: boolean;
  result?: TrackingActionResult;
  /** Where "Archive again" comes back to: the page showing the list. */
  returnTo?: string;
}) {
  const t = useT();
  const locale = useLocale();
  if (evidence.length === 0)
    return <p className="mt-2 text-gray-700">{t("tracking.evidence.none")}</p>;
  return (
    <>
      {result?.intent === "evidence-archive" && result.conflict && (
        <ConflictNotice conflict={result.conflict} />
      )}
      <ul className="mt-2 divide-y divide-gray-100" data-testid="evidence-list">
        {evidence.map((item) => (
          <li key={item.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
            <div>
              <p className="font-semibold">
                {item.kind === "link" ? (
                  <a href={item.url ?? "#"} rel="noopener noreferrer nofollow" target="_blank">
                    {item.title}
                  </a>
                ) : (
                  <a
                    href={`/evidence/${item.id}`}
                    aria-label={t("tracking.evidence.download", { name: item.title })}
                  >
                    {item.title}
                  </a>
                )}
              </p>
              {item.archive && (
                <ArchiveLine
                  archive={item.archive}
                  title={item.title}
                  canArchive={canEdit}
                  returnTo={returnTo ?? ""}
                />
              )}
              {item.kind === "file" && (
                <p className="text-sm text-gray-700">
                  {item.fileName} {size(item.sizeBytes) && `· ${size(item.sizeBytes)}`}
                </p>
              )}
              {item.description && <p className="mt-1 text-sm">{item.description}</p>}
              <p className="mt-1 text-sm text-gray-700">
                {item.documentedOn &&
                  `${t("tracking.evidence.documents", { date: formatDate(locale, item.documentedOn) })} · `}
                {item.createdBy
                  ? t("tracking.evidence.addedBy", {
                      name: shownPersonName(t, item.createdBy),
                      date: formatDayOf(locale, item.createdAt),
                    })
                  : t("tracking.evidence.addedOn", { date: formatDayOf(locale, item.createdAt) })}
              </p>
            </div>
            {canEdit && (
              <Form method="post">
                <input type="hidden" name="intent" value="evidence-archive" />
                <input type="hidden" name="evidenceId" value={item.id} />
                <input type="hidden" name="expectedVersion" value={item.version} />
                <SubmitButton
                  variant="secondary"
                  aria-label={t("tracking.evidence.archiveLabel", { title: item.title })}
                >
                  {t("tracking.evidence.archive")}
                </SubmitButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Adding a link or a file on its own, without a status change. */
export function EvidenceForm({ result, today }: { result?: TrackingActionResult; today: string }) {
  const t = useT();
  const errors = result?.fieldErrors ?? {};
  const values = result?.values;
  const kind = valueOf(values, "kind") || "link";
  return (
    <Form method="post" encType="multipart/form-data" aria-labelledby="evidence-form-title">
      <h3 id="evidence-form-title" className="text-lg font-semibold">
        {t("tracking.evidenceForm.title")}
      </h3>
      {result?.fieldErrors && <FormMessage kind="error">{t("tracking.fixErrors")}</FormMessage>}
      <input type="hidden" name="intent" value="evidence-add" />
      <fieldset className="mt-4">
        <legend className="text-sm font-semibold">{t("tracking.evidenceForm.kind")}</legend>
        <div className="mt-1 flex gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="link" defaultChecked={kind === "link"} />
            {t("tracking.evidenceForm.kindLink")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="file" defaultChecked={kind === "file"} />
            {t("tracking.evidenceForm.kindFile")}
          </label>
        </div>
      </fieldset>
      <div className="grid gap-x-4 md:grid-cols-2">
        <FieldShell
          label={t("tracking.evidenceForm.url")}
          required={t("tracking.evidenceForm.requiredForLink")}
          errors={errors.url}
        >
          {(control) => (
            <input
              {...control}
              type="url"
              name="url"
              defaultValue={valueOf(values, "url")}
              className={inputClass}
            />
          )}
        </FieldShell>
        <FieldShell
          label={t("tracking.evidenceForm.file")}
          required={t("tracking.evidenceForm.requiredForFile")}
          hint={t("tracking.statusForm.fileHint")}
          errors={errors.file}
        >
          {(control) => <FileInput control={control} name="file" />}
        </FieldShell>
      </div>
      <FieldShell label={t("tracking.evidenceForm.titleField")} required errors={errors.title}>
        {(control) => (
          <input
            {...control}
            name="title"
            required
            defaultValue={valueOf(values, "title")}
            className={inputClass}
          />
        )}
      </FieldShell>
      <FieldShell label={t("tracking.evidenceForm.description")} errors={errors.description}>
        {(control) => (
          <textarea
            {...control}
            name="description"
            rows={2}
            defaultValue={valueOf(values, "description")}
            className={inputClass}
          />
        )}
      </FieldShell>
      <FieldShell
        label={t("tracking.evidenceForm.documentedOn")}
        hint={t("tracking.evidenceForm.documentedOnHint")}
        errors={errors.documentedOn}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            name="documentedOn"
            max={today}
            defaultValue={valueOf(values, "documentedOn")}
            className={inputClass}
          />
        )}
      </FieldShell>
      <div className="mt-4">
        <SubmitButton>{t("tracking.evidenceForm.submit")}</SubmitButton>
      </div>
    </Form>
  );
}
