import { Form } from "react-router";
import {
  FieldShell,
  FormMessage,
  inputClass,
  SubmitButton,
  useErrorText,
  valueOf,
  valuesOf,
} from "#app/components/ui/field.tsx";
import { statusOrder } from "#app/components/status-badge.tsx";
import type { Status } from "#app/generated/prisma/enums.ts";
import type { TrackingActionResult } from "#app/modules/tracking/page-actions.server.ts";
import { useT } from "#app/utils/i18n.ts";
import { ConflictNotice } from "./conflict-notice.tsx";
import { FileInput } from "./file-input.tsx";

type EvidenceOption = { id: string; title: string; kind: "link" | "file" };

/** New status, summary, the day it happened and the evidence it rests on. */
export function StatusForm({
  status,
  version,
  today,
  evidence,
  result,
}: {
  status: Status;
  version: number;
  today: string;
  evidence: EvidenceOption[];
  result?: TrackingActionResult;
}) {
  const t = useT();
  const errors = result?.fieldErrors ?? {};
  const values = result?.values;
  const chosen = new Set(valuesOf(values, "evidenceIds"));
  return (
    <Form method="post" encType="multipart/form-data" aria-labelledby="status-form-title">
      <h3 id="status-form-title" className="text-lg font-semibold">
        {t("tracking.statusForm.title")}
      </h3>
      {result?.conflict && <ConflictNotice conflict={result.conflict} />}
      {result?.fieldErrors && <FormMessage kind="error">{t("tracking.fixErrors")}</FormMessage>}
      <input type="hidden" name="intent" value="status" />
      <input
        type="hidden"
        name="expectedVersion"
        value={result?.conflict?.currentVersion ?? version}
      />
      <FieldShell label={t("tracking.statusForm.newStatus")} required errors={errors.toStatus}>
        {(control) => (
          <select
            {...control}
            name="toStatus"
            required
            defaultValue={valueOf(values, "toStatus")}
            className={inputClass}
          >
            <option value="" />
            {statusOrder
              .filter((option) => option !== status)
              .map((option) => (
                <option key={option} value={option}>
                  {t(`status.${option}`)}
                </option>
              ))}
          </select>
        )}
      </FieldShell>
      <FieldShell
        label={t("tracking.statusForm.summary")}
        required
        hint={t("tracking.statusForm.summaryHint")}
        errors={errors.summary}
      >
        {(control) => (
          <textarea
            {...control}
            name="summary"
            required
            rows={4}
            defaultValue={valueOf(values, "summary")}
            className={inputClass}
          />
        )}
      </FieldShell>
      <FieldShell
        label={t("tracking.statusForm.occurredOn")}
        required
        hint={t("tracking.statusForm.occurredOnHint")}
        errors={errors.occurredOn}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            name="occurredOn"
            required
            max={today}
            defaultValue={valueOf(values, "occurredOn") || today}
            className={inputClass}
          />
        )}
      </FieldShell>

      <fieldset
        className="mt-4 rounded border border-gray-300 p-3"
        aria-describedby="status-evidence-hint"
      >
        <legend className="px-1 text-sm font-semibold">{t("tracking.statusForm.evidence")}</legend>
        <p id="status-evidence-hint" className="text-sm text-gray-700">
          {t("tracking.statusForm.evidenceHint")}
        </p>
        {errors.evidenceIds && (
          <p className="mt-1 text-sm font-medium text-status-not-implemented-fg" role="alert">
            <ErrorText messages={errors.evidenceIds} />
          </p>
        )}
        {evidence.length > 0 && (
          <ul className="mt-2 space-y-1">
            {evidence.map((item) => (
              <li key={item.id}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="evidenceIds"
                    value={item.id}
                    defaultChecked={chosen.has(item.id)}
                    className="mt-1"
                  />
                  <span>{item.title}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-3 grid gap-x-4 md:grid-cols-2">
          <FieldShell label={t("tracking.statusForm.linkUrl")} errors={errors.linkUrl}>
            {(control) => (
              <input
                {...control}
                type="url"
                name="linkUrl"
                defaultValue={valueOf(values, "linkUrl")}
                className={inputClass}
              />
            )}
          </FieldShell>
          <FieldShell
            label={t("tracking.statusForm.linkTitle")}
            required={t("tracking.statusForm.requiredWithLink")}
            errors={errors.linkTitle}
          >
            {(control) => (
              <input
                {...control}
                name="linkTitle"
                defaultValue={valueOf(values, "linkTitle")}
                className={inputClass}
              />
            )}
          </FieldShell>
          <FieldShell
            label={t("tracking.statusForm.file")}
            hint={t("tracking.statusForm.fileHint")}
            errors={errors.file}
          >
            {(control) => <FileInput control={control} name="file" />}
          </FieldShell>
          <FieldShell
            label={t("tracking.statusForm.fileTitle")}
            required={t("tracking.statusForm.requiredWithFile")}
            errors={errors.fileTitle}
          >
            {(control) => (
              <input
                {...control}
                name="fileTitle"
                defaultValue={valueOf(values, "fileTitle")}
                className={inputClass}
              />
            )}
          </FieldShell>
        </div>
      </fieldset>
      <div className="mt-4">
        <SubmitButton>{t("tracking.statusForm.submit")}</SubmitButton>
      </div>
    </Form>
  );
}

function ErrorText({ messages }: { messages: string[] }) {
  const errorText = useErrorText();
  return <>{messages.map(errorText).join(" ")}</>;
}
