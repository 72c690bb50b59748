// The shipped catalogue (prisma/catalogue.json) as an import (issue 11, point 5): a fresh install
// seeds it; an installed one is offered the newer catalogue on the admin's import page, through the
// same preview as a file. Each shipped item becomes a Candidate matched by its seed id; a field that
// a person changed since it was seeded, and that the catalogue would now change, is a conflict the
// admin decides, never overwritten silently.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { dayOf } from "#app/utils/dates.ts";
import type { Db, Tx } from "#app/utils/db.server.ts";
import { catalogue as shippedCatalogue, type SeedCatalogue } from "../../../prisma/seed.ts";
import {
  verificationColumns,
  type Candidate,
  type ItemFields,
  type SourceFields,
  type VerificationColumn,
} from "./types.ts";
import { storedItemSelect } from "./plan.server.ts";

type Client = Db | Tx;
type ShippedItem = SeedCatalogue["recommendations"][number];
type ShippedSource = SeedCatalogue["sources"][number];

/** The item fields the catalogue ships (the tracker's own status and tracking fields excluded). */
export type CatalogueField = Exclude<
  keyof ItemFields,
  "status" | "priority" | "dueDate" | "lastVerifiedAt" | "tags"
>;

export const catalogueFields: CatalogueField[] = [
  "reference",
  "referenceEs",
  "title",
  "titleEs",
  "text",
  "addressee",
  "country",
  "statusOfficial",
  "statusOfficialAsOf",
  "statusOfficialComment",
  "statusOfficialPriority",
  "actors",
  "goals",
];

/**
 * What the catalogue says of how well an item is verified and where it was read: not import
 * columns (ItemFields), but they go with the text, so a catalogue update carries them beside it.
 */
export const verificationFields = verificationColumns;

export type VerificationField = VerificationColumn;
export type VerificationValues = Pick<ShippedItem, VerificationField>;

export type CatalogueCandidate = Candidate & {
  /** The stored item's id (the seed id unless an import added it), or the seed id for a create. */
  id: string;
  seedId: string;
  /** Whether the item is in the database (an update) or not (a create). */
  existing: boolean;
  /** The catalogue's fields whose value differs from the stored one (all of them for a create). */
  changedFields: CatalogueField[];
  /**
   * The catalogue's verification record: every field for a create; for an update, those that
   * differ from the stored ones, and which of them a person edited (conflicts, as for `fields`).
   */
  verification: {
    values: Partial<VerificationValues>;
    conflicts: VerificationField[];
  };
  /** The catalogue's record of the item: how well it is verified, where it was read, its notes. */
  shipped: ShippedItem;
  shippedSource: ShippedSource;
};

const sorted = (values: string[]) => [...values].sort();

/** The catalogue's fields of a shipped item, in the form a Candidate carries them. */
export function shippedFields(item: ShippedItem): Pick<ItemFields, CatalogueField> {
  const fields: Pick<ItemFields, CatalogueField> = {
    reference: item.reference,
    referenceEs: item.referenceEs,
    title: item.title,
    titleEs: item.titleEs,
    text: item.text,
    addressee: item.addressee,
    country: item.country,
    statusOfficial: item.statusOfficial,
    statusOfficialAsOf: item.statusOfficialAsOf,
    statusOfficialComment: item.statusOfficialComment,
    statusOfficialPriority: item.statusOfficialPriority,
    actors: sorted(item.actors),
    goals: sorted(item.goals),
  };
  return fields;
}

export function shippedSourceFields(source: ShippedSource): SourceFields {
  return {
    code: source.code,
    title: source.title,
    publisher: source.publisher,
    kind: source.kind,
    publishedDate: source.publishedDate,
    url: source.url,
  };
}

const storedSelect = {
  ...storedItemSelect,
  archivedAt: true,
} satisfies Prisma.RecommendationSelect;

type StoredRow = Prisma.RecommendationGetPayload<{ select: typeof storedSelect }>;

