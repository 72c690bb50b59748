import { Form } from "react-router";
import {
  FieldShell,
  FormMessage,
  inputClass,
  SubmitButton,
  valueOf,
  valuesOf,
} from "#app/components/ui/field.tsx";
import type { TrackingActionResult } from "#app/modules/tracking/page-actions.server.ts";
import { localizedTitle, useLocale, useT } from "#app/utils/i18n.ts";
import { ConflictNotice } from "./conflict-notice.tsx";

type Option = { code: string; title: string; titleEs?: string | null };

export type TrackingValues = {
  statusOfficial: string | null;
  statusOfficialAsOf: string | null;
  actors: string[];
  goals: string[];
  tags: string[];
  priority: string | null;
  dueDate: string | null;
  statusNote: string | null;
};

const officialStatuses = [
  "open",
  "open_partially_addressed",
  "closed_implemented",
  "closed_not_implemented",
] as const;
const priorities = ["low", "medium", "high"] as const;

/** Official status, actors, goals, tags, priority and due date, saved together. */
export function TrackingForm({
  current,
  version,
  options,
  result,
}: {
  current: TrackingValues;
  version: number;
  options: { actors: Option[]; goals: Option[]; tags: Option[] };
  result?: TrackingActionResult;
}) {
  const t = useT();
  const locale = useLocale();
  const errors = result?.fieldErrors ?? {};
  const typed = result?.values;
  const value = (name: keyof TrackingValues) =>
    typed ? valueOf(typed, name) : ((current[name] as string | null) ?? "");
  const list = (name: "actors" | "goals" | "tags") =>
    typed ? valuesOf(typed, name) : current[name];
  const multi = (name: "actors" | "goals" | "tags", label: string, items: Option[]) => (
    <FieldShell label={label} hint={t("tracking.trackingForm.multiHint")} errors={errors[name]}>
      {(control) => (
        <select
          {...control}
          name={name}
          multiple
          size={Math.min(8, Math.max(3, items.length))}
          defaultValue={list(name)}
          className={inputClass}
        >
          {items.map((item) => (
            <option key={item.code} value={item.code}>
              {item.code} – {localizedTitle(locale, item)}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
  return (
    <Form method="post" aria-labelledby="tracking-form-title">
      <h3 id="tracking-form-title" className="text-lg font-semibold">
        {t("tracking.trackingForm.title")}
      </h3>
      {result?.conflict && <ConflictNotice conflict={result.conflict} />}
      {result?.fieldErrors && <FormMessage kind="error">{t("tracking.fixErrors")}</FormMessage>}
      <input type="hidden" name="intent" value="tracking" />
      <input
        type="hidden"
        name="expectedVersion"
        value={result?.conflict?.currentVersion ?? version}
      />
      <div className="grid gap-x-4 md:grid-cols-2">
        <FieldShell
          label={t("tracking.trackingForm.officialStatus")}
          errors={errors.statusOfficial}
        >
          {(control) => (
            <select
              {...control}
              name="statusOfficial"
              defaultValue={value("statusOfficial")}
              className={inputClass}
            >
              <option value="">{t("tracking.trackingForm.officialStatusNone")}</option>
              {officialStatuses.map((status) => (
                <option key={status} value={status}>
                  {t(`officialStatus.${status}`)}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <FieldShell
          label={t("tracking.trackingForm.officialStatusAsOf")}
          required={t("tracking.trackingForm.requiredWithOfficial")}
          errors={errors.statusOfficialAsOf}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              name="statusOfficialAsOf"
              defaultValue={value("statusOfficialAsOf")}
              className={inputClass}
            />
          )}
        </FieldShell>
        <FieldShell label={t("tracking.trackingForm.priority")} errors={errors.priority}>
          {(control) => (
            <select
              {...control}
              name="priority"
              defaultValue={value("priority")}
              className={inputClass}
            >
              <option value="">{t("tracking.trackingForm.priorityNone")}</option>
              {priorities.map((priority) => (
                <option key={priority} value={priority}>
                  {t(`priority.${priority}`)}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <FieldShell label={t("tracking.trackingForm.dueDate")} errors={errors.dueDate}>
          {(control) => (
            <input
              {...control}
              type="date"
              name="dueDate"
              defaultValue={value("dueDate")}
              className={inputClass}
            />
          )}
        </FieldShell>
      </div>
      <FieldShell
        label={t("detail.statusNote")}
        hint={t("tracking.trackingForm.statusNoteHint")}
        errors={errors.statusNote}
      >
        {(control) => (
          <textarea
            {...control}
            name="statusNote"
            rows={4}
            maxLength={4000}
            defaultValue={value("statusNote")}
            className={inputClass}
          />
        )}
      </FieldShell>
      {multi("actors", t("tracking.trackingForm.actors"), options.actors)}
      {multi("goals", t("tracking.trackingForm.goals"), options.goals)}
      {options.tags.length > 0 && multi("tags", t("tracking.trackingForm.tags"), options.tags)}
      <div className="mt-4">
        <SubmitButton>{t("tracking.trackingForm.submit")}</SubmitButton>
      </div>
    </Form>
  );
}
