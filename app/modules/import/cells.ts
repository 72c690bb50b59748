// What a cell read from an import file may hold. A cell is trimmed and the export's formula
// neutralisation is undone (so that an exported file reads back to the same values); a formula,
// markup or a control character is reported as a row error, with the row kept for the preview.
import type { RowError, RowErrorCode } from "./types.ts";

/** The export writes a leading apostrophe before these (neutraliseFormula, reports/csv.server.ts). */
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** "'=SUM(A1)" → "=SUM(A1)": the inverse of neutraliseFormula. */
export function undoNeutralisation(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}

/** Markup a browser or a rich-text field would act on: a tag, a comment, or the start of one. */
const MARKUP =
  /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<!--|<(?:script|iframe|img|svg|style|object|embed)\b|<a\s/i;

export function hasMarkup(value: string): boolean {
  return MARKUP.test(value);
}

/** NUL and the other C0/C1 controls; tab, CR and LF may stand inside a text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** A value shortened for an error message, controls made visible. */
export function shorten(value: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd");
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

/**
 * The value of one cell of a table row, trimmed and un-neutralised, and the errors it carries.
 * `formula` is set for an XLSX formula cell; a CSV cell is a formula when it starts with "="
 * (after trimming, and without the export's apostrophe).
 */
export function readCell(
  raw: string,
  where: { rowNumber: number; column: string; formula?: string | null; csv: boolean },
): { value: string; errors: RowError[] } {
  const trimmed = raw.trim();
  const value = undoNeutralisation(trimmed);
  const errors: RowError[] = [];
  const error = (code: RowErrorCode, shown: string) =>
    errors.push({ rowNumber: where.rowNumber, column: where.column, code, value: shorten(shown) });
  if (where.formula != null) error("formula", `=${where.formula.replace(/^=/, "")}`);
  else if (where.csv && value === trimmed && trimmed.startsWith("=")) error("formula", trimmed);
  if (hasControlCharacters(value)) error("controlCharacters", value);
  if (hasMarkup(value)) error("html", value);
  return { value, errors };
}
