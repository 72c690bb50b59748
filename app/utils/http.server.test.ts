import { describe, expect, test } from "vitest";
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from "./domain-errors.ts";
import { domainErrorStatus, throwUnlessFormError, safeRedirectPath } from "./http.server.ts";

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

describe("domain errors to responses", () => {
  const conflict = new VersionConflictError({
    entityType: "Recommendation",
    entityId: "r",
    expectedVersion: 1,
    currentVersion: 2,
    current: {},
    changes: [],
  });

  test.each([
    [ValidationError.field("title", "Title is required."), 422],
    [conflict, 409],
    [new NotFoundError("Recommendation", "x"), 404],
    [new ForbiddenError(), 403],
    [new Error("a bug"), null],
    ["a string", null],
  ])("%s → %s", (error, status) => {
    expect(domainErrorStatus(error)).toBe(status);
  });

  test("a form shows validation errors and conflicts; 404 and 403 become error pages", () => {
    expect(() => throwUnlessFormError(ValidationError.field("a", "b"))).not.toThrow();
    expect(() => throwUnlessFormError(conflict)).not.toThrow();
    for (const [error, status] of [
      [new NotFoundError("Note", "n"), 404],
      [new ForbiddenError(), 403],
    ] as const) {
      try {
        throwUnlessFormError(error);
        expect.unreachable();
      } catch (thrown) {
        expect(thrown).toMatchObject({ init: { status }, data: { message: error.message } });
      }
    }
    const bug = new TypeError("a bug");
    expect(() => throwUnlessFormError(bug)).toThrow(bug);
  });
});
