// The catalogue administration pages' glue: for each kind of record, which fields its form has
// and how a posted form becomes a call of that kind's editor (sources.server.ts, …). The pages
// and components stay generic; what differs between kinds is described here, once.
import { data } from "react-router";
import {
  Country,
  GoalLevel,
  GoalMapping,
  SourceKind,
  TitleEsSource,
  VerificationLevel,
} from "#app/generated/prisma/enums.ts";
import type { catalogueEn } from "#app/locales/catalogue.en.ts";
import { conflictView } from "#app/modules/tracking/page-actions.server.ts";
import { NotFoundError, ValidationError } from "#app/utils/domain-errors.ts";
import {
  badRequest,
  domainErrorStatus,
  notFoundUnless,
  throwUnlessFormError,
} from "#app/utils/http.server.ts";
import { localizedTitle, translator, type Locale, type MessageKey } from "#app/utils/i18n.ts";
import {
  archiveActor,
  createActor,
  getActor,
  listActors,
  unarchiveActor,
  updateActor,
} from "./actors.server.ts";
import {
  isCatalogueKind,
  type CatalogueActionResult,
  type CatalogueIntent,
  type CatalogueKind,
  type FieldOption,
  type FieldType,
  type FieldView,
  type FormValues,
  type ItemRow,
} from "./admin-kinds.ts";
import {
  countCatalogue,
  countKind,
  listRecommendationPage,
  listRecommendationSourceCodes,
  type AdminRecommendationRow,
} from "./admin-queries.server.ts";
import type { AdminRecommendationQuery } from "./admin-list-query.ts";
import {
  archiveGoal,
  createGoal,
  getGoal,
  listGoals,
  unarchiveGoal,
  updateGoal,
} from "./goals.server.ts";
import {
  archiveRecommendation,
  createRecommendation,
  getRecommendationValues,
  unarchiveRecommendation,
  updateRecommendation,
} from "./recommendations.server.ts";
import type {
  ActorInput,
  ArchiveInput,
  EditKey,
  GoalInput,
  RecommendationInput,
  SourceInput,
  TagInput,
} from "./schemas.ts";
import {
  archiveSource,
  createSource,
  getSource,
  listSources,
  unarchiveSource,
  updateSource,
} from "./sources.server.ts";
import { archiveTag, createTag, getTag, listTags, unarchiveTag, updateTag } from "./tags.server.ts";
import { typedValues } from "#app/utils/forms.ts";

type FieldName = keyof typeof catalogueEn.fields;

/** A field of a kind's form, without the options that depend on the catalogue's contents. */
type FieldSpec = Omit<FieldView, "labelKey" | "options"> & {
  name: FieldName;
  /** Fixed choices (an enum), or the name of a list of records filled in when the form is shown. */
  options?: FieldOption[] | "sources" | "actors" | "goals" | "parentGoals";
};

function field(
  name: FieldName,
  type: FieldType,
  extra: Omit<FieldSpec, "name" | "type"> = {},
): FieldSpec {
  return { name, type, ...extra };
}

function choices<T extends string>(values: Record<string, T>, key: (value: T) => MessageKey) {
  return Object.values(values).map((value) => ({ value, labelKey: key(value) }));
}

const titleEsSource = field("titleEsSource", "select", {
  options: choices(TitleEsSource, (value) => `titleEsSource.${value}`),
  initial: "translation",
});
const country = field("country", "select", {
  required: true,
  options: choices(Country, (value) => `country.${value}`),
  emptyKey: "catalogue.form.chooseOne",
});

/** A stored record: its form values plus what every kind has. */
type Stored = Record<string, unknown> & { id: string; archivedAt: string | null; version: number };
/** What the editors accept: the form's strings, checked by their zod schemas. */
type Input = Record<string, string | string[]>;
type EditInput = Input & { id: string; expectedVersion: string };

type KindConfig = {
  fields: FieldSpec[];
  /** The field that names a record to people (code, slug, reference). */
  codeField: FieldName;
  rows: (locale: Locale, archived: boolean) => Promise<ItemRow[]>;
  get: (id: string) => Promise<Stored>;
  create: (actorId: string, input: Input) => Promise<{ id: string }>;
  update: (actorId: string, input: EditInput) => Promise<unknown>;
  archive: (actorId: string, input: ArchiveInput) => Promise<unknown>;
  unarchive: (actorId: string, input: ArchiveInput) => Promise<unknown>;
};

const inList = (archived: boolean) => (row: { archivedAt: string | null }) =>
  (row.archivedAt !== null) === archived;

const recommendationRow =
  (locale: Locale) =>
  (row: AdminRecommendationRow): ItemRow => ({
    id: row.id,
    code: row.reference,
    title: localizedTitle(locale, row),
    detail: row.sourceCode,
    archivedAt: row.archivedAt,
  });

