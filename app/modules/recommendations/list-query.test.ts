import { currentDay } from "#app/utils/dates.ts";
import { describe, expect, test } from "vitest";
import { listQueryString, parseListQuery } from "./list-query.ts";

describe("parseListQuery", () => {
  test("empty parameters mean any, with defaults", () => {
    const result = parseListQuery(new URLSearchParams("q=&status=&page="));
    expect(result).toEqual({ query: { sort: "catalogue", page: 1 }, errors: {} });
  });

  test("a bad value is left out and reported by name with a message key; the rest is kept", () => {
    const result = parseListQuery(
      new URLSearchParams(
        `status=done&page=0&sort=random&source=GAO-21-322&q=${"x".repeat(201)}&asOf=2020-02-30`,
      ),
    );
    expect(result.query).toEqual({ source: "GAO-21-322", sort: "catalogue", page: 1 });
    expect(result.errors).toEqual({
      status: { key: "filters.errors.choice" },
      page: { key: "filters.errors.page" },
      sort: { key: "filters.errors.choice" },
      q: { key: "filters.errors.tooLong", values: { max: 200 } },
      asOf: { key: "filters.errors.date" },
    });
  });

  test("NUL and other control characters are refused, not passed to the database", () => {
    const result = parseListQuery(new URLSearchParams("q=a%00b&actor=ATF%01"));
    expect(result.query).toEqual({ sort: "catalogue", page: 1 });
    expect(Object.keys(result.errors).sort()).toEqual(["actor", "q"]);
  });

  test("a page far past the end is accepted (the list shows its last page)", () => {
    expect(parseListQuery(new URLSearchParams("page=999999")).query.page).toBe(999999);
  });

  test("as-of dates: today means now, the future is refused, the past is kept", () => {
    const today = currentDay();
    expect(parseListQuery(new URLSearchParams(`asOf=${today}`)).query.asOf).toBeUndefined();
    expect(parseListQuery(new URLSearchParams("asOf=2999-01-01")).errors.asOf).toEqual({
      key: "filters.errors.future",
    });
    expect(parseListQuery(new URLSearchParams("asOf=2024-06-30")).query.asOf).toBe("2024-06-30");
  });

  test("round-trips through the query string, leaving defaults out", () => {
    const text = listQueryString({
      source: "GAO-21-322",
      status: "implemented",
      tag: "data-sharing",
      sort: "catalogue",
      page: 1,
    });
    expect(text).toBe("?source=GAO-21-322&status=implemented&tag=data-sharing");
    const parsed = parseListQuery(new URLSearchParams(text));
    expect(parsed.query).toMatchObject({
      source: "GAO-21-322",
      status: "implemented",
      tag: "data-sharing",
    });
    expect(listQueryString({})).toBe("");
  });
});

describe("quarters", () => {
  test("quarter start and the end of the previous quarter", async () => {
    const { dayBefore, quarterStart } = await import("#app/utils/dates.ts");
    expect(quarterStart("2026-12-01")).toBe("2026-10-01");
    expect(quarterStart("2026-01-01")).toBe("2026-01-01");
    expect(quarterStart("2026-06-30")).toBe("2026-04-01");
    expect(dayBefore(quarterStart("2026-02-10"))).toBe("2025-12-31");
  });
});
