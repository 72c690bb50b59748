import { describe, expect, test } from "vitest";
import { foldForSearch, likeContains, searchWords } from "./search-text.ts";

describe("foldForSearch", () => {
  test("lower-cases and drops Spanish accents", () => {
    expect(foldForSearch("Extradición SEGÚN Niño")).toBe("extradicion segun nino");
  });
});

describe("searchWords", () => {
  test("splits on any white space, drops empty words and keeps at most ten", () => {
    expect(searchWords("  tracing\tborder\n ")).toEqual(["tracing", "border"]);
    expect(searchWords(undefined)).toEqual([]);
    expect(searchWords("a b c d e f g h i j k l")).toHaveLength(10);
  });
});

describe("likeContains", () => {
  test("escapes LIKE's wildcards and its escape character", () => {
    expect(likeContains("50%")).toBe("%50\\%%");
    expect(likeContains("a_b")).toBe("%a\\_b%");
    expect(likeContains("C:\\x")).toBe("%C:\\\\x%");
  });
});
