import type { Locale, MessageKey, Translate } from "./i18n.ts";

// The domain's validation messages are plain English sentences built from a few templates
// ("Title is required."). This shows them in the reader's language: known sentences and
// templates map to locale keys, with the field's label translated too.

const labels: Record<string, MessageKey> = {
  Title: "validation.labels.title",
  Summary: "validation.labels.summary",
  "Date of the change": "validation.labels.occurredOn",
  "Documented on": "validation.labels.documentedOn",
  Description: "validation.labels.description",
  Link: "validation.labels.link",
  Note: "validation.labels.note",
  "Official status date": "validation.labels.officialStatusDate",
  "Due date": "validation.labels.dueDate",
  "Background on status": "validation.labels.backgroundOnStatus",
  Evidence: "validation.labels.evidence",
  "Responsible actors": "validation.labels.actors",
  "Framework goals": "validation.labels.goals",
  Tags: "validation.labels.tags",
  Code: "validation.labels.code",
  "Spanish title": "validation.labels.spanishTitle",
  "Spanish reference": "catalogue.fields.referenceEs",
  Abbreviation: "catalogue.fields.abbreviation",
  Publisher: "validation.labels.publisher",
  "Web address": "validation.labels.webAddress",
  Notes: "validation.labels.notes",
  Name: "validation.labels.name",
  "Spanish name": "validation.labels.spanishName",
  Slug: "validation.labels.slug",
  Source: "validation.labels.source",
  Reference: "validation.labels.reference",
  "Full text": "validation.labels.fullText",
  Addressee: "validation.labels.addressee",
  "Verification notes": "validation.labels.verificationNotes",
  "Source web address": "validation.labels.sourceWebAddress",
  Record: "validation.labels.record",
  From: "validation.labels.from",
  To: "validation.labels.to",
  "Published date": "validation.labels.publishedDate",
  Parent: "validation.labels.parent",
  Recommendation: "validation.labels.recommendation",
  Reason: "signOff.reasonLabel",
  Change: "signOff.changeLabel",
};

const sentences: Record<string, MessageKey> = {
  "File: choose a file to upload.": "validation.fileMissing",
  "File is empty.": "validation.fileEmpty",
  "File is too large: the limit is 10 MB.": "validation.fileTooLarge",
  "The upload is too large: the limit is 10 MB.": "validation.fileTooLarge",
  "File must be a PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or CSV file, and its name must end with the matching extension.":
    "validation.fileType",
  "Evidence: this status needs at least one piece of evidence. Choose existing evidence or add a link or file.":
    "validation.evidenceRequired",
  "Evidence: choose evidence of this recommendation that has not been archived.":
    "validation.evidenceForeign",
  "New status: the recommendation already has this status.": "validation.sameStatus",
  "New status: choose a status.": "validation.chooseStatus",
  "Official status date is required when an official status is given.":
    "validation.officialDateRequired",
  "The form's version is missing: reload the page and try again.": "validation.reload",
  'Slug may contain only lower-case letters, digits and single hyphens, like "data-sharing".':
    "validation.slugFormat",
  "Country: choose US, MX or binational.": "validation.chooseCountry",
  "Goal mapping: choose official or editorial.": "validation.chooseGoalMapping",
  "Kind: choose the kind of source.": "validation.chooseSourceKind",
  "Level: choose goal, cooperation area or joint objective.": "validation.chooseLevel",
  "Spanish title source: choose official, press or translation.": "validation.chooseTitleEsSource",
  "Verification level: choose how the text was verified.": "validation.chooseVerificationLevel",
  "Level cannot change while other goals sit under this one; move them first.":
    "validation.levelLocked",
  "Parent cannot be the goal itself.": "validation.parentSelf",
  "Parent: a goal has no parent; leave it empty.": "validation.goalNoParent",
  "Published date must be a year, year and month, or a full date (YYYY, YYYY-MM or YYYY-MM-DD).":
    "validation.publishedDate",
  "This form is not known here.": "validation.unknownForm",
  "Use 1 for the archived records, 0 or nothing for the others.": "validation.archivedFilter",

  "The form's version is not valid: reload the page and try again.": "validation.reload",
};

// Messages that differ only in the level they name share one translation.
const patterns: Array<[RegExp, MessageKey]> = [
  [/^Parent is required: /, "validation.parentNeeded"],
  [/^Parent must be a (goal|cooperation area): /, "validation.parentLevel"],
];

const things: Record<string, MessageKey> = {
  source: "validation.things.source",
  actor: "validation.things.actor",
  goal: "validation.things.goal",
  tag: "validation.things.tag",
};

const templates: Array<[RegExp, MessageKey]> = [
  [/^(.+) is already used by another (\w+)\.$/, "validation.duplicate"],
  [
    /^(.+) may contain only letters, digits, dots, hyphens and underscores, and must start with a letter or digit\.$/,
    "validation.codeFormat",
  ],
  [/^(.+): there is no \w+ "(.+)"\.$/, "validation.noSuch"],
  [/^(.+) is required\.$/, "validation.required"],
  [/^(.+) must be at most (\d+) characters\.$/, "validation.tooLong"],
  [/^(.+) must be a web address starting with http:\/\/ or https:\/\/\.$/, "validation.url"],
  [/^(.+) must be a real day \(YYYY-MM-DD\) from 0001-01-01 to 9999-12-31\.$/, "validation.date"],
  [/^(.+) cannot be in the future\.$/, "validation.future"],
  [/^(.+) is (?:not valid|missing)\.$/, "validation.invalid"],
  [/^(.+): unknown or archived: (.+)$/, "validation.unknown"],
];

/** A validation message in the reader's language; locale keys are translated as they are. */
export function translateValidation(locale: Locale, t: Translate, message: string): string {
  if (/^[a-z][A-Za-z]*(\.[A-Za-z0-9_]+)+$/.test(message)) return t(message as MessageKey);
  if (locale === "en") return message;
  const sentence = sentences[message] ?? patterns.find(([pattern]) => pattern.test(message))?.[1];
  if (sentence) return t(sentence);
  for (const [pattern, key] of templates) {
    const match = pattern.exec(message);
    if (!match) continue;
    const label = match[1]!;
    const field = labels[label] ? t(labels[label]) : label;
    const second = match[2] ?? "";
    const thing = things[second] ? t(things[second]) : second;
    return t(key, { field, max: second, items: second, thing });
  }
  return t("validation.generic");
}
