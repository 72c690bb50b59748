import { describe, expect, test } from "vitest";
import { safeRedirectPath } from "./http.server.ts";

describe("safeRedirectPath", () => {
  test("keeps same-site paths with their query", () => {
    expect(safeRedirectPath("/recommendations?status=stalled")).toBe(
      "/recommendations?status=stalled",
    );
    expect(safeRedirectPath("/a/b#c")).toBe("/a/b#c");
  });

  test.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/\tevil",
    "javascript:alert(1)",
    "recommendations",
    "",
    null,
    42,
  ])("refuses %s", (value) => {
    expect(safeRedirectPath(value, "/home")).toBe("/home");
  });
});
