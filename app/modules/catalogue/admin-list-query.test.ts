import { expect, test } from "vitest";
import { parseRecommendationListQuery, recommendationListHref } from "./admin-list-query.ts";

const parse = (query: string, archived = false) =>
  parseRecommendationListQuery(new URLSearchParams(query), archived);

test("reads the search, source, page and page size, with defaults for what is missing", () => {
  expect(parse("")).toEqual({ query: { archived: false, page: 1, size: 25 }, errors: {} });
  expect(parse("q=+análisis+&source=GAO-21-322&page=3&size=50", true)).toEqual({
    query: { q: "análisis", source: "GAO-21-322", archived: true, page: 3, size: 50 },
    errors: {},
  });
});

test("a bad parameter is left out and named, the rest kept", () => {
  const { query, errors } = parse(`q=ok&page=0&size=30&source=${"x".repeat(101)}`);
  expect(query).toEqual({ q: "ok", archived: false, page: 1, size: 25 });
  expect(errors).toEqual({
    page: { key: "filters.errors.page" },
    size: { key: "filters.errors.choice" },
    source: { key: "filters.errors.tooLong", values: { max: 100 } },
  });
  expect(parse("page=abc").errors.page).toEqual({ key: "filters.errors.page" });
  expect(parse("page=-1").errors.page).toEqual({ key: "filters.errors.page" });
  expect(parse(`q=${"a".repeat(201)}`).errors.q).toMatchObject({ key: "filters.errors.tooLong" });
  expect(parse("q=a%00b").errors.q).toEqual({ key: "filters.errors.invalid" });
});

test("links leave out the defaults", () => {
  expect(recommendationListHref({ archived: false, page: 1, size: 25 })).toBe(
    "/admin/catalogue/recommendations",
  );
  expect(
    recommendationListHref({ archived: true, q: "a b", source: "GAO-21-322", page: 2, size: 50 }),
  ).toBe("/admin/catalogue/recommendations?archived=1&q=a+b&source=GAO-21-322&page=2&size=50");
});
