// The item page's related-item forms and what their action answers: shared by the page (which
// tells these forms from the others) and the server. No server-only imports.
import type { FormValues } from "#app/utils/forms.ts";

export const relationIntents = ["relation-add", "relation-remove"] as const;
export type RelationIntent = (typeof relationIntents)[number];

export function isRelationIntent(value: unknown): value is RelationIntent {
  return relationIntents.includes(value as RelationIntent);
}

export type RelationActionResult = {
  intent: RelationIntent;
  ok: boolean;
  fieldErrors?: Record<string, string[]>;
  values?: FormValues;
};
