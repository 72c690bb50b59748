// The tracker's one calendar. A calendar day is "YYYY-MM-DD" text with no zone (held in memory,
// where a Date is needed, as that day's UTC midnight, which is what a DATE column gives back); an
// instant is a Date, stored in UTC and shown in the tracker's own zone (TIME_ZONE) with that zone
// named. Nothing here reads the process's own zone, so the server answers the same in any TZ and
// the browser renders what the server rendered. No server imports: pages use it too.

/** The zone used until the server's setting (TIME_ZONE) is known; the README argues for it. */
export const DEFAULT_TIME_ZONE = "America/Mexico_City";

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a day, or null when the parts are not a real day within 0001…9999. */
function utcMidnight(year: number, month: number, day: number): Date | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > 31) return null;
  // Date.UTC reads years 0–99 as 1900–1999: set the full year on its own.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null; // 30 February
  return date;
}

/** A UTC-midnight Date as "YYYY-MM-DD" (the year padded to four digits). */
function format(date: Date): string {
  const year = String(date.getUTCFullYear()).padStart(4, "0");
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${year}-${month}-${day}`;
}

/** "YYYY-MM-DD" as its UTC midnight, or null when it is not a real day in 0001-01-01…9999-12-31. */
export function parseDay(value: string): Date | null {
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  return utcMidnight(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Is the text a real day ("YYYY-MM-DD") in 0001-01-01…9999-12-31? */
export function isDay(value: string): boolean {
  return parseDay(value) !== null;
}

/** A day from its numbers (month 1–12), as "YYYY-MM-DD", or null when it is not a real day. */
export function dayFromParts(year: number, month: number, day: number): string | null {
  const date = utcMidnight(year, month, day);
  return date ? format(date) : null;
}

/** The day a DATE column's value (its UTC midnight) stands for, as "YYYY-MM-DD". */
export function dayOf(date: Date): string;
export function dayOf(date: Date | null | undefined): string | null;
export function dayOf(date: Date | null | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? format(date) : null;
}

/** A day as its UTC midnight (what a DATE column takes). Throws on text that is not a day. */
export function dayDate(day: string): Date {
  const date = parseDay(day);
  if (!date) throw new RangeError(`Not a calendar day: ${day}`);
  return date;
}

/** The day `days` after `day` (before, when negative). */
export function addDays(day: string, days: number): string {
  return format(new Date(dayDate(day).getTime() + days * DAY_MS));
}

/** The next day ("2026-03-31" → "2026-04-01"). */
export function dayAfter(day: string): string {
  return addDays(day, 1);
}

/** The day before ("2026-10-01" → "2026-09-30"). */
export function dayBefore(day: string): string {
  return addDays(day, -1);
}

/** The first day of the calendar quarter that holds `day` ("2026-11-15" → "2026-10-01"). */
export function quarterStart(day: string): string {
  const date = dayDate(day);
  date.setUTCMonth(Math.floor(date.getUTCMonth() / 3) * 3, 1);
  return format(date);
}

/** The last day of the month that holds `day`, `monthsBack` months earlier (0: this month). */
export function monthEnd(day: string, monthsBack = 0): string {
  const date = dayDate(day);
  // Day 0 of the following month is the last day of this one.
  date.setUTCMonth(date.getUTCMonth() - monthsBack + 1, 0);
  return format(date);
}

/** Is `zone` an IANA time zone this runtime knows ("America/Mexico_City", "UTC")? */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === "" || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// The tracker's zone, set once from the server's TIME_ZONE at start and, in the browser, from the
// root loader before the first render, so that both render the same text.
// Worker threads share the process's environment but not this module's state: they start from
// TIME_ZONE too (the server checked it at start). The browser has no `process`.
// Trimmed as env.server.ts reads it, or a worker would fall back to the default zone.
const processZone = (
  globalThis as { process?: { env?: Record<string, string | undefined> } }
).process?.env?.TIME_ZONE?.trim();
let trackerZone = processZone && isTimeZone(processZone) ? processZone : DEFAULT_TIME_ZONE;

/** The tracker's own time zone (TIME_ZONE). */
export function timeZone(): string {
  return trackerZone;
}

/** Sets the tracker's zone (the server at start, the browser from the root loader). */
export function setTimeZone(zone: string): void {
  if (!isTimeZone(zone)) throw new RangeError(`Not a time zone: ${zone}`);
  trackerZone = zone;
}

// Building an Intl formatter costs far more than using one: each is built once.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** The wall clock of `zone` at an instant, as numbers. */
function wallClock(instant: Date, zone: string) {
  const parts = formatter("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    era: "short",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === "era")?.value ?? "AD";
  const year = era.startsWith("B") ? 1 - part("year") : part("year");
  return {
    year,
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
    second: part("second"),
  };
}

/** The calendar day an instant falls on in `zone`, as "YYYY-MM-DD". */
export function dayIn(instant: Date, zone: string = trackerZone): string {
  const clock = wallClock(instant, zone);
  const date = new Date(0);
  date.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  return format(date);
}

/** Today in `zone` (the tracker's zone unless told), as "YYYY-MM-DD". */
export function todayIn(zone: string = trackerZone, now: Date = new Date()): string {
  return dayIn(now, zone);
}

/** Today in the tracker's zone (TIME_ZONE), as "YYYY-MM-DD". */
export function currentDay(now: Date = new Date()): string {
  return dayIn(now, trackerZone);
}

/** How far `zone`'s wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: Date, zone: string): number {
  const clock = wallClock(instant, zone);
  const wall = new Date(0);
  wall.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  wall.setUTCHours(clock.hour, clock.minute, clock.second, 0);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return wall.getTime() - whole;
}

/**
 * `zone`'s wall clock at an instant as a Date whose UTC fields read that clock: what a
 * spreadsheet cell (which has no zone) should hold to show the tracker's time.
 */
export function wallClockDate(instant: Date, zone: string = trackerZone): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetAt(instant, zone));
}

/** The first instant of a UTC-midnight day in `zone`. */
function startOf(midnight: Date, zone: string): Date {
  const guess = midnight.getTime();
  const first = guess - offsetAt(midnight, zone);
  const second = guess - offsetAt(new Date(first), zone);
  // Where the zone's clock skips midnight (a change of offset at 00:00), the day begins at the
  // skip: of the two candidates, the earliest that already falls on the day.
  const target = format(midnight);
  const onDay = [first, second].filter((t) => dayIn(new Date(t), zone) === target);
  return new Date(onDay.length > 0 ? Math.min(...onDay) : first);
}

/** The instant at which `day` begins in `zone` (the tracker's zone unless told). */
export function dayStartInstant(day: string, zone: string = trackerZone): Date {
  return startOf(dayDate(day), zone);
}

/**
 * The instant at which `day` ends in `zone`: the first instant of the next day, so "during D"
 * is `start <= t < dayEndInstant(D)` (a note counts on D when written before the end of D).
 */
export function dayEndInstant(day: string, zone: string = trackerZone): Date {
  return startOf(new Date(dayDate(day).getTime() + DAY_MS), zone);
}

/** The zone's short name at an instant in the reader's language ("CST", "GMT-6", "GMT+9"). */
export function zoneName(instant: Date, locale: string, zone: string = trackerZone): string {
  const parts = formatter(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(instant);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/**
 * An instant in `zone` for the reader's language, with the zone named ("Jan 15, 2026, 4:12 AM
 * CST"; "15 ene 2026, 4:12 GMT-6").
 */
export function formatInstant(
  instant: Date | string,
  locale: string,
  zone: string = trackerZone,
  options: { dateStyle?: "full" | "long" | "medium" | "short"; timeOnly?: boolean } = {},
): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return "";
  const text = formatter(
    locale,
    options.timeOnly
      ? { timeZone: zone, timeStyle: "short" }
      : { timeZone: zone, dateStyle: options.dateStyle ?? "medium", timeStyle: "short" },
  ).format(date);
  return `${text} ${zoneName(date, locale, zone)}`;
}
