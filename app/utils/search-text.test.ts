import { describe, expect, test } from "vitest";
import { foldForSearch } from "./search-text.ts";

describe("foldForSearch", () => {
  test("lower-cases and drops Spanish accents", () => {
    expect(foldForSearch("Extradición SEGÚN Niño")).toBe("extradicion segun nino");
  });
});
