import { describe, expect, test } from "vitest";
import { listQueryString, parseListQuery } from "./list-query.ts";

describe("parseListQuery", () => {
  test("empty parameters mean any, with defaults", () => {
    const result = parseListQuery(new URLSearchParams("q=&status=&page="));
    expect(result).toEqual({ success: true, query: { sort: "catalogue", page: 1 } });
  });

  test("names the field of a bad value", () => {
    const status = parseListQuery(new URLSearchParams("status=done"));
    expect(status).toMatchObject({ success: false, field: "status" });
    const page = parseListQuery(new URLSearchParams("page=0"));
    expect(page).toMatchObject({ success: false, field: "page" });
    const sort = parseListQuery(new URLSearchParams("sort=random"));
    expect(sort).toMatchObject({ success: false, field: "sort" });
  });

  test("round-trips through the query string, leaving defaults out", () => {
    const text = listQueryString({
      source: "GAO-21-322",
      status: "implemented",
      sort: "catalogue",
      page: 1,
    });
    expect(text).toBe("?source=GAO-21-322&status=implemented");
    const parsed = parseListQuery(new URLSearchParams(text));
    expect(parsed).toMatchObject({
      success: true,
      query: { source: "GAO-21-322", status: "implemented" },
    });
    expect(listQueryString({})).toBe("");
  });
});
