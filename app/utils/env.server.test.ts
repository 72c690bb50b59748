import { afterEach, describe, expect, test } from "vitest";
import { getEnv, resetEnvCache } from "./env.server.ts";

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("environment", () => {
  test("a bad value stops with a message naming the variable", () => {
    process.env.PORT = "eighty";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/PORT/);
  });

  test("ADMIN_EMAIL needs ADMIN_PASSWORD of 12+ characters", () => {
    process.env.ADMIN_EMAIL = "boss@example.org";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/ADMIN_PASSWORD/);
    process.env.ADMIN_PASSWORD = "short";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/at least 12/);
  });

  test("defaults", () => {
    delete process.env.PORT;
    delete process.env.PUBLIC_READ;
    resetEnvCache();
    expect(getEnv()).toMatchObject({ PORT: 3000, PUBLIC_READ: true, DATA_DIR: "data" });
  });
});
