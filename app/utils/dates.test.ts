import { afterEach, describe, expect, test, vi } from "vitest";
import {
  DEFAULT_TIME_ZONE,
  addDays,
  dayAfter,
  dayBefore,
  dayEndInstant,
  dayFromParts,
  dayIn,
  dayOf,
  dayStartInstant,
  formatInstant,
  isDay,
  isTimeZone,
  monthEnd,
  parseDay,
  quarterStart,
  setTimeZone,
  timeZone,
  todayIn,
} from "./dates.ts";

afterEach(() => setTimeZone(DEFAULT_TIME_ZONE));

describe("parseDay and isDay", () => {
  test("take real days from 0001-01-01 to 9999-12-31 and nothing else", () => {
    expect(isDay("0000-01-01")).toBe(false);
    expect(isDay("0000-12-31")).toBe(false);
    expect(isDay("0001-01-01")).toBe(true);
    expect(isDay("0099-06-15")).toBe(true);
    expect(isDay("9999-12-31")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-04-31")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay("2026-1-01")).toBe(false);
    expect(isDay("10000-01-01")).toBe(false);
    expect(isDay(" 2026-01-01")).toBe(false);
    expect(isDay("")).toBe(false);
  });

  test("years 1–99 stay those years (Date.UTC would move them to 1900–1999)", () => {
    expect(parseDay("0099-06-15")?.getUTCFullYear()).toBe(99);
    expect(parseDay("0001-01-01")?.toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(dayOf(parseDay("0099-06-15"))).toBe("0099-06-15");
    expect(dayFromParts(99, 2, 29)).toBeNull(); // 99 was not a leap year
    expect(dayFromParts(96, 2, 29)).toBe("0096-02-29");
    expect(dayFromParts(0, 1, 1)).toBeNull();
  });
});

describe("day arithmetic", () => {
  test("crosses months, years and leap days", () => {
    expect(dayAfter("2026-03-31")).toBe("2026-04-01");
    expect(dayAfter("2028-02-28")).toBe("2028-02-29");
    expect(dayBefore("2026-01-01")).toBe("2025-12-31");
    expect(dayBefore("0001-01-02")).toBe("0001-01-01");
    expect(addDays("2026-12-31", -90)).toBe("2026-10-02");
    expect(quarterStart("2026-11-15")).toBe("2026-10-01");
    expect(quarterStart("0050-02-03")).toBe("0050-01-01");
    expect(monthEnd("2028-02-10")).toBe("2028-02-29");
    expect(monthEnd("2026-03-31", 1)).toBe("2026-02-28");
    expect(monthEnd("2026-01-15", 2)).toBe("2025-11-30");
  });

  test("refuse what is not a day", () => {
    expect(() => dayAfter("0000-01-01")).toThrow(RangeError);
  });
});

describe("days and instants in a zone", () => {
  test("23:30 in Mexico City is already the next day in UTC", () => {
    const instant = new Date("2026-04-01T05:30:00Z"); // 2026-03-31 23:30 CST (UTC−6)
    expect(todayIn("America/Mexico_City", instant)).toBe("2026-03-31");
    expect(todayIn("UTC", instant)).toBe("2026-04-01");
  });

  test("23:30 in Tokyo was still the day before in UTC", () => {
    const instant = new Date("2026-03-31T14:30:00Z"); // 2026-03-31 23:30 JST (UTC+9)
    expect(todayIn("Asia/Tokyo", instant)).toBe("2026-03-31");
    expect(todayIn("UTC", instant)).toBe("2026-03-31");
    expect(todayIn("America/Mexico_City", instant)).toBe("2026-03-31");
    const after = new Date("2026-03-31T15:30:00Z"); // 00:30 on 1 April in Tokyo
    expect(todayIn("Asia/Tokyo", after)).toBe("2026-04-01");
    expect(todayIn("UTC", after)).toBe("2026-03-31");
  });

  test("a day begins and ends at the zone's midnight", () => {
    expect(dayStartInstant("2026-03-31", "America/Mexico_City").toISOString()).toBe(
      "2026-03-31T06:00:00.000Z",
    );
    expect(dayEndInstant("2026-03-31", "America/Mexico_City").toISOString()).toBe(
      "2026-04-01T06:00:00.000Z",
    );
    expect(dayStartInstant("2026-03-31", "Asia/Tokyo").toISOString()).toBe(
      "2026-03-30T15:00:00.000Z",
    );
    expect(dayEndInstant("2026-03-31", "UTC").toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(dayEndInstant("9999-12-31", "UTC").getUTCFullYear()).toBe(10000);
  });

  test("across a change of offset (New York, 8 March 2026: 23 hours)", () => {
    const start = dayStartInstant("2026-03-08", "America/New_York");
    const end = dayEndInstant("2026-03-08", "America/New_York");
    expect(start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(end.getTime() - start.getTime()).toBe(23 * 60 * 60 * 1000);
  });

  test("a zone that skips midnight begins the day at the skip (Santiago, 6 September 2026)", () => {
    const start = dayStartInstant("2026-09-06", "America/Santiago");
    expect(dayIn(start, "America/Santiago")).toBe("2026-09-06");
    expect(dayIn(new Date(start.getTime() - 1000), "America/Santiago")).toBe("2026-09-05");
  });

  test("the tracker's zone is the default and can be set", () => {
    expect(timeZone()).toBe("America/Mexico_City");
    const instant = new Date("2026-03-31T15:30:00Z");
    expect(todayIn(undefined, instant)).toBe("2026-03-31");
    setTimeZone("Asia/Tokyo");
    expect(todayIn(undefined, instant)).toBe("2026-04-01");
    expect(() => setTimeZone("Mars/Olympus")).toThrow(RangeError);
  });

  test("isTimeZone knows IANA names", () => {
    expect(isTimeZone("America/Mexico_City")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mexico City")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("formatInstant", () => {
  test("names the zone in the reader's language", () => {
    const instant = new Date("2026-01-15T10:12:00Z");
    expect(formatInstant(instant, "en", "America/Mexico_City")).toBe("Jan 15, 2026, 4:12 AM CST");
    expect(formatInstant(instant, "es", "America/Mexico_City")).toBe("15 ene 2026, 4:12 GMT-6");
    expect(formatInstant(instant, "en", "Asia/Tokyo")).toBe("Jan 15, 2026, 7:12 PM GMT+9");
    expect(formatInstant(instant, "en", "UTC")).toBe("Jan 15, 2026, 10:12 AM UTC");
  });
});

describe("the zone a worker thread starts with", () => {
  test("is TIME_ZONE as the server reads it, spaces around it trimmed", async () => {
    const saved = process.env.TIME_ZONE;
    process.env.TIME_ZONE = " Asia/Tokyo ";
    vi.resetModules();
    try {
      const fresh = await import("./dates.ts");
      expect(fresh.timeZone()).toBe("Asia/Tokyo");
    } finally {
      if (saved === undefined) delete process.env.TIME_ZONE;
      else process.env.TIME_ZONE = saved;
      vi.resetModules();
    }
  });
});
