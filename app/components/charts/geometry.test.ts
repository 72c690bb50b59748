import { describe, expect, test } from "vitest";
import { axisMax, MIN_SEGMENT, stackSegments } from "./geometry.ts";

describe("stackSegments", () => {
  test("splits a full bar in status order, leaving out empty statuses", () => {
    const segments = stackSegments({ implemented: 1, not_started: 2, stalled: 0, in_progress: 1 });
    expect(segments.map((s) => [s.status, s.count, s.start, s.size])).toEqual([
      ["not_started", 2, 0, 50],
      ["in_progress", 1, 50, 25],
      ["implemented", 1, 75, 25],
    ]);
  });

  test("widens a tiny segment so that it can be seen, and still fills the bar exactly", () => {
    const segments = stackSegments({ not_started: 9999, stalled: 1 });
    expect(segments[1]!.size).toBe(MIN_SEGMENT);
    const end = segments.at(-1)!.start + segments.at(-1)!.size;
    expect(end).toBeCloseTo(100, 10);
  });

  test("on a scale, a column is as tall as its total", () => {
    const segments = stackSegments({ not_started: 10, in_progress: 10 }, 40);
    expect(segments.map((s) => [s.start, s.size])).toEqual([
      [0, 25],
      [25, 25],
    ]);
    expect(stackSegments({}, 40)).toEqual([]);
  });
});

test("axisMax gives a round top with a whole middle tick", () => {
  expect([0, 1, 2, 7, 31, 99, 101, 4000, 10_001].map(axisMax)).toEqual([
    2, 2, 2, 10, 40, 100, 200, 4000, 20_000,
  ]);
});
