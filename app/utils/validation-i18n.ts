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
  Evidence: "validation.labels.evidence",
  "Responsible actors": "validation.labels.actors",
  "Framework goals": "validation.labels.goals",
  Tags: "validation.labels.tags",
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
  "The form's version is not valid: reload the page and try again.": "validation.reload",
};

const templates: Array<[RegExp, MessageKey]> = [
  [/^(.+) is required\.$/, "validation.required"],
  [/^(.+) must be at most (\d+) characters\.$/, "validation.tooLong"],
  [/^(.+) must be a web address starting with http:\/\/ or https:\/\/\.$/, "validation.url"],
  [/^(.+) must be a date \(YYYY-MM-DD\)\.$/, "validation.date"],
  [/^(.+) cannot be in the future\.$/, "validation.future"],
  [/^(.+) is (?:not valid|missing)\.$/, "validation.invalid"],
  [/^(.+): unknown or archived: (.+)$/, "validation.unknown"],
];

/** A validation message in the reader's language; locale keys are translated as they are. */
export function translateValidation(locale: Locale, t: Translate, message: string): string {
  if (/^[a-z][A-Za-z]*(\.[A-Za-z0-9_]+)+$/.test(message)) return t(message as MessageKey);
  if (locale === "en") return message;
  const sentence = sentences[message];
  if (sentence) return t(sentence);
  for (const [pattern, key] of templates) {
    const match = pattern.exec(message);
    if (!match) continue;
    const label = match[1]!;
    const field = labels[label] ? t(labels[label]) : label;
    return t(key, { field, max: match[2] ?? "", items: match[2] ?? "" });
  }
  return t("validation.generic");
}
