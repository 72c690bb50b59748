// Stage 2, second half: Candidates compared with the database → a Plan. Nothing is written here;
// the preview shows the plan, and the commit (commit.server.ts) makes it again inside its
// transaction and writes it only when its fingerprint is still the one the admin saw.
//
// Rules: matching by id when the file has one, else by source code + reference. A column the file
// does not have changes nothing. The tracker's assessed status changes only through a status
// change (never by an official-status import), and one to implemented or partially implemented
// needs evidence. An export of the current state plans no change at all.
import { createHash } from "node:crypto";
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { Status } from "#app/generated/prisma/enums.ts";
import { referenceKey } from "#app/modules/catalogue/reference.server.ts";
import { currentDay, dayIn, dayOf } from "#app/utils/dates.ts";
import { translator, type Locale } from "#app/utils/i18n.ts";
import type { Client } from "./candidates.server.ts";
import type { RelationDirection, RelationType } from "#app/modules/relations/relation-types.ts";
import {
  verificationColumns,
  type Candidate,
  type ItemFields,
  type RowError,
  type SourceFields,
  type VerificationColumn,
} from "./types.ts";

/** A field of the item, or of its verification record (catalogue update). */
export type PlanField = keyof ItemFields | VerificationColumn;
export type FieldChange = { field: PlanField; before: unknown; after: unknown };

export type PlanRowKind = "create" | "update" | "unchanged" | "error";

export type PlannedStatusChange = {
  from: Status;
  to: Status;
  summary: string;
  occurredOn: string;
  /** A link evidence to add (the item has none yet). */
  evidenceUrl: string | null;
};

/** A link to add to the row's item, as its "Related items" cell names it. */
export type PlannedRelation = {
  type: RelationType;
  direction: RelationDirection;
  /** The other item as the file names it. */
  key: string;
  /** The other item: a stored one, or the key of the row that creates it. */
  otherId: string | null;
  otherRow: string | null;
};

export type PlanRow = {
  key: string;
  rowNumbers: number[];
  kind: PlanRowKind;
  /** The source (or GAO publication) code: rows can be unticked a whole group at a time. */
  group: string;
  itemId: string | null;
  reference: string;
  title: string;
  /** Creates: every field set; updates: the fields that differ, before → after. */
  changes: FieldChange[];
  statusChange: PlannedStatusChange | null;
  /** Fields a person edited since they were seeded (catalogue update): not written unless accepted. */
  conflicts: PlanField[];
  /** Agencies of a new GAO item that map to no actor yet. */
  unmappedActors: string[];
  errors: RowError[];
  /** What a create writes (every field), in the database's form. */
  values: Partial<ItemFields>;
  /** What a create writes of the verification record (catalogue update). */
  verification: Record<string, unknown>;
  /** The item's version when planned (updates). */
  version: number | null;
  /** For a create: the id the file gives it (the seed id of a shipped item), when free to use. */
  newId: string | null;
  /** Links to related items the item does not have yet (an import adds links, never removes). */
  relations: PlannedRelation[];
};

export type PlanSource = {
  code: string;
  action: "create" | "update";
  sourceId: string | null;
  /** For a create: the whole source; for an update: only the fields it fills in. */
  fields: Partial<SourceFields>;
};

export type Plan = {
  rows: PlanRow[];
  sources: PlanSource[];
  /** Every agency that maps to no actor, once each, in file order. */
  unmappedActors: string[];
  counts: { create: number; update: number; unchanged: number; errors: number };
  /** What the preview shows, hashed: a commit is refused when it differs (a stale preview). */
  fingerprint: string;
};

export type PlanOptions = {
  /** The file's name, for the summary of a status change a file gives no summary for. */
  fileName: string;
  /** The admin's language, for that summary. */
  locale: Locale;
  /** Today (ISO day) for changes the file gives no date for; tests set it. */
  today?: string;
};

/**
 * What an item's import columns and verification record are read from: by the plan, and by the
 * catalogue update (catalogue-update.server.ts) comparing the shipped catalogue with the database.
 */
export const storedItemSelect = {
  id: true,
  reference: true,
  referenceEs: true,
  title: true,
  titleEs: true,
  text: true,
  addressee: true,
  country: true,
  statusOfficial: true,
  statusOfficialAsOf: true,
  statusOfficialComment: true,
  statusOfficialPriority: true,
  titleEsSource: true,
  textIsParaphrase: true,
  goalMapping: true,
  verified: true,
  verificationLevel: true,
  verificationNotes: true,
  sourceUrl: true,
  otherUrls: true,
  statusNote: true,
  source: { select: { code: true } },
  actors: { select: { code: true } },
  goals: { select: { code: true } },
} satisfies Prisma.RecommendationSelect;

