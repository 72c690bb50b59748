import { afterEach, describe, expect, test } from "vitest";
import { timeZone } from "./dates.ts";
import { getEnv, linkOrigin, resetEnvCache, secureCookies } from "./env.server.ts";

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

  test("TIME_ZONE must be an IANA zone, named in the message; it sets the tracker's zone", () => {
    process.env.TIME_ZONE = "Mexico City";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/TIME_ZONE: must be an IANA time zone/);
    process.env.TIME_ZONE = "Asia/Tokyo";
    resetEnvCache();
    expect(getEnv().TIME_ZONE).toBe("Asia/Tokyo");
    expect(timeZone()).toBe("Asia/Tokyo");
    delete process.env.TIME_ZONE;
    resetEnvCache();
    expect(getEnv().TIME_ZONE).toBe("America/Mexico_City");
    expect(timeZone()).toBe("America/Mexico_City");
  });

  test("defaults", () => {
    delete process.env.PORT;
    delete process.env.PUBLIC_READ;
    resetEnvCache();
    expect(getEnv()).toMatchObject({ PORT: 3000, PUBLIC_READ: true, DATA_DIR: "data" });
  });
});

describe("secureCookies", () => {
  test("Secure in production unless COOKIE_SECURE says false, in any spelling the start check accepts", () => {
    expect(secureCookies({ NODE_ENV: "production" })).toBe(true);
    expect(secureCookies({ NODE_ENV: "production", COOKIE_SECURE: "true" })).toBe(true);
    for (const off of ["false", "0", "no"]) {
      expect(secureCookies({ NODE_ENV: "production", COOKIE_SECURE: off }), off).toBe(false);
    }
    expect(secureCookies({ NODE_ENV: "development" })).toBe(false);
    expect(secureCookies({ NODE_ENV: "test", COOKIE_SECURE: "true" })).toBe(false);
  });

  test("links point at PUBLIC_URL when it is set, whatever Host the request carried", () => {
    const request = new Request("http://evil.example/admin/users");
    delete process.env.PUBLIC_URL;
    resetEnvCache();
    expect(linkOrigin(request)).toBe("http://evil.example");
    process.env.PUBLIC_URL = "https://tracker.example.org/";
    resetEnvCache();
    expect(linkOrigin(request)).toBe("https://tracker.example.org");
  });
});