const localName = (locale: Locale, row: { name: string; nameEs: string | null }) =>
  locale === "es" && row.nameEs ? row.nameEs : row.name;

/** A record's title (or name) in the reader's language. */
function displayTitle(locale: Locale, record: Record<string, unknown>) {
  const text = (value: unknown) => (typeof value === "string" && value ? value : null);
  const english = text(record.title) ?? text(record.name) ?? "";
  const spanish = text(record.titleEs) ?? text(record.nameEs);
  return locale === "es" && spanish ? spanish : english;
}

// The editors' input types name each field; the form gives every field as text, which is what
// their zod schemas take apart. The casts below only connect the two.
const kinds: Record<CatalogueKind, KindConfig> = {
  sources: {
    codeField: "code",
    fields: [
      field("code", "text", { required: true, hintKey: "catalogue.hints.code" }),
      field("title", "text", { required: true }),
      field("titleEs", "text"),
      titleEsSource,
      field("publisher", "text", { required: true }),
      field("kind", "select", {
        required: true,
        options: choices(SourceKind, (value) => `catalogue.sourceKind.${value}`),
        emptyKey: "catalogue.form.chooseOne",
      }),
      field("publishedDate", "text", { hintKey: "catalogue.hints.publishedDate" }),
      field("url", "url", { hintKey: "catalogue.hints.url" }),
      field("notes", "textarea"),
      field("reviewRequired", "checkbox", { hintKey: "catalogue.hints.reviewRequired" }),
    ],
    rows: async (locale, archived) =>
      (await listSources({ includeArchived: true })).filter(inList(archived)).map((row) => ({
        id: row.id,
        code: row.code,
        title: localizedTitle(locale, row),
        detailKey: `catalogue.sourceKind.${row.kind}`,
        recommendationCount: row.recommendationCount,
        archivedAt: row.archivedAt,
      })),
    get: getSource,
    create: (actorId, input) => createSource(actorId, input as SourceInput),
    update: (actorId, input) => updateSource(actorId, input as SourceInput & EditKey),
    archive: archiveSource,
    unarchive: unarchiveSource,
  },
  recommendations: {
    codeField: "reference",
    fields: [
      field("source", "select", {
        required: true,
        options: "sources",
        emptyKey: "catalogue.form.chooseOne",
      }),
      field("reference", "text", { required: true }),
      field("referenceEs", "text", { hintKey: "catalogue.hints.referenceEs" }),
      field("title", "text", { required: true }),
      field("titleEs", "text"),
      titleEsSource,
      field("text", "textarea", { required: true, rows: 10 }),
      field("textIsParaphrase", "checkbox"),
      field("addressee", "text"),
      country,
      field("actors", "multiselect", { options: "actors", hintKey: "catalogue.form.multiHint" }),
      field("goals", "multiselect", { options: "goals", hintKey: "catalogue.form.multiHint" }),
      field("goalMapping", "select", {
        options: choices(GoalMapping, (value) => `goalMapping.${value}`),
        initial: "editorial",
      }),
      field("verificationLevel", "select", {
        required: true,
        options: choices(VerificationLevel, (value) => `verificationLevel.${value}`),
        emptyKey: "catalogue.form.chooseOne",
      }),
      field("verified", "checkbox"),
      field("verificationNotes", "textarea"),
      field("sourceUrl", "url", { required: true, hintKey: "catalogue.hints.url" }),
    ],
    // Only the first page: their list page reads one page at a time (loadRecommendationList).
    rows: async (locale, archived) =>
      (await listRecommendationPage({ archived, page: 1, size: 25 })).rows.map(
        recommendationRow(locale),
      ),
    get: getRecommendationValues,
    create: (actorId, input) => createRecommendation(actorId, input as RecommendationInput),
    update: (actorId, input) =>
      updateRecommendation(actorId, input as RecommendationInput & EditKey),
    archive: archiveRecommendation,
    unarchive: unarchiveRecommendation,
  },
  actors: {
    codeField: "code",
    fields: [
      field("code", "text", { required: true, hintKey: "catalogue.hints.code" }),
      field("name", "text", { required: true }),
      field("nameEs", "text"),
      field("abbreviation", "text", { hintKey: "catalogue.hints.abbreviation" }),
      country,
    ],
    rows: async (locale, archived) =>
      (await listActors({ includeArchived: true })).filter(inList(archived)).map((row) => ({
        id: row.id,
        code: row.code,
        title: localName(locale, row),
        detailKey: `country.${row.country}`,
        recommendationCount: row.recommendationCount,
        archivedAt: row.archivedAt,
      })),
    get: getActor,
    create: (actorId, input) => createActor(actorId, input as ActorInput),
    update: (actorId, input) => updateActor(actorId, input as ActorInput & EditKey),
    archive: archiveActor,
    unarchive: unarchiveActor,
  },
  goals: {
    codeField: "code",
    fields: [
      field("code", "text", { required: true, hintKey: "catalogue.hints.goalCode" }),
      field("level", "select", {
        required: true,
        options: choices(GoalLevel, (value) => `goalLevel.${value}`),
        emptyKey: "catalogue.form.chooseOne",
      }),
      field("parent", "select", {
        options: "parentGoals",
        emptyKey: "catalogue.form.noParent",
        hintKey: "catalogue.hints.parent",
      }),
      field("title", "text", { required: true }),
      field("titleEs", "text"),
      titleEsSource,
      field("description", "textarea"),
    ],
    rows: async (locale, archived) =>
      (await listGoals({ includeArchived: true })).filter(inList(archived)).map((row) => ({
        id: row.id,
        code: row.code,
        title: localizedTitle(locale, row),
        detailKey: `goalLevel.${row.level}`,
        recommendationCount: row.recommendationCount,
        archivedAt: row.archivedAt,
      })),
    get: getGoal,
    create: (actorId, input) => createGoal(actorId, input as GoalInput),
    update: (actorId, input) => updateGoal(actorId, input as GoalInput & EditKey),
    archive: archiveGoal,
    unarchive: unarchiveGoal,
  },
  tags: {
    codeField: "slug",
    fields: [
      field("slug", "text", { required: true, hintKey: "catalogue.hints.slug" }),
      field("name", "text", { required: true }),
      field("nameEs", "text"),
    ],
    rows: async (locale, archived) =>
      (await listTags({ includeArchived: true })).filter(inList(archived)).map((row) => ({
        id: row.id,
        code: row.slug,
        title: localName(locale, row),
        recommendationCount: row.recommendationCount,
        archivedAt: row.archivedAt,
      })),
    get: getTag,
    create: (actorId, input) => createTag(actorId, input as TagInput),
    update: (actorId, input) => updateTag(actorId, input as TagInput & EditKey),
    archive: archiveTag,
    unarchive: unarchiveTag,
  },
};

