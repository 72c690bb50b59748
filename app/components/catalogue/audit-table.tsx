import { Link } from "react-router";
import { StackedCell, StackedRow, StackedTable } from "#app/components/ui/stacked-table.tsx";
import {
  auditActionLabel,
  auditActorLabel,
  auditChanges,
  auditEntityTypeLabel,
  refKey,
  type AuditRefs,
  type ValuePart,
} from "#app/modules/audit/audit-values.ts";
import { formatDateTime, useLocale, useT } from "#app/utils/i18n.ts";

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
  return (type: string) => auditEntityTypeLabel(t, type);
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

/** The audit events, newest first: when, who, what, which record, and the change. */
export function AuditTable({ rows, refs }: { rows: AuditRow[]; refs: AuditRefs }) {
  const t = useT();
  const locale = useLocale();
  return (
    <StackedTable
      caption={t("catalogue.audit.tableCaption")}
      className="mt-4 sm:table-fixed"
      columns={[
        { label: t("catalogue.audit.when"), className: "w-[9rem] py-2 pr-3" },
        { label: t("catalogue.audit.who"), className: "w-[8rem] py-2 pr-3" },
        { label: t("catalogue.audit.action"), className: "w-[8rem] py-2 pr-3" },
        { label: t("catalogue.audit.entity"), className: "w-[10rem] py-2 pr-3" },
        { label: t("catalogue.audit.changes"), className: "py-2" },
      ]}
    >
      {rows.map((row) => (
        <StackedRow key={row.id} testId="audit-row">
          <StackedCell>
            <time dateTime={row.at}>{formatDateTime(locale, row.at)}</time>
          </StackedCell>
          <StackedCell label={t("catalogue.audit.who")} className={wrap}>
            {auditActorLabel(t, row)}
          </StackedCell>
          <StackedCell label={t("catalogue.audit.action")}>
            {auditActionLabel(t, row.action)}
          </StackedCell>
          <StackedCell label={t("catalogue.audit.entity")} className={wrap}>
            <Entity row={row} refs={refs} />
          </StackedCell>
          <StackedCell last>
            <Changes row={row} refs={refs} />
          </StackedCell>
        </StackedRow>
      ))}
    </StackedTable>
  );
}
