import { describe, expect, test } from "vitest";
import { parseDay } from "./dates.ts";

describe("import days", () => {
  test("every accepted spelling gives the same day", () => {
    for (const text of ["2026-09-28", "9/28/2026", "09/28/26", "Sep 28, 2026", "28 Sept. 2026"]) {
      expect(parseDay(text), text).toBe("2026-09-28");
    }
    expect(parseDay("2026-03-31T23:30:00-06:00")).toBe("2026-03-31");
  });

  test("the years are the tracker's calendar's: 0001 to 9999, real days only", () => {
    expect(parseDay("0000-01-01")).toBeNull();
    expect(parseDay("Jan 1, 0000")).toBeNull();
    expect(parseDay("0001-01-01")).toBe("0001-01-01");
    expect(parseDay("0099-12-31")).toBe("0099-12-31");
    expect(parseDay("9999-12-31")).toBe("9999-12-31");
    expect(parseDay("2026-02-29")).toBeNull();
    expect(parseDay("02/29/2028")).toBe("2028-02-29");
    expect(parseDay("10000-01-01")).toBeNull();
  });
});
