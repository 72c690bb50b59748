// What the catalogue administration pages show, in a shape both the server (which fills it) and
// the generic form and list components (which render it) know. No server-only imports.
import type { ConflictView, FormValues } from "#app/modules/tracking/page-actions.server.ts";
import type { MessageKey } from "#app/utils/i18n.ts";

/** The kinds of catalogue record, as they appear in /admin/catalogue/:kind. */
export const catalogueKinds = ["sources", "recommendations", "actors", "goals", "tags"] as const;
export type CatalogueKind = (typeof catalogueKinds)[number];

export function isCatalogueKind(value: unknown): value is CatalogueKind {
  return typeof value === "string" && (catalogueKinds as readonly string[]).includes(value);
}

export type FieldType =
  "text" | "url" | "textarea" | "select" | "multiselect" | "date" | "checkbox";

/** A choice of a select: a fixed value has a locale key, a catalogue record a ready label. */
export type FieldOption = { value: string; labelKey?: MessageKey; label?: string };

/** One control of a catalogue form. `name` is the form field and the domain's field name. */
export type FieldView = {
  name: string;
  type: FieldType;
  labelKey: MessageKey;
  hintKey?: MessageKey;
  required?: boolean;
  /** For select and multiselect. */
  options?: FieldOption[];
  /** The empty choice of a select ("" value); none means the select has no empty choice. */
  emptyKey?: MessageKey;
  /** What a new record's form starts with. */
  initial?: string;
  /** Height of a textarea, in lines. */
  rows?: number;
};

/** A form as shown again: one value per field, several for a multiselect. */
export type { FormValues };

/** One record in a kind's list. */
export type ItemRow = {
  id: string;
  /** The code, slug or reference that identifies it to people. */
  code: string;
  /** Title or name in the reader's language. */
  title: string;
  /** A short detail: a fixed value by locale key (a goal's level) or text (a source code). */
  detailKey?: MessageKey;
  detail?: string;
  recommendationCount?: number;
  archivedAt: string | null;
};

export type CatalogueIntent = "create" | "save" | "archive" | "unarchive";

/** What a catalogue form post gives back when it did not succeed (success redirects). */
export type CatalogueActionResult =
  | { ok: true; intent: CatalogueIntent; id: string }
  | {
      ok: false;
      intent: CatalogueIntent;
      fieldErrors?: Record<string, string[]>;
      /** The values the admin typed, to fill the form again. */
      values?: FormValues;
      /** The version the admin's form started from, to post again with their values. */
      expectedVersion?: string;
      conflict?: ConflictView;
    };
