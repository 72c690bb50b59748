import { describe, expect, test } from "vitest";
import { FailureLimiter } from "./rate-limit.server.ts";

describe("FailureLimiter", () => {
  test("allows five failures a minute, then asks to wait until the oldest expires", () => {
    const limiter = new FailureLimiter(5, 60_000);
    const start = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfter("k", start + i * 1000)).toBe(0);
      limiter.fail("k", start + i * 1000);
    }
    expect(limiter.retryAfter("k", start + 5000)).toBe(55);
    expect(limiter.retryAfter("other", start + 5000)).toBe(0);
    expect(limiter.retryAfter("k", start + 60_001)).toBe(0);
  });

  test("reset clears a key", () => {
    const limiter = new FailureLimiter(2, 60_000);
    limiter.fail("k", 0);
    limiter.fail("k", 1);
    expect(limiter.retryAfter("k", 2)).toBeGreaterThan(0);
    limiter.reset("k");
    expect(limiter.retryAfter("k", 2)).toBe(0);
  });
});
