// Related items (issue 18, item 5; docs/decisions/0019-related-items.md): the kinds of link and
// how each reads from either end, and the words a report cell or an import file uses for them.
// No server-only imports: the item page and the import use these too.
import { RelationType } from "#app/generated/prisma/enums.ts";
import { locales, translator, type Locale, type MessageKey } from "#app/utils/i18n.ts";

export const relationTypes = Object.values(RelationType) as RelationType[];
export { RelationType };

/**
 * Which end of the link an item is: "outgoing" where the item is the link's subject ("this
 * follows up the other"), "incoming" where the other is ("this is followed up by the other").
 * A same-ask link reads the same both ways.
 */
export type RelationDirection = "outgoing" | "incoming";

export const REASON_MAX = 500;

/** Case, accents, dashes and spaces aside: "Followed-up  by" is "followed up by". */
function foldLabel(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[-‐‑‒–—_\s]+/g, " ")
    .trim();
}

/** The words of a type seen from one end: "follows up" / "followed up by". */
export function relationLabelKey(type: RelationType, direction: RelationDirection): MessageKey {
  return `related.types.${type}.${type === "same_ask" ? "outgoing" : direction}` as MessageKey;
}

export function relationLabel(
  locale: Locale,
  type: RelationType,
  direction: RelationDirection,
): string {
  return translator(locale)(relationLabelKey(type, direction));
}

/** Every label (both languages, both ends, and the codes), folded, to its type and end. */
const labelIndex: ReadonlyMap<string, { type: RelationType; direction: RelationDirection }> =
  (() => {
    const index = new Map<string, { type: RelationType; direction: RelationDirection }>();
    for (const type of relationTypes) {
      index.set(foldLabel(type), { type, direction: "outgoing" });
      for (const direction of ["outgoing", "incoming"] as const) {
        for (const locale of locales) {
          index.set(foldLabel(relationLabel(locale, type, direction)), { type, direction });
        }
      }
    }
    return index;
  })();

export function relationFromLabel(label: string) {
  return labelIndex.get(foldLabel(label)) ?? null;
}

/** One link as a report row carries it: seen from the row's item. */
export type RelationCell = {
  type: RelationType;
  direction: RelationDirection;
  /** How the import finds the other item again: its source code and reference. */
  key: string;
};

/**
 * How a report cell names the other item: its reference, led by its source code unless the
 * reference already starts with it ("GAO-21-322 (information sharing)", "BF-2021 Bicentennial
 * Framework Goal 1"), so that the name is unique across sources (references are unique only
 * within one).
 */
export function otherItemKey(sourceCode: string, reference: string): string {
  return reference.toLowerCase().startsWith(sourceCode.toLowerCase())
    ? reference
    : `${sourceCode} ${reference}`;
}

/** "follows up: GAO-17-492 Rec. 3; same ask: BF-2021 …", in the report's language. */
export function formatRelationCell(locale: Locale, relations: RelationCell[]): string {
  return relations
    .map(
      (relation) => `${relationLabel(locale, relation.type, relation.direction)}: ${relation.key}`,
    )
    .join("; ");
}

/**
 * A report cell read back: each "label: item" part, or an error naming the part that is not one.
 * Items are separated by semicolons, so a reference holding one cannot be written this way.
 */
export function parseRelationCell(
  cell: string,
): { ok: true; relations: RelationCell[] } | { ok: false; part: string } {
  const relations: RelationCell[] = [];
  for (const raw of cell.split(";")) {
    const part = raw.trim();
    if (!part) continue;
    const colon = part.indexOf(":");
    if (colon <= 0) return { ok: false, part };
    const kind = relationFromLabel(part.slice(0, colon));
    const key = part.slice(colon + 1).trim();
    if (!kind || !key) return { ok: false, part };
    relations.push({ ...kind, key });
  }
  return { ok: true, relations };
}
