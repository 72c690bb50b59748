import { Link } from "react-router";
import { en } from "#app/locales/en.ts";
import { formatDateTime, useLocale, useT, type MessageKey } from "#app/utils/i18n.ts";
import { fieldLabel } from "./field-label.ts";

export type AuditRow = {
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string;
  actor: { id: string; name: string; email: string } | null;
  before: unknown;
  after: unknown;
  /** Where the record can be seen, if anywhere. */
  href: string | null;
};

const LONGEST = 200;

const asRecord = (value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

/** A record's kind in the reader's language ("Source" → "Fuente"), or as stored. */
export function useEntityTypeLabel() {
  const t = useT();
  return (type: string) =>
    Object.hasOwn(en.catalogue.audit.entityTypes, type)
      ? t(`catalogue.audit.entityTypes.${type}` as MessageKey)
      : type;
}

/** "source.archived" as "Archived"; an action without a label as stored. */
function useActionLabel() {
  const t = useT();
  return (action: string) => {
    const verb = action.slice(action.lastIndexOf(".") + 1);
    return Object.hasOwn(en.catalogue.audit.verbs, verb)
      ? t(`catalogue.audit.verbs.${verb}` as MessageKey)
      : action;
  };
}

/** What changed, field by field: "Title: old → new"; a new record's values as they are. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const was = asRecord(before);
  const now = asRecord(after);
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("catalogue.audit.empty");
    if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : show(null);
    if (typeof value === "string" && Object.hasOwn(en.status, value)) {
      return t(`status.${value}` as MessageKey);
    }
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    return text.length > LONGEST ? `${text.slice(0, LONGEST)}… ${t("catalogue.audit.more")}` : text;
  };
  // The version is bookkeeping; a field the same before and after did not change.
  const fields = [...new Set([...Object.keys(was ?? {}), ...Object.keys(now ?? {})])].filter(
    (field) =>
      field !== "version" &&
      (!was || !now || JSON.stringify(was[field]) !== JSON.stringify(now[field])),
  );
  if (fields.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {fields.map((field) => (
        <li key={field} className="break-words">
          <span className="font-semibold">{fieldLabel(t, field)}</span>:{" "}
          {was ? (
            <>
              {show(was[field])} → {show(now?.[field])}
            </>
          ) : (
            show(now?.[field])
          )}
        </li>
      ))}
    </ul>
  );
}

/** The audit events, newest first: when, who, what, which record, and the change. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useT();
  const locale = useLocale();
  const entityType = useEntityTypeLabel();
  const actionLabel = useActionLabel();
  const cell = "py-2 pr-3";
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{t("catalogue.audit.tableCaption")}</caption>
        <thead>
          <tr className="border-b border-gray-300">
            <th scope="col" className={cell}>
              {t("catalogue.audit.when")}
            </th>
            <th scope="col" className={cell}>
              {t("catalogue.audit.who")}
            </th>
            <th scope="col" className={cell}>
              {t("catalogue.audit.action")}
            </th>
            <th scope="col" className={cell}>
              {t("catalogue.audit.entity")}
            </th>
            <th scope="col" className={cell}>
              {t("catalogue.audit.changes")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-gray-100 align-top" data-testid="audit-row">
              <td className={`${cell} whitespace-nowrap`}>
                <time dateTime={row.at}>{formatDateTime(locale, row.at)}</time>
              </td>
              <td className={cell}>{row.actor ? row.actor.name : t("catalogue.audit.system")}</td>
              <td className={cell}>
                {actionLabel(row.action)}
                <span className="block font-mono text-xs text-gray-700">{row.action}</span>
              </td>
              <td className={cell}>
                {entityType(row.entityType)}{" "}
                {row.href ? (
                  <Link to={row.href} className="font-mono text-xs break-all">
                    {row.entityId}
                  </Link>
                ) : (
                  <span className="font-mono text-xs break-all">{row.entityId}</span>
                )}
              </td>
              <td className={cell}>
                <Changes before={row.before} after={row.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
