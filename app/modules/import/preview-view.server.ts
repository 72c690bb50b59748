// A plan as the preview page shows it, in the reader's language: rows grouped by source (or GAO
// publication), each change as before → after in words, each error with its row, column and
// message. Only what the page shows leaves the server.
import { translator, type Locale, type MessageKey, type Translate } from "#app/utils/i18n.ts";
import { prisma } from "#app/utils/db.server.ts";
import { relationLabel } from "#app/modules/relations/relation-types.ts";
import { columnHeader } from "./headers.ts";
import type { Plan, PlanField, PlanRow, PlannedStatusChange } from "./plan.server.ts";
import { importColumns, type ImportColumn, type ParsedFile } from "./types.ts";

export type ChangeView = {
  field: string;
  name: string;
  before: string;
  after: string;
  conflict: boolean;
};
export type RowView = {
  key: string;
  kind: PlanRow["kind"];
  rows: string;
  itemId: string | null;
  reference: string;
  title: string;
  changes: ChangeView[];
  statusChange: string | null;
  evidence: string | null;
  errors: string[];
};
export type ErrorView = { row: number; column: string; message: string; value: string };
export type GroupView = { code: string; rows: RowView[] };

export type PreviewView = {
  source: "file" | "catalogue";
  uploadId: string | null;
  fileName: string;
  sha256: string;
  format: "table" | "gao" | "catalogue";
  asOf: string | null;
  fingerprint: string;
  counts: Plan["counts"];
  ignoredHeaders: string[];
  sources: string[];
  groups: GroupView[];
  unchanged: RowView[];
  errors: ErrorView[];
  gao: { publications: string; words: string; kept: number; total: number } | null;
  agencies: Array<{ name: string; choice: string }>;
  actors: Array<{ code: string; label: string }>;
  notice: { kind: "stale" } | { kind: "errors"; rows: string } | null;
};

const enumFields: Partial<Record<PlanField, string>> = {
  verificationLevel: "verificationLevel",
  titleEsSource: "titleEsSource",
  goalMapping: "goalMapping",
  country: "country",
  status: "status",
  statusOfficial: "officialStatus",
  priority: "priority",
};

function display(t: Translate, field: PlanField, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("import.preview.empty");
  if (Array.isArray(value)) return value.length ? value.join("; ") : t("import.preview.empty");
  if (typeof value === "boolean") return t(value ? "import.preview.yes" : "import.preview.no");
  const prefix = enumFields[field];
  if (prefix) return t(`${prefix}.${String(value)}` as MessageKey);
  return String(value);
}

function columnLabel(column: string | null, locale: Locale): string {
  if (!column) return "—";
  return (importColumns as readonly string[]).includes(column)
    ? columnHeader(column as ImportColumn, locale)
    : column;
}

function statusLine(t: Translate, change: PlannedStatusChange): string {
  return t("import.preview.statusChange", {
    from: t(`status.${change.from}`),
    to: t(`status.${change.to}`),
    date: change.occurredOn,
    summary: change.summary,
  });
}

export async function previewView(input: {
  plan: Plan;
  locale: Locale;
  source: "file" | "catalogue";
  uploadId: string | null;
  fileName: string;
  sha256: string;
  parsed: ParsedFile | null;
  gao: PreviewView["gao"];
  mappings: Record<string, string>;
  notice: PreviewView["notice"];
}): Promise<PreviewView> {
  const { plan, locale } = input;
  const t = translator(locale);
  const rowView = (row: PlanRow): RowView => ({
    key: row.key,
    kind: row.kind,
    rows: row.rowNumbers.join(", "),
    itemId: row.itemId,
    reference: row.reference,
    title: row.title,
    changes: [
      ...row.changes.map((change): ChangeView => ({
        field: change.field,
        name: t(`import.fields.${change.field}`),
        before: display(t, change.field, change.before),
        after: display(t, change.field, change.after),
        conflict: row.conflicts.includes(change.field),
      })),
      // Links to related items the import adds: one line each, nothing before.
      ...row.relations.map((relation): ChangeView => ({
        field: "related",
        name: t("related.heading"),
        before: t("import.preview.empty"),
        after: `${relationLabel(locale, relation.type, relation.direction)}: ${relation.key}`,
        conflict: false,
      })),
    ],
    statusChange: row.statusChange ? statusLine(t, row.statusChange) : null,
    evidence: row.statusChange?.evidenceUrl
      ? t("import.preview.evidenceAdded", { url: row.statusChange.evidenceUrl })
      : null,
    errors: row.errors.map((error) => t(`import.rowErrors.${error.code}`)),
  });
  const groups = new Map<string, RowView[]>();
  for (const row of plan.rows) {
    if (row.kind === "unchanged") continue;
    groups.set(row.group, [...(groups.get(row.group) ?? []), rowView(row)]);
  }
  const actors =
    plan.unmappedActors.length > 0
      ? await prisma.actor.findMany({
          where: { archivedAt: null },
          select: { code: true, name: true },
          orderBy: { code: "asc" },
        })
      : [];
  return {
    source: input.source,
    uploadId: input.uploadId,
    fileName: input.fileName,
    sha256: input.sha256,
    format: input.parsed?.format ?? "catalogue",
    asOf: input.parsed?.format === "gao" ? input.parsed.asOf : null,
    fingerprint: plan.fingerprint,
    counts: plan.counts,
    ignoredHeaders: input.parsed?.format === "table" ? input.parsed.ignoredHeaders : [],
    sources: plan.sources.map((source) =>
      source.action === "create"
        ? t("import.preview.newSource", { code: source.code, title: source.fields.title ?? "" })
        : t("import.preview.sourceFill", {
            code: source.code,
            fields: Object.keys(source.fields).join(", "),
          }),
    ),
    groups: [...groups].map(([code, rows]) => ({ code, rows })),
    unchanged: plan.rows.filter((row) => row.kind === "unchanged").map(rowView),
    errors: plan.rows.flatMap((row) =>
      row.errors.map((error) => ({
        row: error.rowNumber,
        column: columnLabel(error.column, locale),
        message: t(`import.rowErrors.${error.code}`),
        value: error.value ?? "",
      })),
    ),
    gao: input.gao,
    agencies: plan.unmappedActors.map((name) => ({
      name,
      choice: input.mappings[name] ?? "create",
    })),
    actors: actors.map((actor) => ({ code: actor.code, label: `${actor.code} – ${actor.name}` })),
    notice: input.notice,
  };
}
