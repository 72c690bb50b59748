// The periods a digest covers, in the tracker's own zone (TIME_ZONE), never the process's: a
// daily digest tells of the previous whole day, a weekly one of the previous Monday to Sunday.
// A period is the instants [start, end): what was recorded from the first instant of its first
// day up to, not including, the first instant of the day after its last. No server imports.
import { addDays, dayBefore, dayDate, dayIn, dayStartInstant, timeZone } from "#app/utils/dates.ts";

export type DigestFrequency = "daily" | "weekly";

export type DigestPeriod = {
  frequency: DigestFrequency;
  /** Its first day, "YYYY-MM-DD". */
  firstDay: string;
  /** Its last day (included), "YYYY-MM-DD". */
  lastDay: string;
  /** The first instant of firstDay in the zone. */
  start: Date;
  /** The first instant of the day after lastDay in the zone (not included). */
  end: Date;
};

/** 0 for Monday … 6 for Sunday. */
function weekdayFromMonday(day: string): number {
  return (dayDate(day).getUTCDay() + 6) % 7;
}

function periodFrom(frequency: DigestFrequency, firstDay: string, zone: string): DigestPeriod {
  const length = frequency === "daily" ? 1 : 7;
  const next = addDays(firstDay, length);
  return {
    frequency,
    firstDay,
    lastDay: dayBefore(next),
    start: dayStartInstant(firstDay, zone),
    end: dayStartInstant(next, zone),
  };
}

/**
 * The last whole period before `now`: yesterday for daily; last week's Monday to Sunday for
 * weekly (on a Monday, the week that ended at midnight).
 */
export function periodBefore(
  frequency: DigestFrequency,
  now: Date = new Date(),
  zone: string = timeZone(),
): DigestPeriod {
  const today = dayIn(now, zone);
  if (frequency === "daily") return periodFrom("daily", dayBefore(today), zone);
  const thisMonday = addDays(today, -weekdayFromMonday(today));
  return periodFrom("weekly", addDays(thisMonday, -7), zone);
}

/**
 * The period that begins at `start`, or null when `start` is not the first instant of a day
 * (of a Monday, for weekly) in the zone: a job's period is checked, never trusted.
 */
export function periodStartingAt(
  frequency: DigestFrequency,
  start: Date,
  zone: string = timeZone(),
): DigestPeriod | null {
  if (Number.isNaN(start.getTime())) return null;
  const firstDay = dayIn(start, zone);
  if (dayStartInstant(firstDay, zone).getTime() !== start.getTime()) return null;
  if (frequency === "weekly" && weekdayFromMonday(firstDay) !== 0) return null;
  return periodFrom(frequency, firstDay, zone);
}
