// Calendar days as import files write them: ISO, US "09/28/2026", or "Sep 28, 2026" (GAO). Which
// days are real, and the years accepted (0001–9999), are the tracker's one calendar's.
import { dayFromParts } from "#app/utils/dates.ts";

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "Sep", "Sept.", "September" → 9: at least three letters, the start of the month's name. */
function monthNumber(name: string): number | null {
  const key = name.toLowerCase().replace(/\.$/, "");
  if (key.length < 3) return null;
  const index = MONTH_NAMES.findIndex((month) => month.startsWith(key));
  return index < 0 ? null : index + 1;
}

/** A day in any of the accepted spellings as "YYYY-MM-DD", or null. */
export function parseDay(text: string): string | null {
  const value = text.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match) return dayFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(value);
  if (match) {
    const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    return dayFromParts(year, Number(match[1]), Number(match[2]));
  }
  match = /^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[1]!);
    return month ? dayFromParts(Number(match[3]), month, Number(match[2])) : null;
  }
  match = /^(\d{1,2})\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[2]!);
    return month ? dayFromParts(Number(match[3]), month, Number(match[1])) : null;
  }
  return null;
}
