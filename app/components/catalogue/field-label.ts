import { en } from "#app/locales/en.ts";
import type { MessageKey, Translate } from "#app/utils/i18n.ts";

const sections = [
  ["catalogue.fields", en.catalogue.fields],
  ["catalogue.audit.fields", en.catalogue.audit.fields],
  ["tracking.fields", en.tracking.fields],
] as const;

/**
 * A record field's name as people read it ("titleEs" → "Spanish title"): the catalogue's form
 * labels, then other records' fields (users, tracking), else the name itself.
 */
export function fieldLabel(t: Translate, field: string): string {
  for (const [prefix, labels] of sections) {
    if (Object.hasOwn(labels, field)) return t(`${prefix}.${field}` as MessageKey);
  }
  return field;
}
