// A report row's related items as one spreadsheet cell (CSV and XLSX), which the import reads
// back: "follows up: GAO-16-235 (ATF); same ask as: BF-2021 Bicentennial Framework Goal 2 – …".
import { formatRelationCell, otherItemKey } from "#app/modules/relations/relation-types.ts";
import type { Locale } from "#app/utils/i18n.ts";
import type { ReportItem } from "./report-data.server.ts";

export function relatedCell(language: Locale, item: Pick<ReportItem, "relations">): string {
  return formatRelationCell(
    language,
    item.relations.map((relation) => ({
      type: relation.type,
      direction: relation.direction,
      key: otherItemKey(relation.source, relation.reference),
    })),
  );
}