const itemSelect = {
  ...storedItemSelect,
  version: true,
  sourceId: true,
  status: true,
  priority: true,
  dueDate: true,
  lastVerifiedAt: true,
  tags: { select: { slug: true } },
  _count: { select: { evidence: { where: { archivedAt: null } } } },
  statusChanges: {
    select: { summary: true },
    orderBy: [
      { occurredOn: "desc" as const },
      { createdAt: "desc" as const },
      { id: "desc" as const },
    ],
    take: 1,
  },
} satisfies Prisma.RecommendationSelect;

type StoredItem = Awaited<ReturnType<typeof loadItems>>[number];

function loadItems(db: Client, where: { ids: string[]; sourceIds: string[] }) {
  return db.recommendation.findMany({
    where: { OR: [{ id: { in: where.ids } }, { sourceId: { in: where.sourceIds } }] },
    select: itemSelect,
    orderBy: { id: "asc" },
  });
}

/** An item's importable fields as the database has them, in the form Candidates use. */
export function storedFields(item: StoredItem): ItemFields {
  return {
    reference: item.reference,
    referenceEs: item.referenceEs,
    title: item.title,
    titleEs: item.titleEs,
    text: item.text,
    addressee: item.addressee,
    country: item.country,
    status: item.status,
    statusOfficial: item.statusOfficial,
    statusOfficialAsOf: dayOf(item.statusOfficialAsOf),
    statusOfficialComment: item.statusOfficialComment,
    statusOfficialPriority: item.statusOfficialPriority,
    priority: item.priority,
    dueDate: dayOf(item.dueDate),
    lastVerifiedAt: item.lastVerifiedAt ? dayIn(item.lastVerifiedAt) : null,
    actors: item.actors.map((actor) => actor.code).sort(),
    goals: item.goals.map((goal) => goal.code).sort(),
    tags: item.tags.map((tag) => tag.slug).sort(),
  };
}

