// Input schemas of the admin catalogue forms (sources, recommendations, actors, goals, tags),
// shared by the server functions and the forms. No server-only imports. Field names are the
// form's field names and the keys of ValidationError.fieldErrors. A save replaces the form's
// whole set of fields: an optional field left out is cleared.
import { z } from "zod";
import {
  Country,
  GoalLevel,
  GoalMapping,
  SourceKind,
  TitleEsSource,
  VerificationLevel,
} from "#app/generated/prisma/enums.ts";
import {
  checkbox,
  expectedVersion,
  httpUrl,
  id,
  idList,
  optionalHttpUrl,
  optionalText,
  requiredText,
  type CheckboxValue,
  type EnumValue,
  type ListValue,
  type TextValue,
  type VersionValue,
} from "#app/modules/tracking/fields.ts";
import { dayFromParts } from "#app/utils/dates.ts";

/** Codes as they appear in URLs and filters: "GAO-21-322", "ATF", "US-GOV". */
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function code(label: string) {
  return requiredText(label, 50).regex(
    CODE_PATTERN,
    `${label} may contain only letters, digits, dots, hyphens and underscores, and must start with a letter or digit.`,
  );
}

function withDefault<T extends Record<string, string>>(
  values: T,
  fallback: T[keyof T],
  message: string,
) {
  return z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? fallback : value),
    z.enum(values, { error: message }),
  );
}

/** "2021", "2016-01" or "2021-02-22": a date known to the year, month or day. */
export function isPartialDate(value: string) {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  // The tracker's calendar decides: 0001–9999, a real month, a real day.
  return dayFromParts(Number(year), Number(month ?? 1), Number(day ?? 1)) !== null;
}

const titleEsSource = withDefault(
  TitleEsSource,
  "translation",
  "Spanish title source: choose official, press or translation.",
);

// --- Sources -------------------------------------------------------------------------------

export const SourceFieldsSchema = z.object({
  code: code("Code"),
  title: requiredText("Title", 500),
  titleEs: optionalText("Spanish title", 500),
  titleEsSource,
  publisher: requiredText("Publisher", 300),
  kind: z.enum(SourceKind, { error: "Kind: choose the kind of source." }),
  publishedDate: z.preprocess(
    (value) => ((typeof value === "string" && value.trim() === "") || value == null ? null : value),
    z
      .string({ error: "Published date must be text." })
      .trim()
      .refine(
        isPartialDate,
        "Published date must be a year, year and month, or a full date (YYYY, YYYY-MM or YYYY-MM-DD).",
      )
      .nullable(),
  ),
  url: optionalHttpUrl("Web address"),
  notes: optionalText("Notes", 5000),
  /** Editors' changes to this source's items wait for another staff member's approval. */
  reviewRequired: checkbox("Review required"),
});
export type SourceFields = z.output<typeof SourceFieldsSchema>;

export type SourceInput = {
  code: TextValue;
  title: TextValue;
  titleEs?: TextValue;
  titleEsSource?: EnumValue<TitleEsSource>;
  publisher: TextValue;
  kind: EnumValue<SourceKind>;
  publishedDate?: TextValue;
  url?: TextValue;
  notes?: TextValue;
  reviewRequired?: CheckboxValue;
};

// --- Actors --------------------------------------------------------------------------------

export const ActorFieldsSchema = z.object({
  code: code("Code"),
  name: requiredText("Name", 300),
  nameEs: optionalText("Spanish name", 300),
  /** The common short form ("ATF", "SRE"); blank when there is none, and lists show the name. */
  abbreviation: optionalText("Abbreviation", 30),
  country: z.enum(Country, { error: "Country: choose US, MX or binational." }),
});
export type ActorFields = z.output<typeof ActorFieldsSchema>;
export type ActorInput = {
  code: TextValue;
  name: TextValue;
  nameEs?: TextValue;
  abbreviation?: TextValue;
  country: EnumValue<Country>;
};

// --- Goals ---------------------------------------------------------------------------------

