// Stage 2, first half: what a file says, as Candidates in the database's own terms. Labels in
// either language become codes, actors are found by code, abbreviation or name, goals by code,
// tags by slug or name, dates are checked, lists are sorted; whatever cannot be read becomes a
// row error naming its column. A column the file does not have sets nothing.
import { slugify } from "#app/modules/catalogue/slug.ts";
import { parseRelationCell, type RelationCell } from "#app/modules/relations/relation-types.ts";
import { isHttpUrl } from "#app/modules/tracking/fields.ts";
import { isDay } from "#app/utils/dates.ts";
import type { Country } from "#app/generated/prisma/enums.ts";
import type { Db, Tx } from "#app/utils/db.server.ts";
import { parseDay } from "./dates.ts";
import { codeOf, foldLabel, yesNo } from "./labels.ts";
import type {
  Candidate,
  GaoRecommendation,
  ImportColumn,
  ItemFields,
  ParsedFile,
  RowError,
  RowErrorCode,
  SourceFields,
  TableRow,
} from "./types.ts";

export type Client = Db | Tx;

/** GAO, as the publisher of the sources a GAO export creates. */
export const GAO_PUBLISHER = "U.S. Government Accountability Office (GAO)";

/** The longest text each field takes (as the catalogue forms allow). */
const maxLength: Partial<Record<ImportColumn, number>> = {
  reference: 200,
  referenceEs: 200,
  title: 500,
  titleEs: 500,
  text: 20_000,
  addressee: 500,
  lastChangeSummary: 5000,
  officialComment: 5000,
  sourceTitle: 500,
  sourcePublisher: 300,
  source: 50,
  related: 20_000,
};

type Lookup = {
  actors: Array<{
    code: string;
    name: string;
    nameEs: string | null;
    abbreviation: string | null;
    country: Country;
  }>;
  goals: Set<string>;
  tags: Array<{ slug: string; name: string; nameEs: string | null }>;
};

async function loadLookup(db: Client): Promise<Lookup> {
  const [actors, goals, tags] = await Promise.all([
    db.actor.findMany({
      select: { code: true, name: true, nameEs: true, abbreviation: true, country: true },
      orderBy: { code: "asc" },
    }),
    db.goal.findMany({ select: { code: true } }),
    db.tag.findMany({ select: { slug: true, name: true, nameEs: true } }),
  ]);
  return { actors, goals: new Set(goals.map((goal) => goal.code)), tags };
}

/**
 * How GAO names agencies that the seeded actors call otherwise. Keys are folded names; values
 * actor codes. Names and abbreviations of the actors themselves match without this table.
 */
export const agencyAliases: Record<string, string> = {
  "department of justice": "DOJ",
  justice: "DOJ",
  "u s department of justice": "DOJ",
  "department of homeland security": "DHS",
  "homeland security": "DHS",
  "u s department of homeland security": "DHS",
  "department of state": "STATE",
  state: "STATE",
  "u s department of state": "STATE",
  "bureau of alcohol tobacco firearms and explosives": "ATF",
  "immigration and customs enforcement": "ICE",
  "u s immigration and customs enforcement": "ICE",
  "customs and border protection": "CBP",
  "u s customs and border protection": "CBP",
  "executive office of the president office of national drug control policy": "ONDCP",
  "office of national drug control policy": "ONDCP",
};

/** The actor a name, code or abbreviation stands for (case- and accent-insensitive). */
export function findActor(lookup: Lookup, value: string) {
  const folded = foldLabel(value);
  if (!folded) return undefined;
  const alias = agencyAliases[folded];
  return lookup.actors.find(
    (actor) =>
      foldLabel(actor.code) === folded ||
      (actor.abbreviation && foldLabel(actor.abbreviation) === folded) ||
      foldLabel(actor.name) === folded ||
      (actor.nameEs && foldLabel(actor.nameEs) === folded) ||
      actor.code === alias,
  );
}

function findTag(lookup: Lookup, value: string) {
  const folded = foldLabel(value);
  return lookup.tags.find(
    (tag) =>
      foldLabel(tag.slug) === folded ||
      foldLabel(tag.name) === folded ||
      (tag.nameEs && foldLabel(tag.nameEs) === folded),
  );
}