/** The kind named in the URL, or a 404 page. */
export function kindOrNotFound(value: string | undefined): CatalogueKind {
  return notFoundUnless(isCatalogueKind(value) ? value : null);
}

/** `?archived=1` lists the archived records; nothing or 0 the active ones. */
export function parseArchivedFilter(params: URLSearchParams): boolean {
  const value = params.get("archived") ?? "";
  if (value !== "" && value !== "0" && value !== "1") {
    throw badRequest("archived", "Use 1 for the archived records, 0 or nothing for the others.");
  }
  return value === "1";
}

// --- Showing the forms -----------------------------------------------------------------------

/** The records a select offers: active ones, plus archived ones the record already names. */
async function recordOptions(
  list: FieldSpec["options"],
  locale: Locale,
  chosen: string[],
): Promise<FieldOption[]> {
  const t = translator(locale);
  const offer = <T extends { code: string; archivedAt: string | null }>(
    rows: T[],
    label: (row: T) => string,
  ) =>
    rows
      .filter((row) => row.archivedAt === null || chosen.includes(row.code))
      .map((row) => ({
        value: row.code,
        label: `${label(row)}${row.archivedAt ? ` (${t("catalogue.form.archivedMark")})` : ""}`,
      }));
  const goalLabel = (goal: {
    code: string;
    level: GoalLevel;
    title: string;
    titleEs: string | null;
  }) => `${t(`goalLevel.${goal.level}`)} ${goal.code} – ${localizedTitle(locale, goal)}`;
  switch (list) {
    case "sources":
      return offer(
        await listSources({ includeArchived: true }),
        (row) => `${row.code} – ${localizedTitle(locale, row)}`,
      );
    case "actors":
      return offer(
        await listActors({ includeArchived: true }),
        (row) => `${row.code} – ${localName(locale, row)}`,
      );
    case "goals":
      return offer(await listGoals({ includeArchived: true }), goalLabel);
    case "parentGoals":
      return offer(
        (await listGoals({ includeArchived: true })).filter(
          (goal) => goal.level !== "joint_objective",
        ),
        goalLabel,
      );
    default:
      return list ?? [];
  }
}

/** A kind's form fields, with their choices; `values` are the record's (or the typed) values. */
async function formFields(
  kind: CatalogueKind,
  locale: Locale,
  values: FormValues = {},
): Promise<FieldView[]> {
  return Promise.all(
    kinds[kind].fields.map(async (spec) => {
      const { options, ...rest } = spec;
      const chosen = ([] as string[]).concat(values[spec.name] ?? []);
      return {
        ...rest,
        labelKey: `catalogue.fields.${spec.name}` as const,
        ...(options ? { options: await recordOptions(options, locale, chosen) } : {}),
      };
    }),
  );
}

