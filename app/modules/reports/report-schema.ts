// The JSON Schema (draft 2020-12) of the JSON export, served at /reports/schema.json and
// described in docs/report-json.md. A change to the shape bumps REPORT_SCHEMA_VERSION: the minor
// number when fields are only added, the major number when a field changes or goes.
import { statusOrder } from "#app/components/status-badge.tsx";
import {
  Country,
  EvidenceKind,
  NoteVisibility,
  OfficialStatus,
} from "#app/generated/prisma/enums.ts";
import { filterKeys } from "#app/modules/recommendations/filters.ts";
import { relationTypes } from "#app/modules/relations/relation-types.ts";

/** Who recorded a change or a note, as each audience reads them (tracking/people.ts). */
const recorderDescription =
  "Who recorded it. Staff reports: their name. Public reports: their name only where they " +
  "chose to be shown, else the display name an administrator gave them, else their role in " +
  "the report's language. Never an id or an email address.";

export const REPORT_SCHEMA_VERSION = "1.3";
const REPORT_SCHEMA_PATH = "/reports/schema.json";

const day = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;
const moment = {
  type: "string",
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$",
} as const;
const url = { type: "string", pattern: "^https?://" } as const;
const text = { type: "string" } as const;
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: "null" }] });

const labelled = (codes: readonly string[]) =>
  ({
    type: "object",
    required: ["code", "label"],
    additionalProperties: false,
    properties: { code: { enum: codes }, label: text },
  }) as const;

const statuses = statusOrder as readonly string[];
const officialStatuses = Object.values(OfficialStatus);

const counts = {
  type: "object",
  description: "Items by status code; every status is present.",
  required: statuses,
  additionalProperties: false,
  properties: Object.fromEntries(
    statuses.map((status) => [status, { type: "integer", minimum: 0 }]),
  ),
} as const;

const countRow = {
  type: "object",
  required: ["code", "title", "total", "counts"],
  additionalProperties: false,
  properties: { code: text, title: text, total: { type: "integer", minimum: 0 }, counts },
} as const;