/** Empty text is no value; lists compare as sorted sets. */
function same(a: unknown, b: unknown): boolean {
  const norm = (value: unknown) => {
    if (value === undefined || value === "") return null;
    if (typeof value === "string") return value.trim() || null;
    if (Array.isArray(value)) return [...value].map(String).sort();
    return value;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

const fieldOrder: Array<keyof ItemFields> = [
  "reference",
  "referenceEs",
  "title",
  "titleEs",
  "text",
  "addressee",
  "country",
  "actors",
  "goals",
  "tags",
  "priority",
  "dueDate",
  "statusOfficial",
  "statusOfficialAsOf",
  "statusOfficialComment",
  "statusOfficialPriority",
  "lastVerifiedAt",
];

function pickVerification(record: Record<string, unknown>) {
  return Object.fromEntries(
    verificationColumns.flatMap((field) => (field in record ? [[field, record[field]]] : [])),
  ) as Partial<Record<VerificationColumn, unknown>>;
}

const needsEvidence = new Set<Status>(["implemented", "partially_implemented"]);

const refKey = (code: string, reference: string) =>
  `${code.toUpperCase()}\u0000${reference.trim()}`;

/** Candidates → a Plan, read from `db` (the app's client, or a transaction's). */
export async function planImport(
  db: Client,
  candidates: Candidate[],
  options: PlanOptions,
): Promise<Plan> {
  const today = options.today ?? currentDay();
  const t = translator(options.locale);
  const codes = [...new Set(candidates.map((c) => c.sourceCode.trim()).filter(Boolean))];
  const sources = await db.source.findMany({
    where: { code: { in: codes, mode: "insensitive" } },
    select: { id: true, code: true, version: true, publishedDate: true, url: true },
    orderBy: { id: "asc" },
  });
  const sourceByCode = new Map(sources.map((source) => [source.code.toUpperCase(), source]));
  const items = await loadItems(db, {
    ids: candidates.flatMap((c) => (c.id ? [c.id] : [])),
    sourceIds: sources.map((source) => source.id),
  });
  const byId = new Map(items.map((item) => [item.id, item]));
  const byRef = new Map<string, StoredItem>();
  for (const item of items) {
    const key = refKey(item.source.code, item.reference);
    if (!byRef.has(key)) byRef.set(key, item);
  }
  const claims = await referenceClaims(db, items, sources);

  const plannedSources = new Map<string, PlanSource>();
  const seen = new Map<string, number>();
  const rows: PlanRow[] = [];
  const unmapped: string[] = [];

  for (const candidate of candidates) {
    const errors: RowError[] = [...candidate.errors];
    const firstRow = candidate.rowNumbers[0] ?? 0;
    const fail = (column: string | null, code: RowError["code"], value?: string) =>
      errors.push({ rowNumber: firstRow, column, code, ...(value ? { value } : {}) });
    // A cell the reader refused (a formula, markup) is not missing as well.
    const refused = (column: string) => errors.some((error) => error.column === column);
    const fields = candidate.fields;
    const sourceCode = candidate.sourceCode.trim();
    const reference = fields.reference?.trim() ?? "";

    let item: StoredItem | undefined;
    if (candidate.id) {
      item = byId.get(candidate.id);
      if (!item && !(sourceCode && reference)) fail("id", "unknownId", candidate.id);
    }
    if (!item && sourceCode && reference) item = byRef.get(refKey(sourceCode, reference));

    // The same item twice in one file: only the first is kept.
    const identity = item ? `id:${item.id}` : refKey(sourceCode, reference);
    if (item || (sourceCode && reference)) {
      if (seen.has(identity)) fail("reference", "duplicateReference", reference || candidate.id);
      else seen.set(identity, firstRow);
    }
    // One reference per source, as the database compares it (reference.server.ts): a new item,
    // or an item given a new reference, may not take one that another item of its source holds
    // (archived or not) or that an earlier row of the file takes.
    const claimed = item ? fields.reference?.trim() || null : reference || null;
    const claimSource = item ? item.sourceId : sourceByCode.get(sourceCode.toUpperCase())?.id;
    if (claimed && (item || sourceCode) && !errors.some((e) => e.code === "duplicateReference")) {
      const key = claimKey(claimSource ?? `code:${sourceCode.toUpperCase()}`, claimed);
      const holder = claims.get(key);
      if (holder === undefined) claims.set(key, item ? item.id : `row:${candidate.key}`);
      else if (holder !== item?.id) {
        fail(
          "reference",
          holder.startsWith("row:") ? "duplicateReference" : "referenceTaken",
          claimed,
        );
      }
    }

    const group = (item?.source.code ?? sourceCode).toUpperCase() || "—";
    const stored = item ? storedFields(item) : null;
    const changes: FieldChange[] = [];
    const values: Partial<ItemFields> = {};
    const record = candidate.verification?.values ?? {};
    const conflicts: PlanField[] = [
      ...(candidate.conflicts ?? []).filter((field) => field in fields),
      ...verificationColumns.filter(
        (field) => field in record && (candidate.verification?.conflicts ?? []).includes(field),
      ),
    ];

    const unknownId = errors.some((error) => error.code === "unknownId");
    if (!item && !unknownId) {
      if (!sourceCode && !refused("source")) fail("source", "missingSource");
      if (!reference && !refused("reference")) fail("reference", "missingReference");
      if (sourceCode && !sourceByCode.has(sourceCode.toUpperCase())) {
        const key = sourceCode.toUpperCase();
        if (candidate.source?.title) {
          if (!plannedSources.has(key)) {
            plannedSources.set(key, {
              code: sourceCode,
              action: "create",
              sourceId: null,
              fields: {
                code: sourceCode,
                title: candidate.source.title,
                publisher: candidate.source.publisher ?? sourceCode,
                kind: candidate.source.kind ?? "other",
                publishedDate: candidate.source.publishedDate ?? null,
                url: candidate.source.url ?? null,
              },
            });
          }
        } else if (!plannedSources.has(key)) {
          fail("source", "unknownSource", sourceCode);
        }
      }
      if (!fields.title && !refused("title")) fail("title", "missingTitle");
      if (!fields.text && !refused("text")) fail("text", "missingText");
      if (!fields.country && !refused("country")) {
        fail("country", "unknownCountry", "");
      }
      Object.assign(values, {
        referenceEs: null,
        titleEs: null,
        addressee: null,
        statusOfficial: null,
        statusOfficialAsOf: null,
        statusOfficialComment: null,
        statusOfficialPriority: false,
        priority: null,
        dueDate: null,
        lastVerifiedAt: null,
        actors: [],
        goals: [],
        tags: [],
        ...fields,
        status: "not_started",
      } satisfies Partial<ItemFields>);
      for (const field of fieldOrder) {
        const value = values[field];
        if (value !== null && value !== undefined && !same(value, [])) {
          changes.push({ field, before: null, after: value });
        }
      }
    } else if (item) {
      for (const field of fieldOrder) {
        if (!(field in fields)) continue;
        let after = fields[field];
        const before = stored![field];
        if (field === "statusOfficialAsOf" && !fields.statusOfficial && !stored!.statusOfficial) {
          continue;
        }
        if (field === "reference" && !after) continue;
        if (same(before, after)) continue;
        if (after === undefined) after = null;
        changes.push({ field, before, after });
      }
      for (const field of verificationColumns) {
        if (!(field in record)) continue;
        const before = item[field];
        const after = record[field] ?? null;
        if (!same(before, after)) changes.push({ field, before, after });
      }
    }

    // The tracker's own status: only through a status change, with its evidence.
    let statusChange: PlannedStatusChange | null = null;
    const from: Status = stored?.status ?? "not_started";
    const to = fields.status;
    if (to && to !== from) {
      const given = candidate.statusChange;
      const latest = item?.statusChanges[0]?.summary ?? null;
      const fresh = given?.summary && !same(given.summary, latest) ? given.summary : null;
      const evidenceUrl = given?.evidenceUrl ?? null;
      if (needsEvidence.has(to) && !(item && item._count.evidence > 0) && !evidenceUrl) {
        fail("status", "statusNeedsEvidence", to);
      }
      statusChange = {
        from,
        to,
        summary: fresh ?? t("import.plan.generatedSummary", { file: options.fileName }),
        occurredOn: (fresh && given?.occurredOn) || today,
        evidenceUrl: item && item._count.evidence > 0 ? null : evidenceUrl,
      };
    }

    // A source the database has, missing a date or web address the file gives.
    const storedSource = sourceByCode.get(sourceCode.toUpperCase());
    if (storedSource && candidate.source && !plannedSources.has(storedSource.code.toUpperCase())) {
      const fill: Partial<SourceFields> = {};
      if (!storedSource.publishedDate && candidate.source.publishedDate) {
        fill.publishedDate = candidate.source.publishedDate;
      }
      if (!storedSource.url && candidate.source.url) fill.url = candidate.source.url;
      if (Object.keys(fill).length > 0) {
        plannedSources.set(storedSource.code.toUpperCase(), {
          code: storedSource.code,
          action: "update",
          sourceId: storedSource.id,
          fields: fill,
        });
      }
    }

    const unmappedActors = item ? [] : (candidate.unmappedActors ?? []);
    for (const agency of unmappedActors) if (!unmapped.includes(agency)) unmapped.push(agency);

    const kind: PlanRowKind =
      errors.length > 0
        ? "error"
        : !item
          ? "create"
          : changes.length > 0 || statusChange
            ? "update"
            : "unchanged";
    rows.push({
      key: candidate.key,
      rowNumbers: candidate.rowNumbers,
      kind,
      group,
      itemId: item?.id ?? null,
      reference: item?.reference ?? reference,
      title: fields.title ?? item?.title ?? "",
      changes,
      statusChange,
      conflicts,
      unmappedActors,
      errors,
      values,
      verification: item ? {} : pickVerification(record),
      version: item?.version ?? null,
      newId:
        !item && candidate.id && /^[a-z0-9][a-z0-9-]{0,79}$/.test(candidate.id)
          ? candidate.id
          : null,
      relations: [],
    });
  }
  await planRelations(db, candidates, rows);

  const count = (kind: PlanRowKind) => rows.filter((row) => row.kind === kind).length;
  const plan = {
    rows,
    sources: [...plannedSources.values()],
    unmappedActors: unmapped,
    counts: {
      create: count("create"),
      update: count("update"),
      unchanged: count("unchanged"),
      errors: count("error"),
    },
  };
  return { ...plan, fingerprint: fingerprint(plan) };
}

const claimKey = (source: string, reference: string) => `${source}\u0000${referenceKey(reference)}`;

/**
 * Which item holds each reference of the sources a plan touches (by source id and the reference
 * as the unique index compares it): the items loaded for the plan, and the other items of the
 * sources of items matched by id alone, whose new reference must be free in their own source.
 */
async function referenceClaims(
  db: Client,
  items: StoredItem[],
  sources: Array<{ id: string }>,
): Promise<Map<string, string>> {
  const loaded = new Set(sources.map((source) => source.id));
  const others = [...new Set(items.map((item) => item.sourceId))].filter((id) => !loaded.has(id));
  const more =
    others.length > 0
      ? await db.recommendation.findMany({
          where: { sourceId: { in: others } },
          select: { id: true, sourceId: true, reference: true },
          orderBy: { id: "asc" },
        })
      : [];
  const claims = new Map<string, string>();
  for (const item of [...items, ...more]) {
    const key = claimKey(item.sourceId, item.reference);
    if (!claims.has(key)) claims.set(key, item.id);
  }
  return claims;
}

/**
 * What the preview shows, hashed: each row's kind, item and its version, changes, status change,
 * conflicts and errors, and the sources and agencies to add. A commit whose plan, made again in
 * its transaction, hashes otherwise was previewed on a catalogue that has changed since: it is
 * refused. A change elsewhere in the catalogue leaves the hash as it was.
 */
function fingerprint(plan: Omit<Plan, "fingerprint">): string {
  const shown = {
    rows: plan.rows.map((row) => [
      row.key,
      row.kind,
      row.itemId,
      row.version,
      row.changes,
      row.statusChange,
      row.conflicts,
      row.unmappedActors,
      row.errors.map((error) => [error.rowNumber, error.column, error.code]),
      row.relations,
    ]),
    sources: plan.sources,
    unmappedActors: plan.unmappedActors,
  };
  return createHash("sha256").update(JSON.stringify(shown)).digest("hex").slice(0, 32);
}

/**
 * The links the file's "Related items" cells ask for that the catalogue does not have yet, on
 * the row that names them first (a link named from both ends, as an export writes it, once).
 * The other item is a present item (by id, reference, or source code and reference) or one that
 * a row of the file creates. Rows are in candidate order, one each.
 */
async function planRelations(db: Client, candidates: Candidate[], rows: PlanRow[]) {
  if (!candidates.some((candidate) => candidate.relations?.length)) return;
  const fold = (text: string) => text.trim().toLowerCase();
  const index = new Map<string, Set<string>>();
  const name = (key: string | null | undefined, target: string) => {
    if (!key?.trim()) return;
    const found = index.get(fold(key)) ?? new Set<string>();
    index.set(fold(key), found.add(target));
  };
  const stored = await db.$queryRaw<
    Array<{ id: string; reference: string; referenceEs: string | null; code: string }>
  >`
    SELECT r.id, r.reference, r."referenceEs", s.code
    FROM "Recommendation" r JOIN "Source" s ON s.id = r."sourceId"
    WHERE r."archivedAt" IS NULL`;
  const ids = new Set(stored.map((item) => item.id));
  for (const item of stored) {
    name(item.reference, item.id);
    if (item.referenceEs !== item.reference) name(item.referenceEs, item.id);
    name(`${item.code} ${item.reference.trim()}`, item.id);
  }
  const rowTarget = (row: PlanRow) => row.itemId ?? `new:${row.key}`;
  for (const row of rows) {
    if (row.kind !== "create") continue;
    name(row.reference, rowTarget(row));
    name(`${row.group} ${row.reference.trim()}`, rowTarget(row));
    name(row.newId, rowTarget(row));
  }
  const resolve = (key: string): string | "unknown" | "ambiguous" => {
    if (ids.has(key.trim())) return key.trim();
    const found = index.get(fold(key));
    if (!found || found.size === 0) return "unknown";
    return found.size === 1 ? [...found][0]! : "ambiguous";
  };

  const linkKey = (type: RelationType, from: string, to: string) =>
    type === "same_ask" && from > to ? `${type}|${to}|${from}` : `${type}|${from}|${to}`;
  const itemIds = rows.flatMap((row) => (row.itemId ? [row.itemId] : []));
  const known = new Set(
    (
      await db.itemRelation.findMany({
        where: { OR: [{ fromId: { in: itemIds } }, { toId: { in: itemIds } }] },
        select: { fromId: true, toId: true, type: true },
      })
    ).map((link) => linkKey(link.type, link.fromId, link.toId)),
  );

  candidates.forEach((candidate, position) => {
    const row = rows[position]!;
    const self = rowTarget(row);
    for (const cell of candidate.relations ?? []) {
      const other = resolve(cell.key);
      const fail = (code: RowError["code"]) =>
        row.errors.push({
          rowNumber: row.rowNumbers[0] ?? 0,
          column: "related",
          code,
          value: cell.key,
        });
      if (other === "unknown") fail("unknownRelated");
      else if (other === "ambiguous") fail("ambiguousRelated");
      else if (other === self) fail("relatedSelf");
      else {
        const [from, to] = cell.direction === "outgoing" ? [self, other] : [other, self];
        const key = linkKey(cell.type, from, to);
        if (known.has(key)) continue;
        known.add(key);
        const isNew = other.startsWith("new:");
        row.relations.push({
          type: cell.type,
          direction: cell.direction,
          key: cell.key,
          otherId: isNew ? null : other,
          otherRow: isNew ? other.slice(4) : null,
        });
      }
    }
    if (row.errors.length > 0) row.kind = "error";
    else if (row.kind === "unchanged" && row.relations.length > 0) row.kind = "update";
  });
}