function storedFields(row: StoredRow): Partial<ItemFields> {
  return {
    reference: row.reference,
    referenceEs: row.referenceEs,
    title: row.title,
    titleEs: row.titleEs,
    text: row.text,
    addressee: row.addressee,
    country: row.country,
    statusOfficial: row.statusOfficial,
    statusOfficialAsOf: dayOf(row.statusOfficialAsOf),
    statusOfficialComment: row.statusOfficialComment,
    statusOfficialPriority: row.statusOfficialPriority,
    actors: sorted(row.actors.map((actor) => actor.code)),
    goals: sorted(row.goals.map((goal) => goal.code)),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `fields` whose value differs from `stored`'s. */
export function differingFields(
  fields: Partial<ItemFields>,
  stored: Partial<ItemFields>,
): CatalogueField[] {
  return catalogueFields.filter((field) => field in fields && !same(fields[field], stored[field]));
}

type EditEvent = { entityId: string; actorId: string | null; after: unknown };

/**
 * For each item, the catalogue fields whose latest change was made by a person: an audit event
 * with an actor, other than an admin's earlier catalogue update (an import of the catalogue,
 * whose events carry its `importId`). Audit events name the fields as ItemFields does (the forms'
 * values: codes for actors and goals, ISO days), so the keys of `after` are the fields. Only the
 * events that touch one of them are read.
 */
type EditableField = CatalogueField | VerificationField;
const editableFields: EditableField[] = [...catalogueFields, ...verificationFields];

async function personEditedFields(db: Client, ids: string[]) {
  if (ids.length === 0) return new Map<string, Set<EditableField>>();
  const events = await db.$queryRaw<EditEvent[]>`
    SELECT "entityId", "actorId", "after" FROM "AuditEvent"
    WHERE "entityType" = 'Recommendation' AND "entityId" = ANY(${ids})
      AND jsonb_typeof("after") = 'object' AND "after" ?| ${editableFields}::text[]
    ORDER BY "id"`;
  const importIds = new Set<string>();
  for (const event of events) {
    const importId = afterObject(event.after)?.importId;
    if (typeof importId === "string") importIds.add(importId);
  }
  const catalogueImports = await catalogueImportIds(db, [...importIds]);

  const latestByPerson = new Map<string, Map<EditableField, boolean>>();
  for (const event of events) {
    const after = afterObject(event.after);
    if (!after) continue;
    const byPerson =
      event.actorId !== null &&
      !(typeof after.importId === "string" && catalogueImports.has(after.importId));
    const fields = latestByPerson.get(event.entityId) ?? new Map<EditableField, boolean>();
    for (const key of Object.keys(after)) {
      if ((editableFields as string[]).includes(key)) fields.set(key as EditableField, byPerson);
    }
    latestByPerson.set(event.entityId, fields);
  }
  const edited = new Map<string, Set<EditableField>>();
  for (const [id, fields] of latestByPerson) {
    edited.set(id, new Set([...fields].filter(([, byPerson]) => byPerson).map(([key]) => key)));
  }
  return edited;
}

function afterObject(after: unknown): Record<string, unknown> | null {
  return after !== null && typeof after === "object" && !Array.isArray(after)
    ? (after as Record<string, unknown>)
    : null;
}

/** Which of these imports were catalogue updates (the Import table comes with migration 0008). */
async function catalogueImportIds(db: Client, importIds: string[]): Promise<Set<string>> {
  if (importIds.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Import" WHERE "id" = ANY(${importIds}) AND "format"::text = 'catalogue'`;
  return new Set(rows.map((row) => row.id));
}

const refKey = (sourceCode: string, reference: string) =>
  `${sourceCode.trim().toUpperCase()}\u0000${reference.trim().toLowerCase()}`;

/** The recommendation number a reference gives after its publication ("Rec. 3", "#3"). */
function recommendationNumber(reference: string, sourceCode: string): number | null {
  const index = reference.toUpperCase().indexOf(sourceCode.toUpperCase());
  if (index < 0) return null;
  const match = /^\s*(?:#|rec\.?|recommendation)\s*(\d+)\b/i.exec(
    reference.slice(index + sourceCode.length),
  );
  return match ? Number(match[1]) : null;
}

/**
 * The stored item each shipped item stands for: by its seed id; else, for an item an earlier
 * update or an import added under another id, by source and reference, or by the GAO
 * recommendation number its reference names ("GAO-26-108061 Rec. 3" from GAO's export is the
 * catalogue's "GAO-26-108061 Recommendation 3 (DOJ – ATF)"). No stored item is matched twice.
 */
function matchStored(items: ShippedItem[], rows: StoredRow[]) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const byRef = new Map<string, StoredRow>();
  for (const row of rows) byRef.set(refKey(row.source.code, row.reference), row);
  const used = new Set(items.flatMap((item) => (byId.has(item.id) ? [item.id] : [])));
  const matched = new Map<string, StoredRow>();
  for (const item of items) {
    let row = byId.get(item.id);
    if (!row) {
      const number = recommendationNumber(item.reference, item.source);
      row = [byRef.get(refKey(item.source, item.reference))]
        .concat(
          number === null
            ? []
            : rows.filter(
                (other) =>
                  other.source.code.toUpperCase() === item.source.toUpperCase() &&
                  recommendationNumber(other.reference, other.source.code) === number,
              ),
        )
        .find((other) => other !== undefined && !used.has(other.id));
    }
    if (row) {
      used.add(row.id);
      matched.set(item.id, row);
    }
  }
  return matched;
}

/**
 * The shipped catalogue as Candidates for the import plan: one per shipped item that is in the
 * database (matched by its seed id) or missing from it; items an admin archived are left out, so
 * they are not re-created. A handful of queries whatever the catalogue's size.
 */
export async function catalogueUpdateCandidates(
  db: Client,
  data: SeedCatalogue = shippedCatalogue,
): Promise<CatalogueCandidate[]> {
  const ids = data.recommendations.map((item) => item.id);
  const codes = data.sources.map((source) => source.code);
  const select = storedSelect;
  const rows = await db.recommendation.findMany({
    where: {
      OR: [{ id: { in: ids } }, { source: { code: { in: codes, mode: "insensitive" } } }],
    },
    select,
    orderBy: { id: "asc" },
  });
  const stored = matchStored(data.recommendations, rows);
  const edited = await personEditedFields(
    db,
    [...stored.values()].map((row) => row.id),
  );
  const sources = new Map(data.sources.map((source) => [source.code, source]));

  const candidates: CatalogueCandidate[] = [];
  for (const item of data.recommendations) {
    const row = stored.get(item.id);
    if (row?.archivedAt) continue;
    const source = sources.get(item.source);
    if (!source) throw new Error(`The catalogue's item ${item.id} names no shipped source.`);
    const fields = shippedFields(item);
    const current = row ? storedFields(row) : null;
    const changedFields = current ? differingFields(fields, current) : [...catalogueFields];
    const personEdited: Set<EditableField> = (row && edited.get(row.id)) ?? new Set();
    const verification: Partial<VerificationValues> = {};
    for (const field of verificationFields) {
      if (!row || !same(item[field], row[field])) {
        Object.assign(verification, { [field]: item[field] });
      }
    }
    candidates.push({
      key: `catalogue:${item.id}`,
      rowNumbers: [],
      // The stored item's id when it has one; the seed id for a new item.
      id: row?.id ?? item.id,
      sourceCode: item.source,
      source: shippedSourceFields(source),
      fields,
      conflicts: changedFields.filter((field) => personEdited.has(field)),
      errors: [],
      seedId: item.id,
      existing: row !== undefined,
      changedFields,
      verification: {
        values: verification,
        conflicts: verificationFields.filter(
          (field) => row && field in verification && personEdited.has(field),
        ),
      },
      shipped: item,
      shippedSource: source,
    });
  }
  return candidates;
}

/** The catalogue's version (the day of its last update), for the import record's name. */
export const shippedCatalogueVersion = shippedCatalogue.meta.version;
