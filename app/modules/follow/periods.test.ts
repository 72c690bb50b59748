// Digest periods in the tracker's zone. This file is also run with TZ=Asia/Tokyo
// (vitest.dates.config.ts): the process's zone must change nothing.
import { describe, expect, test } from "vitest";
import { periodBefore, periodStartingAt } from "./periods.ts";

describe("periodBefore", () => {
  test("daily: the previous whole day in the tracker's zone, not the process's", () => {
    // 03:30 UTC on 5 Dec is still 4 Dec (21:30) in Mexico City: yesterday there is 3 Dec.
    const now = new Date("2026-12-05T03:30:00Z");
    const mexico = periodBefore("daily", now, "America/Mexico_City");
    expect(mexico).toMatchObject({ firstDay: "2026-12-03", lastDay: "2026-12-03" });
    expect(mexico.start.toISOString()).toBe("2026-12-03T06:00:00.000Z");
    expect(mexico.end.toISOString()).toBe("2026-12-04T06:00:00.000Z");
    // At the same instant it is already 5 Dec 17:30 at UTC+14: yesterday is 4 Dec.
    const kiritimati = periodBefore("daily", now, "Pacific/Kiritimati");
    expect(kiritimati.firstDay).toBe("2026-12-04");
    expect(kiritimati.start.toISOString()).toBe("2026-12-03T10:00:00.000Z");
    expect(kiritimati.end.toISOString()).toBe("2026-12-04T10:00:00.000Z");
  });

  test("daily: a day the clocks move forward is 23 hours long", () => {
    const period = periodBefore("daily", new Date("2026-03-09T12:00:00Z"), "America/New_York");
    expect(period.firstDay).toBe("2026-03-08");
    expect(period.end.getTime() - period.start.getTime()).toBe(23 * 3600 * 1000);
  });

  test("weekly: the previous Monday to Sunday, whichever day of the week it is", () => {
    const zone = "America/Mexico_City";
    // Wednesday 9 Dec 2026 → Monday 30 Nov … Sunday 6 Dec.
    for (const now of [
      "2026-12-09T18:00:00Z",
      // Monday 7 Dec, 00:30 in Mexico City: the week that just ended.
      "2026-12-07T06:30:00Z",
      // Sunday 13 Dec, 23:59 in Mexico City: still the same week running, so the one before.
      "2026-12-14T05:59:00Z",
    ]) {
      const period = periodBefore("weekly", new Date(now), zone);
      expect(period, now).toMatchObject({ firstDay: "2026-11-30", lastDay: "2026-12-06" });
      expect(period.start.toISOString()).toBe("2026-11-30T06:00:00.000Z");
      expect(period.end.toISOString()).toBe("2026-12-07T06:00:00.000Z");
    }
    // A minute earlier than Monday midnight there: the week before that.
    expect(periodBefore("weekly", new Date("2026-12-07T05:59:00Z"), zone).firstDay).toBe(
      "2026-11-23",
    );
  });

  test("weekly: across a change of year, and in a zone east of UTC", () => {
    // Friday 1 Jan 2027 09:00 in Tokyo → Monday 21 Dec … Sunday 27 Dec 2026.
    const period = periodBefore("weekly", new Date("2027-01-01T00:00:00Z"), "Asia/Tokyo");
    expect(period).toMatchObject({ firstDay: "2026-12-21", lastDay: "2026-12-27" });
    expect(period.start.toISOString()).toBe("2026-12-20T15:00:00.000Z");
  });
});

describe("periodStartingAt", () => {
  test("gives back a period from its start, and refuses a start that is not one", () => {
    const zone = "America/Mexico_City";
    const weekly = periodBefore("weekly", new Date("2026-12-09T18:00:00Z"), zone);
    expect(periodStartingAt("weekly", weekly.start, zone)).toEqual(weekly);
    const daily = periodBefore("daily", new Date("2026-12-09T18:00:00Z"), zone);
    expect(periodStartingAt("daily", daily.start, zone)).toEqual(daily);
    // Midnight UTC is not midnight in Mexico City.
    expect(periodStartingAt("daily", new Date("2026-12-08T00:00:00Z"), zone)).toBeNull();
    // A Tuesday's midnight is not the start of a week.
    expect(periodStartingAt("weekly", new Date("2026-12-08T06:00:00Z"), zone)).toBeNull();
    expect(periodStartingAt("daily", new Date("nonsense"), zone)).toBeNull();
  });
});