export function reportJsonSchema(origin: string) {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${origin}${REPORT_SCHEMA_PATH}`,
    title: "Status report",
    description:
      "Where a set of recommendations stood on a date: the JSON export of /reports/export.json.",
    type: "object",
    required: [
      "schemaVersion",
      "generatedAt",
      "timeZone",
      "asOf",
      "current",
      "recordedAfterAsOf",
      "language",
      "audience",
      "filters",
      "period",
      "summary",
      "items",
      "history",
    ],
    additionalProperties: false,
    properties: {
      schemaVersion: { const: REPORT_SCHEMA_VERSION },
      generatedAt: { ...moment, description: "When the report was produced (UTC)." },
      timeZone: {
        type: "string",
        description:
          "The tracker's time zone (IANA name, e.g. America/Mexico_City): the zone of every day in the report (asOf, period, a note's day) and of the times the PDF, XLSX and pages show. Instants in this document stay in UTC.",
      },
      asOf: { ...day, description: "The day whose state the report gives." },
      current: { type: "boolean", description: "True when asOf is the day it was produced." },
      recordedAfterAsOf: {
        type: "integer",
        minimum: 0,
        description:
          "Corrections: how many changes of the report's items dated on or before asOf (status " +
          "changes by their day, official ones by the issuer's date) were recorded after asOf " +
          "ended. 0 for the current state. Since 1.1.",
      },
      language: { enum: ["en", "es"], description: "Language of labels and localized titles." },
      audience: {
        enum: ["public", "staff"],
        description: "public: anonymous reader; staff: logged-in reader (notes, recorded by).",
      },
      filters: {
        type: "object",
        description: "The filters that chose the items, as given in the URL.",
        additionalProperties: false,
        properties: Object.fromEntries(filterKeys.map((key) => [key, text])),
      },
      period: {
        type: "object",
        description: "The period whose changes `history` lists, both days included.",
        required: ["from", "to"],
        additionalProperties: false,
        properties: { from: day, to: day },
      },
      summary: {
        type: "object",
        required: ["total", "byStatus", "bySource", "byGoal"],
        additionalProperties: false,
        properties: {
          total: { type: "integer", minimum: 0 },
          byStatus: {
            type: "array",
            items: {
              type: "object",
              required: ["code", "label", "count"],
              additionalProperties: false,
              properties: {
                code: { enum: statuses },
                label: text,
                count: { type: "integer", minimum: 0 },
              },
            },
          },
          bySource: { type: "array", items: countRow },
          byGoal: {
            type: "array",
            description: "Per top-level Framework goal; an item counts once per goal.",
            items: countRow,
          },
        },
      },
      items: { type: "array", items: { $ref: "#/$defs/item" } },
      history: { type: "array", items: { $ref: "#/$defs/change" } },
    },
    $defs: {
      item: {
        type: "object",
        required: [
          "id",
          "url",
          "source",
          "reference",
          "localizedReference",
          "title",
          "titleEs",
          "localizedTitle",
          "actors",
          "goals",
          "country",
          "status",
          "officialStatus",
          "lastChange",
          "latestEvidence",
          "lastVerifiedAt",
          "latestNote",
          "relations",
        ],
        additionalProperties: false,
        properties: {
          id: text,
          url: { ...url, description: "The item's page." },
          source: {
            type: "object",
            required: ["code", "title"],
            additionalProperties: false,
            properties: { code: text, title: text },
          },
          reference: { ...text, description: "The issuer's reference, as issued." },
          localizedReference: {
            ...text,
            description: "The reference in the report's language (Spanish words where it has any).",
          },
          title: { ...text, description: "English title." },
          titleEs: nullable(text),
          localizedTitle: { ...text, description: "Title in the report's language." },
          actors: {
            type: "array",
            items: {
              type: "object",
              required: ["code", "name", "abbreviation"],
              additionalProperties: false,
              properties: {
                code: text,
                name: { ...text, description: "Name in the report's language." },
                abbreviation: nullable(text),
              },
            },
          },
          goals: { type: "array", items: text, description: "Framework goal codes." },
          country: labelled(Object.values(Country)),
          status: { ...labelled(statuses), description: "Status on the as-of date." },
          officialStatus: nullable({
            type: "object",
            description: "The issuer's status on the as-of date and the issuer's date for it.",
            required: ["code", "label", "asOf"],
            additionalProperties: false,
            properties: { code: { enum: officialStatuses }, label: text, asOf: nullable(day) },
          }),
          lastChange: nullable({
            type: "object",
            description: "The last status change on or before the as-of date.",
            required: ["date", "from", "to", "summary"],
            additionalProperties: false,
            properties: {
              date: day,
              from: labelled(statuses),
              to: labelled(statuses),
              summary: text,
              recordedBy: { ...nullable(text), description: recorderDescription },
            },
          }),
          latestEvidence: nullable({
            type: "object",
            description: "The latest evidence documented on or before the as-of date.",
            required: ["kind", "title", "url", "date", "archivedAt", "archiveSha256"],
            additionalProperties: false,
            properties: {
              kind: { enum: Object.values(EvidenceKind) },
              title: text,
              url,
              date: day,
              archivedAt: {
                ...nullable(moment),
                description:
                  "A link's newest archived copy held by the tracker at the end of the as-of day: when it was fetched. Null for files and links not archived by then. The copy is served at /archive/<copy id> from the item's page.",
              },
              archiveSha256: {
                ...nullable({ type: "string", pattern: "^[0-9a-f]{64}$" }),
                description: "The SHA-256 of that archived copy's bytes (hex).",
              },
            },
          }),
          lastVerifiedAt: nullable(moment),
          latestNote: nullable({
            type: "object",
            description: "Staff reports: the latest note. Public reports: the latest public note.",
            required: ["visibility", "body", "date"],
            additionalProperties: false,
            properties: {
              visibility: labelled(Object.values(NoteVisibility)),
              body: { ...text, description: "Markdown." },
              date: day,
              author: { ...nullable(text), description: recorderDescription },
            },
          }),
          relations: {
            type: "array",
            description:
              "Related items, both ways, read from this item: links made by the end of the as-of day to items present on it. Since 1.3.",
            items: {
              type: "object",
              required: ["type", "direction", "label", "itemId", "reference", "source", "reason"],
              additionalProperties: false,
              properties: {
                type: { enum: relationTypes },
                direction: {
                  enum: ["outgoing", "incoming"],
                  description:
                    "outgoing: this item is the link's subject (it follows up, supersedes, is part of the other); incoming: the other is. A same-ask link reads the same both ways.",
                },
                label: {
                  ...text,
                  description:
                    'The link read from this item, in the report\'s language ("followed up by").',
                },
                itemId: { ...text, description: "The other item's id." },
                reference: { ...text, description: "The other item's reference." },
                source: { ...text, description: "The other item's source code." },
                reason: { ...text, description: "Why they are related, as staff wrote it." },
              },
            },
          },
        },
      },
      change: {
        type: "object",
        required: ["id", "kind", "date", "itemId", "reference", "localizedTitle", "from", "to"],
        additionalProperties: false,
        properties: {
          id: text,
          kind: { enum: ["status", "official"] },
          date: day,
          itemId: text,
          reference: text,
          localizedTitle: text,
          from: nullable(labelled([...statuses, ...officialStatuses])),
          to: nullable(labelled([...statuses, ...officialStatuses])),
          summary: nullable(text),
          recordedBy: { ...nullable(text), description: recorderDescription },
        },
      },
    },
  };
}
