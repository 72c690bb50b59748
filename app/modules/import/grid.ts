// A file's cells before they are given a meaning: CSV records or a worksheet's rows, as text.

export type GridRow = {
  /** 1-based, as a spreadsheet program shows it (a CSV cell with line breaks is one row). */
  rowNumber: number;
  cells: string[];
  /** XLSX: a hyperlink cell's address, by cell index. */
  links?: Array<string | undefined>;
  /** XLSX: a formula cell's formula, by cell index. */
  formulas?: Array<string | undefined>;
};

export type Grid = {
  rows: GridRow[];
  /** CSV text: a cell starting with "=" is a formula, and cells carry no formulas of their own. */
  csv: boolean;
};

export const isBlankRow = (row: GridRow) => row.cells.every((cell) => cell.trim() === "");
