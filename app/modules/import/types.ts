// The contract between the three stages of an import (issue 11), so that each can be built and
// tested on its own:
//   1. reading a file (parse.server.ts, gao.server.ts): bytes → ParsedFile (rows of strings, or
//      GAO's recommendations grouped per recommendation), or an ImportFileError for the whole file;
//   2. planning (plan.server.ts): rows → Candidate items → a Plan compared with the database
//      (creates, updates with field-by-field before → after, unchanged rows, row errors);
//   3. committing (commit.server.ts): the chosen parts of a Plan, in one transaction, refused when
//      the database changed since the plan was made.
// The shipped catalogue's update (catalogue-update.server.ts) produces Candidates too, and marks
// the fields that a person edited since seeding as conflicts.
import type { Country, OfficialStatus, Priority, Status } from "#app/generated/prisma/enums.ts";
import { csvColumns } from "#app/modules/reports/columns.ts";
import type { RelationCell } from "#app/modules/relations/relation-types.ts";

/** Limits of an import file (issue 11, point 6). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

/**
 * The columns an import file may have. The first seventeen are the report's CSV/XLSX export
 * columns (`csvColumns`, app/modules/reports/columns.ts), so that an export is an import
 * file; the rest are optional and let a file create sources and complete new items.
 * Headers are matched case- and accent-insensitively against each column's English and Spanish
 * header (reportFile.columns.* in the locale files, import.columns.* for the extra ones).
 */
export const importColumns = [
  ...csvColumns,
  // Optional, beyond the export's columns.
  "referenceEs",
  "text",
  "addressee",
  "tags",
  "priority",
  "dueDate",
  "officialComment",
  "officialPriority",
  "sourceUrl",
  "sourceTitle",
  "sourcePublisher",
  "sourceKind",
  "sourceDate",
] as const;

export type ImportColumn = (typeof importColumns)[number];

/** Why a whole file is refused; nothing is written and no preview is shown. */
export type ImportFileErrorCode =
  | "empty" // no bytes, or no data row
  | "tooLarge" // over IMPORT_MAX_BYTES
  | "tooManyRows" // over IMPORT_MAX_ROWS data rows
  | "notSpreadsheet" // neither CSV text nor an XLSX workbook, whatever its name says
  | "encoding" // not valid UTF-8 (or UTF-16 with BOM) text
  | "zipBomb" // an XLSX whose parts inflate far beyond its size, or too many parts
  | "macros" // an XLSX with a VBA project (xlsm content)
  | "noHeader" // no row whose cells match known columns (or GAO's header)
  | "missingColumns" // a header without the columns needed to match rows (source + reference, or id)
  | "duplicateColumn"; // two headers map to the same column

export class ImportFileError extends Error {
  override name = "ImportFileError";
  constructor(
    readonly code: ImportFileErrorCode,
    /** Details for the message: { limit, rows, column, header, … } */
    readonly details: Record<string, string | number> = {},
  ) {
    super(`Import file refused: ${code}`);
  }
}

/** What is wrong with one cell or row; shown in the preview with its row number and column. */
export type RowErrorCode =
  | "unknownSource"
  | "unknownStatus"
  | "unknownOfficialStatus"
  | "unknownCountry"
  | "unknownActor"
  | "unknownGoal"
  | "unknownTag"
  | "unknownPriority"
  | "unknownSourceKind"
  | "unknownId" // an id column naming no item
  | "missingTitle"
  | "missingReference"
  | "missingSource"
  | "missingText" // a new item needs its text
  | "badDate"
  | "badUrl"
  | "duplicateReference" // the same source + reference twice in the file
  | "referenceTaken" // another item of the source has the reference (capitals and spaces aside)
  | "formula" // a cell that a spreadsheet would run as a formula (XLSX formula cell, CSV "=…")
  | "html" // markup in a text field
  | "tooLong"
  | "controlCharacters" // NUL and other control characters
  | "statusNeedsEvidence" // implemented / partially implemented without any evidence
  | "statusNeedsSummary" // a status change without a summary of what changed
  | "badRelation" // a related-items cell that is not "how: other item; …"
  | "unknownRelated" // a related item that names no present item (nor a row of the file)
  | "ambiguousRelated" // a related item's reference that several items have
  | "relatedSelf"; // an item related to itself

export type RowError = {
  /** 1-based line (CSV) or row (XLSX) number in the file, as a spreadsheet program shows it. */
  rowNumber: number;
  /** The import column (or GAO header) the error is in; null for the whole row. */
  column: string | null;
  code: RowErrorCode;
  /** The offending value, shortened, for the message. */
  value?: string;
};

