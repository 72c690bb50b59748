// GAO's recommendation database export ("Download of GAO Recommendation Results"), read as GAO
// publishes it: preamble lines (one of them with the data's date), empty rows, a header whose
// spacing is unreliable, one row per recommendation and agency, the recommendation's number only
// at the end of its text, HTML entities, statuses spelled with dashes of every kind.
import { decodeHTML } from "entities";
import { hasControlCharacters, hasMarkup, shorten } from "./cells.ts";
import { parseDay } from "./dates.ts";
import { isBlankRow, type GridRow } from "./grid.ts";
import { normaliseHeader } from "./headers.ts";
import {
  IMPORT_MAX_ROWS,
  ImportFileError,
  type GaoRecommendation,
  type RowError,
  type RowErrorCode,
} from "./types.ts";
import type { OfficialStatus } from "#app/generated/prisma/enums.ts";
import { currentDay } from "#app/utils/dates.ts";

/** GAO's columns, keyed by their header with every space removed, lower case. */
const gaoFields = {
  publicationname: "publicationName",
  publicationnumber: "publicationNumber",
  datepublicationissued: "issued",
  directorname: "directorName",
  directorphone: "directorPhone",
  agency: "agency",
  recommendation: "recommendation",
  status: "status",
  priority: "priority",
  comments: "comments",
  topics: "topics",
} as const;

type GaoField = (typeof gaoFields)[keyof typeof gaoFields];

const REQUIRED: GaoField[] = ["publicationNumber", "recommendation", "status", "agency"];

export type GaoHeader = {
  /** Cell index of each GAO column found. */
  index: Partial<Record<GaoField, number>>;
  /** The header as the file writes it, for error messages. */
  label: Partial<Record<GaoField, string>>;
};

/** GAO's header row, or null: it names at least Publication Number, Recommendation, Status, Agency. */
export function gaoHeader(cells: readonly string[]): GaoHeader | null {
  const header: GaoHeader = { index: {}, label: {} };
  cells.forEach((cell, index) => {
    const field = gaoFields[normaliseHeader(cell) as keyof typeof gaoFields];
    if (field && header.index[field] === undefined) {
      header.index[field] = index;
      header.label[field] = cell.trim();
    }
  });
  return REQUIRED.every((field) => header.index[field] !== undefined) ? header : null;
}

/**
 * The data's date from a preamble line such as
 * "Source: GAO recommendations database, status as of Sep 28, 2026 at 7:05 PM EST".
 * A CSV reader splits that line at its commas, so the cells are joined back first.
 */
export function gaoAsOf(preamble: readonly GridRow[]): string | null {
  for (const row of preamble) {
    const line = row.cells.join(",");
    const match = /\bas\s+of\s+(.+?)(?:\s+at\s+\d.*)?\s*$/i.exec(line);
    const day = match ? parseDay(match[1]!.replace(/,\s*$/, "")) : null;
    if (day) return day;
  }
  return null;
}

/** GAO's status, matched on its words: "Open--Partially Addressed", "closed – not implemented". */
export function gaoStatus(raw: string): OfficialStatus | null {
  const words = raw
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const has = (word: string) => words.includes(word);
  const only = (...allowed: string[]) => words.every((word) => allowed.includes(word));
  if (has("open") && !has("closed")) {
    if (only("open")) return "open";
    if (has("partially") && only("open", "partially", "addressed")) {
      return "open_partially_addressed";
    }
    return null;
  }
  if (has("closed") && !has("open")) {
    if (only("closed", "implemented")) return has("implemented") ? "closed_implemented" : null;
    if (only("closed", "not", "implemented") && has("not") && has("implemented")) {
      return "closed_not_implemented";
    }
  }
  return null;
}

/** GAO's priority flag: "Yes", "Y", "Priority" or any other mark; "No" or nothing is false. */
export function gaoPriority(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  return value !== "" && !["no", "n", "false", "0", "-", "none", "not priority"].includes(value);
}

const RECOMMENDATION_NUMBER = /\s*\(\s*recommendation\s+(\d+)\s*\)\s*\.?\s*$/i;

/** "… to ATF. (Recommendation 3)" → the text and 3; a matter for Congress has no number. */
export function splitRecommendationNumber(text: string): { text: string; number: number | null } {
  const match = RECOMMENDATION_NUMBER.exec(text);
  if (!match) return { text, number: null };
  return { text: text.slice(0, match.index).trim(), number: Number(match[1]) };
}

