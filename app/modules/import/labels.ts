// The words a file may use for a coded value: the code itself or its label in English or Spanish
// (as the report export writes them), matched case-, accent-, dash- and space-insensitively, so
// that "Closed – implemented", "closed--implemented" and "Cerrada – implementada" all read as
// `closed_implemented`.
import {
  Country,
  OfficialStatus,
  Priority,
  SourceKind,
  Status,
} from "#app/generated/prisma/enums.ts";
import { locales, translator, type MessageKey } from "#app/utils/i18n.ts";

/** Lower-case, without accents, dashes and underscores as spaces, spaces folded. */
export function foldLabel(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[-‐‑‒–—_]+/g, " ")
    .replace(/[.,;:()]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function labelMap<T extends string>(codes: readonly T[], prefix: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(foldLabel(code), code);
    for (const locale of locales) {
      map.set(foldLabel(translator(locale)(`${prefix}.${code}` as MessageKey)), code);
    }
  }
  return map;
}

const maps = {
  status: labelMap(Object.values(Status), "status"),
  officialStatus: labelMap(Object.values(OfficialStatus), "officialStatus"),
  country: labelMap(Object.values(Country), "country"),
  priority: labelMap(Object.values(Priority), "priority"),
  sourceKind: labelMap(Object.values(SourceKind), "catalogue.sourceKind"),
};

// GAO's own words, and a few common ways of writing the countries.
for (const [words, code] of [
  ["closed implemented", "closed_implemented"],
  ["closed not implemented", "closed_not_implemented"],
  ["open partially addressed", "open_partially_addressed"],
  ["open", "open"],
] as const) {
  maps.officialStatus.set(words, code);
}
for (const [words, code] of [
  ["usa", "US"],
  ["u s", "US"],
  ["eeuu", "US"],
  ["ee uu", "US"],
  ["estados unidos", "US"],
  ["mexico", "MX"],
  ["bilateral", "binational"],
] as const) {
  maps.country.set(words, code);
}

export type LabelKind = keyof typeof maps;

/** The code a label stands for, or null when it names none. */
export function codeOf(kind: "status", value: string): Status | null;
export function codeOf(kind: "officialStatus", value: string): OfficialStatus | null;
export function codeOf(kind: "country", value: string): Country | null;
export function codeOf(kind: "priority", value: string): Priority | null;
export function codeOf(kind: "sourceKind", value: string): SourceKind | null;
export function codeOf(kind: LabelKind, value: string): string | null {
  return maps[kind].get(foldLabel(value)) ?? null;
}

const yes = new Set(["yes", "y", "true", "1", "si", "x", "priority", "prioridad"]);
const no = new Set(["no", "n", "false", "0", ""]);

/** "Yes"/"No" (or "Sí", true, 1, …) as a boolean; null when it is neither. */
export function yesNo(value: string): boolean | null {
  const folded = foldLabel(value);
  if (yes.has(folded)) return true;
  if (no.has(folded)) return false;
  return null;
}