/** A stored record's fields as a form shows them: text, "on" for a ticked box, lists. */
function toFormValues(record: Record<string, unknown>, fields: FieldSpec[]): FormValues {
  const values: FormValues = {};
  for (const { name } of fields) {
    const value = record[name];
    if (Array.isArray(value)) values[name] = value.map(String);
    else if (typeof value === "boolean") values[name] = value ? "on" : "";
    else values[name] = value === null || value === undefined ? "" : String(value);
  }
  return values;
}

/** The kind's fields as posted (typedValues), each present: a multiselect a list, the rest text. */
function fromForm(form: FormData, fields: FieldSpec[]): Input {
  const lists = fields.filter((field) => field.type === "multiselect").map((field) => field.name);
  const typed = typedValues(form, { lists });
  const values: Input = {};
  for (const { name, type } of fields)
    values[name] = typed[name] ?? (type === "multiselect" ? [] : "");
  return values;
}

/** The overview: each kind with how many active and archived records it has. */
export async function catalogueOverview() {
  const counts = await countCatalogue();
  return Object.entries(counts).map(([kind, count]) => ({ kind: kind as CatalogueKind, ...count }));
}

/** A kind's list page: its active (or archived) records, the counts and the "new" form. */
export async function loadCatalogueList(kind: CatalogueKind, locale: Locale, archived: boolean) {
  const [rows, counts, fields] = await Promise.all([
    kinds[kind].rows(locale, archived),
    countKind(kind),
    formFields(kind, locale),
  ]);
  return { rows, counts, fields };
}

/**
 * The recommendations' list page: one page of them as searched and filtered (see
 * admin-queries.server.ts), the source filter's choices, the counts and the "new" form.
 */
export async function loadRecommendationList(locale: Locale, query: AdminRecommendationQuery) {
  const [page, sourceCodes, counts, fields] = await Promise.all([
    listRecommendationPage(query),
    listRecommendationSourceCodes(),
    countKind("recommendations"),
    formFields("recommendations", locale),
  ]);
  return {
    page: { ...page, rows: page.rows.map(recommendationRow(locale)) },
    sourceCodes,
    counts,
    fields,
  };
}

/** A record's edit page, or null when there is no such record. */
export async function loadCatalogueItem(kind: CatalogueKind, id: string, locale: Locale) {
  const config = kinds[kind];
  let record: Stored;
  try {
    record = await config.get(id);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  const values = toFormValues(record, config.fields);
  return {
    id: record.id,
    code: String(record[config.codeField] ?? ""),
    title: displayTitle(locale, record),
    archivedAt: record.archivedAt,
    version: record.version,
    values,
    fields: await formFields(kind, locale, values),
  };
}

// --- Posting the forms -----------------------------------------------------------------------

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Runs a catalogue form: "create" on a kind's list page (no id), "save", "archive" or
 * "unarchive" on a record's page. Validation failures come back as 422 and conflicts as 409,
 * both with what the admin typed; a missing record is a 404 page, an unknown form a 400.
 */
export async function runCatalogueAction(
  actorId: string,
  kind: CatalogueKind,
  id: string | null,
  form: FormData,
) {
  const config = kinds[kind];
  const intent = text(form, "intent") as CatalogueIntent;
  const allowed: CatalogueIntent[] = id === null ? ["create"] : ["save", "archive", "unarchive"];
  if (!allowed.includes(intent)) throw badRequest("intent", "This form is not known here.");
  const typed = intent === "create" || intent === "save" ? fromForm(form, config.fields) : null;
  const expectedVersion = text(form, "expectedVersion");
  try {
    let savedId = id ?? "";
    switch (intent) {
      case "create":
        savedId = (await config.create(actorId, typed!)).id;
        break;
      case "save":
        await config.update(actorId, { ...typed!, id: savedId, expectedVersion });
        break;
      case "archive":
        await config.archive(actorId, { id: savedId, expectedVersion });
        break;
      case "unarchive":
        await config.unarchive(actorId, { id: savedId, expectedVersion });
        break;
    }
    return data<CatalogueActionResult>({ ok: true, intent, id: savedId });
  } catch (error) {
    throwUnlessFormError(error);
    const values = typed ?? undefined;
    const status = domainErrorStatus(error)!;
    if (error instanceof ValidationError) {
      return data<CatalogueActionResult>(
        { ok: false, intent, fieldErrors: error.fieldErrors, values, expectedVersion },
        { status },
      );
    }
    return data<CatalogueActionResult>(
      { ok: false, intent, values, conflict: conflictView(error) },
      { status },
    );
  }
}
