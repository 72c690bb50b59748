// The report's CSV columns, one per field, in their order. No server-only imports: the import
// (app/modules/import/types.ts) reads the same list, so that an export is an import file.
export const csvColumns = [
  "id",
  "source",
  "reference",
  "title",
  "titleEs",
  "actors",
  "goals",
  "country",
  "status",
  "officialStatus",
  "officialStatusDate",
  "lastChangeDate",
  "lastChangeSummary",
  "latestEvidenceUrl",
  "lastVerified",
  "itemUrl",
  // Related items, "follows up: GAO-16-235 (ATF); same ask as: …" (relations/relation-types.ts).
  "related",
] as const;

export type CsvColumn = (typeof csvColumns)[number];
