import { en } from "#app/locales/en.ts";
import type { ConflictView } from "#app/modules/tracking/page-actions.server.ts";
import { formatDateTime, useLocale, useT, type MessageKey } from "#app/utils/i18n.ts";

/** What someone else saved meanwhile, field by field, so the user can decide what to keep. */
export function ConflictNotice({ conflict }: { conflict: ConflictView }) {
  const t = useT();
  const locale = useLocale();
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("tracking.conflict.empty");
    if (Array.isArray(value))
      return value.length ? value.map(show).join(", ") : t("tracking.conflict.empty");
    if (typeof value === "string" && Object.hasOwn(en.status, value))
      return t(`status.${value}` as MessageKey);
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  const label = (field: string) => {
    const key = `tracking.fields.${field}` as MessageKey;
    const text = t(key);
    return text === key ? field : text;
  };
  return (
    <div
      role="alert"
      className="mt-4 rounded border-l-4 border-status-stalled-solid bg-status-stalled-bg px-4 py-3 text-status-stalled-fg"
    >
      <p className="font-semibold">{t("tracking.conflict.title")}</p>
      <p className="mt-1">{t("tracking.conflict.intro")}</p>
      <ul className="mt-2 list-disc pl-5" data-testid="conflict-changes">
        {conflict.changes.map((change, index) => (
          <li key={index}>
            {t("tracking.conflict.change", {
              who: change.actor ?? t("tracking.conflict.someone"),
              when: formatDateTime(locale, change.at),
            })}
            <ul className="list-[circle] pl-5">
              {change.fields.map((field) => (
                <li key={field.field}>
                  {label(field.field)}: {show(field.before)} → {show(field.after)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p className="mt-2">{t("tracking.conflict.resubmit")}</p>
    </div>
  );
}