export const GoalFieldsSchema = z
  .object({
    code: requiredText("Code", 50).regex(
      /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/,
      'Code must be dotted, like "1", "1.1" or "1.1.1".',
    ),
    level: z.enum(GoalLevel, {
      error: "Level: choose goal, cooperation area or joint objective.",
    }),
    /** The goal above it, by id or code: none for a goal, a goal for a cooperation area, a
     * cooperation area for a joint objective. */
    parent: optionalText("Parent", 200),
    title: requiredText("Title", 500),
    titleEs: optionalText("Spanish title", 500),
    titleEsSource,
    description: optionalText("Description", 5000),
  })
  .superRefine((input, context) => {
    if (input.level === "goal" && input.parent) {
      context.addIssue({
        code: "custom",
        path: ["parent"],
        message: "Parent: a goal has no parent; leave it empty.",
      });
    }
    if (input.level !== "goal" && !input.parent) {
      context.addIssue({
        code: "custom",
        path: ["parent"],
        message:
          input.level === "cooperation_area"
            ? "Parent is required: choose the goal this cooperation area belongs to."
            : "Parent is required: choose the cooperation area this joint objective belongs to.",
      });
    }
  });
export type GoalFields = z.output<typeof GoalFieldsSchema>;
export type GoalInput = {
  code: TextValue;
  level: EnumValue<GoalLevel>;
  parent?: TextValue;
  title: TextValue;
  titleEs?: TextValue;
  titleEsSource?: EnumValue<TitleEsSource>;
  description?: TextValue;
};

// --- Tags ----------------------------------------------------------------------------------

export const TagFieldsSchema = z.object({
  slug: requiredText("Slug", 60).regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'Slug may contain only lower-case letters, digits and single hyphens, like "data-sharing".',
  ),
  name: requiredText("Name", 200),
  nameEs: optionalText("Spanish name", 200),
});
export type TagFields = z.output<typeof TagFieldsSchema>;
export type TagInput = { slug: TextValue; name: TextValue; nameEs?: TextValue };

// --- Recommendations -----------------------------------------------------------------------

export const RecommendationFieldsSchema = z.object({
  /** The source, by id or code. */
  source: requiredText("Source", 200),
  reference: requiredText("Reference", 200),
  /** The reference with its words in Spanish (codes kept); blank: the reference is shown. */
  referenceEs: optionalText("Spanish reference", 200),
  title: requiredText("Title", 500),
  titleEs: optionalText("Spanish title", 500),
  titleEsSource,
  text: requiredText("Full text", 20_000),
  textIsParaphrase: checkbox("Text is a paraphrase"),
  addressee: optionalText("Addressee", 500),
  country: z.enum(Country, { error: "Country: choose US, MX or binational." }),
  /** Responsible actors, by id or code. */
  actors: idList("Responsible actors"),
  /** Framework goals, by id or code. */
  goals: idList("Framework goals"),
  goalMapping: withDefault(GoalMapping, "editorial", "Goal mapping: choose official or editorial."),
  verificationLevel: z.enum(VerificationLevel, {
    error: "Verification level: choose how the text was verified.",
  }),
  verified: checkbox("Verified"),
  verificationNotes: optionalText("Verification notes", 5000),
  sourceUrl: httpUrl("Source web address"),
});
export type RecommendationFields = z.output<typeof RecommendationFieldsSchema>;
export type RecommendationInput = {
  source: TextValue;
  reference: TextValue;
  referenceEs?: TextValue;
  title: TextValue;
  titleEs?: TextValue;
  titleEsSource?: EnumValue<TitleEsSource>;
  text: TextValue;
  textIsParaphrase?: CheckboxValue;
  addressee?: TextValue;
  country: EnumValue<Country>;
  actors?: ListValue;
  goals?: ListValue;
  goalMapping?: EnumValue<GoalMapping>;
  verificationLevel: EnumValue<VerificationLevel>;
  verified?: CheckboxValue;
  verificationNotes?: TextValue;
  sourceUrl: TextValue;
};

// --- Editing and archiving any of them -----------------------------------------------------

/** What every edit adds to the fields: which record, and the version the form was loaded with. */
export const EditKeySchema = z.object({ id: id("Record"), expectedVersion });
export type EditKey = { id: string; expectedVersion: VersionValue };

/** Archive or unarchive. */
export const ArchiveSchema = EditKeySchema;
export type ArchiveInput = EditKey;
