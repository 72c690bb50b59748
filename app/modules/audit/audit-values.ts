// What an audit event's recorded values say, in the reader's language: "visibility: public" is
// "Visibility: Public", a timestamp is a date and time, a record's id is its reference or name.
// Pure (no database): the audit page's server resolves the ids beforehand (AuditRefs).
import { en } from "#app/locales/en.ts";
import {
  formatDate,
  formatDateTime,
  type Locale,
  type MessageKey,
  type Translate,
} from "#app/utils/i18n.ts";

/** A record an id stands for: its reference, code or name, and its page where it has one. */
export type AuditRef = {
  label: string | null;
  href: string | null;
  /** The label names the record it belongs to (a note "on GAO-21-322 #3"). */
  on?: boolean;
};
/** Resolved records by `refKey(type, id)`. */
export type AuditRefs = Record<string, AuditRef>;

export const refKey = (type: string, id: string) => `${type}:${id}`;

/** A piece of a shown value: text, a link to a record, or a hover title holding an id. */
export type ValuePart = { text: string; href?: string; title?: string };

export type AuditChange = {
  field: string;
  label: string;
  /** Absent when the event records only one side (a new record, a revoked invitation). */
  before?: ValuePart[];
  after: ValuePart[];
};

type Context = { t: Translate; locale: Locale; refs: AuditRefs };

/** Fields whose values are ids of other records, and the kind of record. */
export const referenceFields: Record<string, string> = {
  recommendationId: "Recommendation",
  evidenceIds: "Evidence",
  statusChangeId: "StatusChange",
  inviteId: "Invite",
  resetId: "PasswordReset",
  userId: "User",
  authorId: "User",
  createdById: "User",
  // A related-item link's two items.
  fromId: "Recommendation",
  toId: "Recommendation",
};

// Fields holding a value of a fixed list, and where its labels are.
const enumLabels: Record<string, { prefix: string; labels: object }> = {
  status: { prefix: "status", labels: en.status },
  fromStatus: { prefix: "status", labels: en.status },
  toStatus: { prefix: "status", labels: en.status },
  statusOfficial: { prefix: "officialStatus", labels: en.officialStatus },
  country: { prefix: "country", labels: en.country },
  priority: { prefix: "priority", labels: en.priority },
  role: { prefix: "roles", labels: en.roles },
  verificationLevel: { prefix: "verificationLevel", labels: en.verificationLevel },
  level: { prefix: "goalLevel", labels: en.goalLevel },
  titleEsSource: { prefix: "titleEsSource", labels: en.titleEsSource },
  goalMapping: { prefix: "goalMapping", labels: en.goalMapping },
  visibility: {
    prefix: "catalogue.audit.values.visibility",
    labels: en.catalogue.audit.values.visibility,
  },
  locale: { prefix: "catalogue.audit.values.locale", labels: en.catalogue.audit.values.locale },
};

// The same field name means different things on different records.
const enumLabelsByEntity: Record<string, Record<string, { prefix: string; labels: object }>> = {
  Source: { kind: { prefix: "catalogue.sourceKind", labels: en.catalogue.sourceKind } },
  ItemRelation: { type: { prefix: "related.typeNames", labels: en.related.typeNames } },
  Evidence: {
    kind: {
      prefix: "catalogue.audit.values.evidenceKind",
      labels: en.catalogue.audit.values.evidenceKind,
    },
  },
};

const fieldLabelsByEntity: Record<string, Record<string, MessageKey>> = {
  Evidence: { kind: "catalogue.audit.fields.evidenceKind", url: "tracking.fields.url" },
  Note: { body: "tracking.fields.body" },
};

/** Calendar days (possibly partial, "2021-10") rather than moments. */
const dayFields = new Set([
  "dueDate",
  "statusOfficialAsOf",
  "occurredOn",
  "documentedOn",
  "publishedDate",
]);

const fileTypes: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (.xlsx)",
  "text/csv": "CSV",
};

const LONGEST = 200;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const isEmpty = (value: unknown) => value === null || value === undefined || value === "";

// Field names: the catalogue's form labels, then the audit log's own, then the tracking forms'.
const fieldSections = [
  ["catalogue.fields", en.catalogue.fields],
  ["catalogue.audit.fields", en.catalogue.audit.fields],
  ["tracking.fields", en.tracking.fields],
] as const;

/** A field's name as people read it, on this kind of record; unknown fields as they are. */
function auditFieldLabel(t: Translate, entityType: string, field: string): string {
  const special = fieldLabelsByEntity[entityType]?.[field];
  if (special) return t(special);
  for (const [prefix, labels] of fieldSections) {
    if (Object.hasOwn(labels, field)) return t(`${prefix}.${field}` as MessageKey);
  }
  return field;
}

function fileSize(locale: Locale, bytes: number): string {
  const [unit, size] =
    bytes < 1024
      ? (["byte", bytes] as const)
      : bytes < 1024 * 1024
        ? (["kilobyte", bytes / 1024] as const)
        : (["megabyte", bytes / (1024 * 1024)] as const);
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: unit === "byte" ? 0 : 1,
  }).format(size);
}

function reference(ctx: Context, type: string, id: string): ValuePart {
  const ref = ctx.refs[refKey(type, id)];
  if (ref?.label) {
    const text = ref.on ? ctx.t("catalogue.audit.onRecord", { label: ref.label }) : ref.label;
    return { text, href: ref.href ?? undefined };
  }
  // Nothing to show for a person: the kind of record, with its id for whoever needs it.
  const kinds = en.catalogue.audit.values.record;
  const text = Object.hasOwn(kinds, type)
    ? ctx.t(`catalogue.audit.values.record.${type}` as MessageKey)
    : ctx.t("catalogue.audit.values.record.other");
  return { text, title: id, href: ref?.href ?? undefined };
}