/** Entities decoded, line ends made LF, spaces trimmed. */
function clean(raw: string | undefined): string {
  return decodeHTML((raw ?? "").replace(/\r\n?/g, "\n"))
    .replace(/\u00a0/g, " ")
    .trim();
}

const collapse = (text: string) => text.replace(/\s+/g, " ").toLowerCase();

export type GaoRead = { asOf: string; recommendations: GaoRecommendation[]; errors: RowError[] };

/** GAO's rows after its header, grouped into recommendations (one row per agency in the file). */
export function readGao(
  rows: readonly GridRow[],
  headerAt: number,
  header: GaoHeader,
  today: () => string = () => currentDay(),
): GaoRead {
  const errors: RowError[] = [];
  const headerRow = rows[headerAt]!;
  const found = gaoAsOf(rows.slice(0, headerAt));
  if (!found) {
    // Without the preamble's date the statuses are dated today; the preview says so.
    errors.push({ rowNumber: headerRow.rowNumber, column: null, code: "badDate", value: "as of" });
  }
  const asOf = found ?? today();

  const byKey = new Map<string, GaoRecommendation>();
  let dataRows = 0;
  for (const row of rows.slice(headerAt + 1)) {
    if (isBlankRow(row)) continue;
    const cell = (field: GaoField) => {
      const index = header.index[field];
      return index === undefined ? "" : clean(row.cells[index]);
    };
    const error = (field: GaoField | null, code: RowErrorCode, value?: string) =>
      errors.push({
        rowNumber: row.rowNumber,
        column: field ? (header.label[field] ?? field) : null,
        code,
        ...(value === undefined ? {} : { value: shorten(value) }),
      });

    const publicationNumber = cell("publicationNumber");
    const fullText = cell("recommendation");
    // A footnote or a stray line below the data: nothing to import.
    if (!publicationNumber && !fullText) continue;
    dataRows += 1;
    if (dataRows > IMPORT_MAX_ROWS) {
      throw new ImportFileError("tooManyRows", { limit: IMPORT_MAX_ROWS });
    }
    if (!publicationNumber) error("publicationNumber", "missingSource");
    if (!fullText) error("recommendation", "missingText");

    for (const field of [
      "publicationName",
      "recommendation",
      "agency",
      "comments",
      "topics",
      "status",
    ] as const) {
      const value = cell(field);
      if (hasControlCharacters(value)) error(field, "controlCharacters", value);
      if (hasMarkup(value)) error(field, "html", value);
    }
    // Formula-like cells mean nothing in GAO's export: they come from an edited copy.
    for (const [field, index] of Object.entries(header.index) as Array<[GaoField, number]>) {
      const formula = row.formulas?.[index];
      if (formula) error(field, "formula", `=${formula}`);
    }

    const statusRaw = cell("status");
    const status = gaoStatus(statusRaw);
    if (!status) error("status", "unknownOfficialStatus", statusRaw);
    const issuedRaw = cell("issued");
    const issuedOn = issuedRaw ? parseDay(issuedRaw) : null;
    if (issuedRaw && !issuedOn) error("issued", "badDate", issuedRaw);

    const { text, number } = splitRecommendationNumber(fullText);
    const key = `${publicationNumber}\u0000${number ?? `text:${collapse(text)}`}`;
    const agency = cell("agency");
    const topics = cell("topics")
      .split(/[;,]/)
      .map((topic) => topic.trim())
      .filter(Boolean);

    const known = byKey.get(key);
    if (known) {
      known.rowNumbers.push(row.rowNumber);
      if (agency && !known.agencies.includes(agency)) known.agencies.push(agency);
      for (const topic of topics) if (!known.topics.includes(topic)) known.topics.push(topic);
      known.priority ||= gaoPriority(cell("priority"));
      known.comments ||= cell("comments");
      known.issuedOn ??= issuedOn;
      continue;
    }
    byKey.set(key, {
      rowNumbers: [row.rowNumber],
      publicationNumber,
      publicationName: cell("publicationName"),
      issuedOn,
      recommendationNumber: number,
      text,
      agencies: agency ? [agency] : [],
      status,
      statusRaw,
      priority: gaoPriority(cell("priority")),
      comments: cell("comments"),
      topics: [...new Set(topics)],
    });
  }
  return { asOf, recommendations: [...byKey.values()], errors };
}
