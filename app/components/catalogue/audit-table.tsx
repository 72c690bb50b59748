import { Link } from "react-router";
import { en } from "#app/locales/en.ts";
import {
  auditChanges,
  refKey,
  type AuditRefs,
  type ValuePart,
} from "#app/modules/audit/audit-values.ts";
import { formatDateTime, useLocale, useT, type MessageKey } from "#app/utils/i18n.ts";

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

// Long words (URLs, checksums, emails) break anywhere rather than widen the page.
const wrap = "[overflow-wrap:anywhere]";

function Value({ parts }: { parts: ValuePart[] }) {
  return parts.map((part, index) => (
    <span key={index}>
      {index > 0 && ", "}
      {part.href ? (
        <Link to={part.href} title={part.title}>
          {part.text}
        </Link>
      ) : (
        <span title={part.title}>{part.text}</span>
      )}
    </span>
  ));
}

/** What changed, field by field: "Title: old → new"; a new record's values as they are. */
function Changes({ row, refs }: { row: AuditRow; refs: AuditRefs }) {
  const t = useT();
  const locale = useLocale();
  const changes = auditChanges(row, { t, locale, refs });
  if (changes.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {changes.map((change) => (
        <li key={change.field} className={wrap}>
          <span className="font-semibold">{change.label}</span>:{" "}
          {change.before && (
            <>
              <Value parts={change.before} /> →{" "}
            </>
          )}
          <Value parts={change.after} />
        </li>
      ))}
    </ul>
  );
}

/** The record an event is about: its kind, and its reference or name (linked) where known. */
function Entity({ row, refs }: { row: AuditRow; refs: AuditRefs }) {
  const t = useT();
  const entityType = useEntityTypeLabel();
  const ref = refs[refKey(row.entityType, row.entityId)];
  const href = ref?.href ?? row.href;
  if (!ref?.label) {
    // Nothing a person would recognise: the kind of record, and its id for whoever needs it.
    const kind = entityType(row.entityType);
    const id = row.entityType === "Catalogue" ? undefined : row.entityId;
    return href ? (
      <Link to={href} title={id}>
        {kind}
      </Link>
    ) : (
      <span title={id}>{kind}</span>
    );
  }
  const label = ref.on ? t("catalogue.audit.onRecord", { label: ref.label }) : ref.label;
  return (
    <>
      {entityType(row.entityType)}{" "}
      {href ? (
        <Link to={href} className={wrap}>
          {label}
        </Link>
      ) : (
        <span className={wrap}>{label}</span>
      )}
    </>
  );
}

// Below the `sm` breakpoint each event is a card whose cells carry their own labels, so that a
// phone never scrolls the page sideways.
const cell = "block py-0.5 sm:table-cell sm:py-2 sm:pr-3";

function CellLabel({ children }: { children: React.ReactNode }) {
  return <span className="font-semibold sm:hidden">{children}: </span>;
}

/** The audit events, newest first: when, who, what, which record, and the change. */
export function AuditTable({ rows, refs }: { rows: AuditRow[]; refs: AuditRefs }) {
  const t = useT();
  const locale = useLocale();
  const actionLabel = useActionLabel();
  return (
    <table className="mt-4 block w-full border-collapse text-left text-sm sm:table sm:table-fixed">
      <caption className="sr-only">{t("catalogue.audit.tableCaption")}</caption>
      <thead className="hidden sm:table-header-group">
        <tr className="border-b border-gray-300">
          <th scope="col" className="w-[9rem] py-2 pr-3">
            {t("catalogue.audit.when")}
          </th>
          <th scope="col" className="w-[8rem] py-2 pr-3">
            {t("catalogue.audit.who")}
          </th>
          <th scope="col" className="w-[8rem] py-2 pr-3">
            {t("catalogue.audit.action")}
          </th>
          <th scope="col" className="w-[10rem] py-2 pr-3">
            {t("catalogue.audit.entity")}
          </th>
          <th scope="col" className="py-2">
            {t("catalogue.audit.changes")}
          </th>
        </tr>
      </thead>
      <tbody className="block space-y-3 sm:table-row-group sm:space-y-0">
        {rows.map((row) => (
          <tr
            key={row.id}
            className="block rounded-lg border border-gray-200 p-3 align-top sm:table-row sm:rounded-none sm:border-0 sm:border-b sm:border-gray-100 sm:p-0"
            data-testid="audit-row"
          >
            <td className={cell}>
              <time dateTime={row.at}>{formatDateTime(locale, row.at)}</time>
            </td>
            <td className={`${cell} ${wrap}`}>
              <CellLabel>{t("catalogue.audit.who")}</CellLabel>
              {row.actor ? row.actor.name : t("catalogue.audit.system")}
            </td>
            <td className={cell}>
              <CellLabel>{t("catalogue.audit.action")}</CellLabel>
              {actionLabel(row.action)}
            </td>
            <td className={`${cell} ${wrap}`}>
              <CellLabel>{t("catalogue.audit.entity")}</CellLabel>
              <Entity row={row} refs={refs} />
            </td>
            <td className={`${cell} sm:pr-0`}>
              <Changes row={row} refs={refs} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