/** One recorded value, for people: translated, formatted, ids resolved. */
export function formatAuditValue(
  ctx: Context,
  entityType: string,
  field: string,
  value: unknown,
): ValuePart[] {
  const { t, locale } = ctx;
  if (isEmpty(value)) {
    if (field === "locale") return [{ text: t("catalogue.audit.values.locale.none") }];
    return [{ text: t("catalogue.audit.empty") }];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ text: t("catalogue.audit.empty") }];
    return value.flatMap((item) => formatAuditValue(ctx, entityType, field, item));
  }
  const refType = referenceFields[field];
  if (refType && typeof value === "string") return [reference(ctx, refType, value)];
  if (typeof value === "boolean") {
    return [{ text: t(value ? "catalogue.audit.values.yes" : "catalogue.audit.values.no") }];
  }
  if (typeof value === "number") {
    if (field === "sizeBytes") return [{ text: fileSize(locale, value) }];
    return [{ text: new Intl.NumberFormat(locale).format(value) }];
  }
  if (typeof value === "string") {
    const choice = enumLabelsByEntity[entityType]?.[field] ?? enumLabels[field];
    if (choice && Object.hasOwn(choice.labels, value)) {
      return [{ text: t(`${choice.prefix}.${value}` as MessageKey) }];
    }
    if (dayFields.has(field)) return [{ text: formatDate(locale, value) }];
    if (ISO_MOMENT.test(value) && !Number.isNaN(Date.parse(value))) {
      return [{ text: formatDateTime(locale, value) }];
    }
    if (ISO_DAY.test(value)) return [{ text: formatDate(locale, value) }];
    if (field === "mimeType" && Object.hasOwn(fileTypes, value)) {
      return [{ text: fileTypes[value]!, title: value }];
    }
    if (field === "sha256") return [{ text: `${value.slice(0, 12)}…`, title: value }];
    if (value.length > LONGEST) {
      return [{ text: `${value.slice(0, LONGEST)}… ${t("catalogue.audit.more")}`, title: value }];
    }
    return [{ text: value }];
  }
  return [{ text: JSON.stringify(value) }];
}

const bookkeeping = new Set(["version", "statusChangeId", "resetId"]);

const asRecord = (value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

/**
 * What an event changed, field by field. A field on both sides that differs is a change; a
 * field on one side only is shown as it was recorded (a new record's values, a revoked
 * invitation's). Bookkeeping (versions, ids of rows nobody sees on their own) is left out, as
 * are the empty values of a new record.
 */
export function auditChanges(
  event: { entityType: string; before: unknown; after: unknown },
  ctx: Context,
): AuditChange[] {
  const was = asRecord(event.before);
  const now = asRecord(event.after);
  const fields = [...new Set([...Object.keys(was ?? {}), ...Object.keys(now ?? {})])];
  const changes: AuditChange[] = [];
  for (const field of fields) {
    if (bookkeeping.has(field)) continue;
    const label = auditFieldLabel(ctx.t, event.entityType, field);
    const show = (value: unknown) => formatAuditValue(ctx, event.entityType, field, value);
    const inBefore = was !== null && Object.hasOwn(was, field);
    const inAfter = now !== null && Object.hasOwn(now, field);
    if (inBefore && inAfter) {
      if (JSON.stringify(was[field]) === JSON.stringify(now[field])) continue;
      changes.push({ field, label, before: show(was[field]), after: show(now[field]) });
    } else {
      const value = inAfter ? now![field] : was![field];
      if (!was && (isEmpty(value) || (Array.isArray(value) && value.length === 0))) continue;
      changes.push({ field, label, after: show(value) });
    }
  }
  return changes;
}

/** A shown value as plain text ("Public", "Link, File"). */
export const partsText = (parts: ValuePart[]) => parts.map((part) => part.text).join(", ");

/** A change as one line of plain text: "Visibility: Internal → Public". */
export function changeText(change: AuditChange): string {
  const after = partsText(change.after);
  return change.before
    ? `${change.label}: ${partsText(change.before)} → ${after}`
    : `${change.label}: ${after}`;
}

/** "source.archived" as "Archived"; an action without a label as stored. */
export function auditActionLabel(t: Translate, action: string): string {
  const verb = action.slice(action.lastIndexOf(".") + 1);
  return Object.hasOwn(en.catalogue.audit.verbs, verb)
    ? t(`catalogue.audit.verbs.${verb}` as MessageKey)
    : action;
}

/** A record's kind in the reader's language ("Source" → "Fuente"), or as stored. */
export function auditEntityTypeLabel(t: Translate, type: string): string {
  return Object.hasOwn(en.catalogue.audit.entityTypes, type)
    ? t(`catalogue.audit.entityTypes.${type}` as MessageKey)
    : type;
}

/**
 * Who did it, as the audit page and its CSV name them: the person; for a failed login (no one
 * proven) "unknown person"; else the system (seeding, the first-admin setup).
 */
export function auditActorLabel(
  t: Translate,
  event: { action: string; actor: { name: string } | null },
): string {
  if (event.actor) return event.actor.name;
  return event.action === "session.login_failed"
    ? t("hardeningDomain.audit.unknownPerson")
    : t("catalogue.audit.system");
}
