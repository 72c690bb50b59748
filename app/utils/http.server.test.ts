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
    ["/a/./b/../c", "/a/c"],
    ["/a/%2e%2e/b", "/b"],
    ["/a//b", "/a/b"],
    ["/a\\b", "/a/b"],
    ["/recommendations?q=a%2F%2Fb", "/recommendations?q=a%2F%2Fb"],
    ["/x?next=//evil.example", "/x?next=//evil.example"],
  ])("normalises %s to %s", (value, expected) => {
    expect(safeRedirectPath(value, "/home")).toBe(expected);
  });

  // Each of these ends, once a browser resolves it, at another host.
  test.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/../..//evil.example",
    "/%2e//evil.example",
    "/%2E//evil.example",
    "/%2e%2e//evil.example",
    "/%252e//evil.example",
    "/./\\evil.example",
    "/.\\/evil.example",
    "/%2f/evil.example",
    "/%2F%2Fevil.example",
    "/%5cevil.example",
    "/%5C%5Cevil.example",
    "/.%2f/evil.example",
    "/a/../..//evil.example",
    "/./%2f%2fevil.example",
    "/\\/evil.example",
    "/%25252e//evil.example",
    "/\tevil",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\u0000/evil.example",
    "javascript:alert(1)",
    "recommendations",
    "",
    null,
    42,
  ])("refuses %j", (value) => {
    expect(safeRedirectPath(value, "/home")).toBe("/home");
  });

  test("refuses a path too long to be a page of the site", () => {
    expect(safeRedirectPath("/" + "a".repeat(3000), "/home")).toBe("/home");
  });
});