/** One data row of a CSV/XLSX in the tracker's own columns, cells as text (trimmed). */
export type TableRow = {
  rowNumber: number;
  cells: Partial<Record<ImportColumn, string>>;
};

/** One GAO recommendation, from its one or more rows (one per agency) in GAO's export. */
export type GaoRecommendation = {
  rowNumbers: number[];
  publicationNumber: string; // "GAO-26-108061"
  publicationName: string;
  issuedOn: string | null; // ISO day
  /** The number from "(Recommendation 3)" at the end of the text; null for matters for Congress. */
  recommendationNumber: number | null;
  /** The text with the "(Recommendation N)" suffix removed and HTML entities decoded. */
  text: string;
  agencies: string[]; // as GAO names them, in file order, without repeats
  status: OfficialStatus | null; // null when statusRaw is not recognised (then a row error)
  statusRaw: string;
  priority: boolean;
  comments: string;
  topics: string[];
};

export type ParsedFile =
  | {
      format: "table";
      fileName: string;
      sha256: string;
      /** The columns found, in file order. */
      columns: ImportColumn[];
      /** Headers that matched no column (ignored, listed in the preview). */
      ignoredHeaders: string[];
      rows: TableRow[];
      /** Cell-level problems found while reading (formula, html, control characters). */
      errors: RowError[];
    }
  | {
      format: "gao";
      fileName: string;
      sha256: string;
      /** The data's date from the preamble ("status as of Sep 28, 2026 at 7:05 PM EST"), ISO day. */
      asOf: string;
      recommendations: GaoRecommendation[];
      errors: RowError[];
    };

/** The columns of an item's verification record that the catalogue update may set. */
export const verificationColumns = [
  "titleEsSource",
  "textIsParaphrase",
  "goalMapping",
  "verified",
  "verificationLevel",
  "verificationNotes",
  "sourceUrl",
  "otherUrls",
  "statusNote",
] as const;
export type VerificationColumn = (typeof verificationColumns)[number];

/** The fields of an item that an import may set, in their database form. */
export type ItemFields = {
  reference: string;
  referenceEs: string | null;
  title: string;
  titleEs: string | null;
  text: string;
  addressee: string | null;
  country: Country;
  status: Status;
  statusOfficial: OfficialStatus | null;
  statusOfficialAsOf: string | null; // ISO day
  statusOfficialComment: string | null;
  statusOfficialPriority: boolean;
  priority: Priority | null;
  dueDate: string | null; // ISO day
  lastVerifiedAt: string | null; // ISO day
  actors: string[]; // actor codes, sorted
  goals: string[]; // goal codes, sorted
  tags: string[]; // tag slugs, sorted
};

export type SourceFields = {
  code: string;
  title: string;
  publisher: string;
  kind: string; // SourceKind
  publishedDate: string | null;
  url: string | null;
};

/**
 * One item as a file (or the shipped catalogue) describes it, before it is compared with the
 * database. Only the fields the file provides are set: a missing column changes nothing.
 */
export type Candidate = {
  /** A key stable across preview and commit: "row:12", "gao:GAO-26-108061:3", "catalogue:<id>". */
  key: string;
  rowNumbers: number[];
  /** The item's id when the file carries one (then it is matched by id). */
  id?: string;
  sourceCode: string;
  /** For a source the database does not have yet (or to update one from the file). */
  source?: Partial<SourceFields>;
  fields: Partial<ItemFields>;
  /** Agency names that map to no actor yet (GAO), for the admin to map or create. */
  unmappedActors?: string[];
  /**
   * For a status change: what happened and when (from lastChangeSummary / lastChangeDate), and
   * a link to the evidence it rests on (latestEvidenceUrl), added when the item has none.
   */
  statusChange?: { summary: string | null; occurredOn: string | null; evidenceUrl?: string | null };
  /** Fields whose stored value a person edited since it was seeded (catalogue update only). */
  conflicts?: Array<keyof ItemFields>;
  /**
   * The shipped catalogue's record of how well the item is verified (catalogue update only):
   * values of `verificationColumns` that differ from the stored ones, and which of them a person
   * edited since seeding.
   */
  verification?: { values: Record<string, unknown>; conflicts: string[] };
  /** Its related items as the file's "Related items" column names them (added, never removed). */
  relations?: RelationCell[];
  errors: RowError[];
};