/** "a; b;; c" → ["a", "b", "c"]. */
export function splitList(value: string): string[] {
  return value
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** An ISO day from any spelling parseDay reads, or null. Partial dates ("2016-01") when `partial`. */
export function readDay(value: string, partial = false): string | null {
  const trimmed = value.trim();
  if (isDay(trimmed)) return trimmed;
  if (partial && /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(trimmed)) return trimmed;
  return parseDay(trimmed);
}

const shorten = (value: string, max = 80) =>
  value.length > max ? `${value.slice(0, max - 1)}…` : value;

/** The country that a set of actors shares, or binational when they differ. */
function countryOfActors(lookup: Lookup, codes: string[]): Country | null {
  const countries = new Set(
    codes.map((code) => lookup.actors.find((actor) => actor.code === code)?.country),
  );
  countries.delete(undefined);
  if (countries.size === 0) return null;
  if (countries.size > 1) return "binational";
  return [...countries][0]!;
}

/** The rows of a table file as Candidates. Cells already hold the parser's errors. */
export async function tableCandidates(
  db: Client,
  parsed: Extract<ParsedFile, { format: "table" }>,
): Promise<Candidate[]> {
  const lookup = await loadLookup(db);
  const present = new Set(parsed.columns);
  const parseErrors = new Map<number, RowError[]>();
  for (const error of parsed.errors) {
    parseErrors.set(error.rowNumber, [...(parseErrors.get(error.rowNumber) ?? []), error]);
  }
  return parsed.rows.map((row) => tableCandidate(row, present, lookup, parseErrors));
}

function tableCandidate(
  row: TableRow,
  present: Set<ImportColumn>,
  lookup: Lookup,
  parseErrors: Map<number, RowError[]>,
): Candidate {
  const errors: RowError[] = [...(parseErrors.get(row.rowNumber) ?? [])];
  const flagged = new Set(errors.map((error) => error.column));
  const fail = (column: ImportColumn, code: RowErrorCode, value?: string) => {
    errors.push({
      rowNumber: row.rowNumber,
      column,
      code,
      ...(value !== undefined ? { value: shorten(value) } : {}),
    });
  };
  const has = (column: ImportColumn) => present.has(column) && !flagged.has(column);
  const read = new Map<ImportColumn, string>();
  const cell = (column: ImportColumn) => {
    const known = read.get(column);
    if (known !== undefined) return known;
    let value = (row.cells[column] ?? "").trim();
    const max = maxLength[column];
    if (max && value.length > max) {
      fail(column, "tooLong", value);
      flagged.add(column);
      value = "";
    }
    read.set(column, value);
    return value;
  };
  const fields: Partial<ItemFields> = {};

  const text = (column: ImportColumn, field: "reference" | "title" | "text") => {
    if (!has(column)) return;
    const value = cell(column);
    if (value) fields[field] = value;
  };
  text("reference", "reference");
  text("title", "title");
  text("text", "text");
  if (present.has("title") && !flagged.has("title") && !cell("title") && !flagged.has("title")) {
    fail("title", "missingTitle");
  }
  for (const [column, field] of [
    ["titleEs", "titleEs"],
    ["referenceEs", "referenceEs"],
    ["addressee", "addressee"],
    ["officialComment", "statusOfficialComment"],
  ] as const) {
    if (has(column)) fields[field] = cell(column) || null;
  }

  const coded = <K extends "status" | "country" | "priority">(
    column: ImportColumn,
    kind: K,
    code: RowErrorCode,
  ) => {
    if (!has(column)) return undefined;
    const value = cell(column);
    if (!value) return null;
    const found = codeOf(kind as "status", value);
    if (!found) fail(column, code, value);
    return found;
  };
  const status = coded("status", "status", "unknownStatus");
  if (status) fields.status = status;
  const country = coded("country", "country", "unknownCountry");
  if (country) fields.country = country as Country;
  const priority = coded("priority", "priority", "unknownPriority");
  if (priority !== undefined) fields.priority = priority as ItemFields["priority"];

  if (has("officialStatus")) {
    const value = cell("officialStatus");
    const found = value ? codeOf("officialStatus", value) : null;
    if (value && !found) fail("officialStatus", "unknownOfficialStatus", value);
    else fields.statusOfficial = found;
  }
  if (has("officialPriority")) {
    const value = cell("officialPriority");
    const flag = yesNo(value);
    if (flag === null) fail("officialPriority", "unknownPriority", value);
    else fields.statusOfficialPriority = flag;
  }

  const day = (
    column: ImportColumn,
    field: "statusOfficialAsOf" | "dueDate" | "lastVerifiedAt",
  ) => {
    if (!has(column)) return;
    const value = cell(column);
    if (!value) {
      fields[field] = null;
      return;
    }
    const iso = readDay(value);
    if (!iso) fail(column, "badDate", value);
    else fields[field] = iso;
  };
  day("officialStatusDate", "statusOfficialAsOf");
  day("dueDate", "dueDate");
  day("lastVerified", "lastVerifiedAt");

  if (has("actors")) {
    const codes: string[] = [];
    for (const name of splitList(cell("actors"))) {
      const actor = findActor(lookup, name);
      if (actor) codes.push(actor.code);
      else fail("actors", "unknownActor", name);
    }
    fields.actors = [...new Set(codes)].sort();
  }
  if (has("goals")) {
    const codes: string[] = [];
    for (const code of splitList(cell("goals"))) {
      if (lookup.goals.has(code)) codes.push(code);
      else fail("goals", "unknownGoal", code);
    }
    fields.goals = [...new Set(codes)].sort();
  }
  if (has("tags")) {
    const slugs: string[] = [];
    for (const name of splitList(cell("tags"))) {
      const tag = findTag(lookup, name);
      if (tag) slugs.push(tag.slug);
      else fail("tags", "unknownTag", name);
    }
    fields.tags = [...new Set(slugs)].sort();
  }
  if (fields.country === undefined && fields.actors && fields.actors.length > 0) {
    // Only used when the item is new and the file has no country: see plan.server.ts.
    const derived = countryOfActors(lookup, fields.actors);
    if (derived && !has("country")) fields.country = derived;
  }

  // A status change's what and when, and the evidence it rests on.
  let evidenceUrl: string | null = null;
  if (has("latestEvidenceUrl")) {
    const value = cell("latestEvidenceUrl");
    if (value && !isHttpUrl(value)) fail("latestEvidenceUrl", "badUrl", value);
    else evidenceUrl = value || null;
  }
  let occurredOn: string | null = null;
  if (has("lastChangeDate")) {
    const value = cell("lastChangeDate");
    if (value) {
      occurredOn = readDay(value);
      if (!occurredOn) fail("lastChangeDate", "badDate", value);
    }
  }
  const summary = has("lastChangeSummary") ? cell("lastChangeSummary") || null : null;

  // The source, for one the database does not have yet.
  const source: Partial<SourceFields> = {};
  const sourceCode = has("source") ? cell("source") : "";
  if (sourceCode) source.code = sourceCode;
  if (has("sourceTitle") && cell("sourceTitle")) source.title = cell("sourceTitle");
  if (has("sourcePublisher") && cell("sourcePublisher")) {
    source.publisher = cell("sourcePublisher");
  }
  if (has("sourceKind") && cell("sourceKind")) {
    const kind = codeOf("sourceKind", cell("sourceKind"));
    if (kind) source.kind = kind;
    else fail("sourceKind", "unknownSourceKind", cell("sourceKind"));
  }
  if (has("sourceDate") && cell("sourceDate")) {
    const date = readDay(cell("sourceDate"), true);
    if (date) source.publishedDate = date;
    else fail("sourceDate", "badDate", cell("sourceDate"));
  }
  if (has("sourceUrl") && cell("sourceUrl")) {
    if (isHttpUrl(cell("sourceUrl"))) source.url = cell("sourceUrl");
    else fail("sourceUrl", "badUrl", cell("sourceUrl"));
  }

  let relations: RelationCell[] | undefined;
  if (has("related") && cell("related")) {
    const read = parseRelationCell(cell("related"));
    if (read.ok) relations = read.relations;
    else fail("related", "badRelation", read.part);
  }

  const id = has("id") ? cell("id") : "";
  return {
    key: `row:${row.rowNumber}`,
    ...(relations && relations.length > 0 ? { relations } : {}),
    rowNumbers: [row.rowNumber],
    ...(id ? { id } : {}),
    sourceCode,
    ...(Object.keys(source).length > 1 ? { source } : {}),
    fields,
    statusChange: { summary, occurredOn, evidenceUrl },
    errors,
  };
}

// ---------------------------------------------------------------------------------------------
// GAO's recommendations database export

export type GaoOptions = {
  /** What the admin chose for agencies that match no actor: an actor code, or "create". */
  actorMappings?: Record<string, string>;
};

/** The number a reference names after its publication ("#3", "Rec. 3", "Recommendation 3"). */
export function recommendationNumberIn(reference: string, publication: string): number | null {
  const index = reference.toUpperCase().indexOf(publication.toUpperCase());
  const rest = index >= 0 ? reference.slice(index + publication.length) : reference;
  const match = /(?:#|\bRec(?:ommendation)?\.?|\bNo\.?|\bRecomendaci[oó]n)\s*(\d+)\b/i.exec(rest);
  return match ? Number(match[1]) : null;
}

export function gaoReference(rec: GaoRecommendation, matterIndex: number): string {
  return rec.recommendationNumber === null
    ? `${rec.publicationNumber} Matter ${matterIndex}`
    : `${rec.publicationNumber} Rec. ${rec.recommendationNumber}`;
}

/** The first sentence of a text, shortened to a title's length. */
export function firstSentence(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = /[.!?](\s|$)/.exec(flat);
  const sentence = end ? flat.slice(0, end.index + 1) : flat;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, "")}…`;
}

/** A code for a new actor made from an agency's name: "Department of Defense" → "DOD". */
export function actorCodeFor(name: string, taken: ReadonlySet<string>): string {
  const words = foldLabel(name)
    .split(" ")
    .filter((word) => word && !["of", "the", "and", "for", "u", "s"].includes(word));
  if (words.length === 0) return slugify(name).toUpperCase().slice(0, 20);
  // "Department of Defense" → "DOD", as departments are usually abbreviated.
  const department = words[0] === "department" && words.length > 1;
  const initials =
    (department ? "DO" : words[0]![0]!.toUpperCase()) +
    words
      .slice(1)
      .map((word) => word[0]!.toUpperCase())
      .join("");
  const base = (initials.length >= 2 ? initials : slugify(name).toUpperCase()).slice(0, 20);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * GAO's recommendations as Candidates. An item the catalogue already has (by the reference this
 * import gives it, or one of its source's references naming the same number, e.g. "GAO-21-322
 * #3") gets only GAO's status, its date, comment and priority flag: GAO is the authority on
 * those, the catalogue on the rest. A new item gets GAO's text, a title made of its first
 * sentence, and the agencies as actors.
 */
export async function gaoCandidates(
  db: Client,
  parsed: Extract<ParsedFile, { format: "gao" }>,
  options: GaoOptions = {},
): Promise<Candidate[]> {
  const lookup = await loadLookup(db);
  const codes = [...new Set(parsed.recommendations.map((rec) => rec.publicationNumber))];
  const existing = await db.recommendation.findMany({
    where: { source: { code: { in: codes, mode: "insensitive" } } },
    select: { id: true, reference: true, source: { select: { code: true } } },
  });
  const mappings = options.actorMappings ?? {};
  const matters = new Map<string, number>();
  const errorsByRow = new Map<number, RowError[]>();
  for (const error of parsed.errors) {
    errorsByRow.set(error.rowNumber, [...(errorsByRow.get(error.rowNumber) ?? []), error]);
  }

  return parsed.recommendations.map((rec) => {
    const publication = rec.publicationNumber;
    let matterIndex = 0;
    if (rec.recommendationNumber === null) {
      matterIndex = (matters.get(publication) ?? 0) + 1;
      matters.set(publication, matterIndex);
    }
    const reference = gaoReference(rec, matterIndex);
    const sameSource = existing.filter(
      (item) => item.source.code.toUpperCase() === publication.toUpperCase(),
    );
    const match =
      sameSource.find((item) => item.reference === reference) ??
      (rec.recommendationNumber === null
        ? undefined
        : sameSource.find(
            (item) =>
              recommendationNumberIn(item.reference, publication) === rec.recommendationNumber,
          ));
    const errors: RowError[] = rec.rowNumbers.flatMap((number) => errorsByRow.get(number) ?? []);
    if (rec.status === null && !errors.some((error) => error.code === "unknownOfficialStatus")) {
      errors.push({
        rowNumber: rec.rowNumbers[0]!,
        column: "Status",
        code: "unknownOfficialStatus",
        value: shorten(rec.statusRaw),
      });
    }
    const official: Partial<ItemFields> = {
      ...(rec.status ? { statusOfficial: rec.status } : {}),
      statusOfficialAsOf: parsed.asOf,
      statusOfficialComment: rec.comments.trim() || null,
      statusOfficialPriority: rec.priority,
    };
    const base = {
      key: `gao:${publication}:${rec.recommendationNumber ?? `m${matterIndex}`}`,
      rowNumbers: rec.rowNumbers,
      sourceCode: publication,
      source: {
        code: publication,
        title: rec.publicationName || publication,
        publisher: GAO_PUBLISHER,
        kind: "gao_report",
        publishedDate: rec.issuedOn,
        url: `https://www.gao.gov/products/${publication.toLowerCase()}`,
      },
      errors,
    };
    if (match) return { ...base, id: match.id, fields: official };

    const actors: string[] = [];
    const unmappedActors: string[] = [];
    for (const agency of rec.agencies) {
      const mapped = mappings[agency];
      const actor =
        mapped && mapped !== "create"
          ? lookup.actors.find((a) => a.code === mapped)
          : findActor(lookup, agency);
      if (actor) actors.push(actor.code);
      else unmappedActors.push(agency);
    }
    return {
      ...base,
      fields: {
        ...official,
        reference,
        title: firstSentence(rec.text),
        text: rec.text,
        addressee: rec.agencies.join("; ") || null,
        country: "US",
        actors: [...new Set(actors)].sort(),
      },
      ...(unmappedActors.length > 0 ? { unmappedActors } : {}),
    };
  });
}

/** Candidates for any parsed file. */
export async function candidatesFor(
  db: Client,
  parsed: ParsedFile,
  options: GaoOptions = {},
): Promise<Candidate[]> {
  return parsed.format === "gao" ? gaoCandidates(db, parsed, options) : tableCandidates(db, parsed);
}
