import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { sqlPool } from "#app/utils/sql.server.ts";
import {
  type Gate,
  LIMITS,
  loginGate,
  passwordCheckGate,
  RATE_LIMIT_TABLE,
  removeExpiredLimits,
} from "./rate-limit.server.ts";

let counter = 0;
const freshIp = () => `192.0.2.${++counter}`;
const freshEmail = () => `limit-${randomUUID()}@example.org`;

/** One failed attempt: let through (and counted), or refused. */
async function fail(input: { email: string; ip: string; trustedDeviceId?: string | null }) {
  const gate = await loginGate({ trustedDeviceId: null, ...input });
  return gate.ok;
}

function refused(gate: Gate) {
  expect(gate.ok).toBe(false);
  return gate.ok ? 0 : gate.retryAfter;
}

describe("login limits (counted in PostgreSQL)", () => {
  test("five failures a minute per account and address; the account elsewhere is not affected", async () => {
    const email = freshEmail();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect(await fail({ email, ip })).toBe(true);
    const wait = refused(await loginGate({ email, ip, trustedDeviceId: null }));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect((await loginGate({ email, ip: freshIp(), trustedDeviceId: null })).ok).toBe(true);
    // The counts are rows of the shared table, not one process's memory.
    const { rows } = await sqlPool().query(`SELECT count(*)::int AS n FROM "${RATE_LIMIT_TABLE}"`);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  test("twenty failures a minute per address, whatever the account", async () => {
    const ip = freshIp();
    for (let i = 0; i < LIMITS.loginAddress.points; i++) {
      expect(await fail({ email: freshEmail(), ip })).toBe(true);
    }
    refused(await loginGate({ email: freshEmail(), ip, trustedDeviceId: null }));
    expect(
      (await loginGate({ email: freshEmail(), ip: freshIp(), trustedDeviceId: null })).ok,
    ).toBe(true);
  });

  test("twenty failures in 15 minutes per account lock new browsers out for at most 15 minutes, not a known device", async () => {
    const email = freshEmail();
    for (let i = 0; i < LIMITS.loginAccount.points; i++) {
      expect(await fail({ email, ip: freshIp() })).toBe(true);
    }
    const wait = refused(await loginGate({ email, ip: freshIp(), trustedDeviceId: null }));
    expect(wait).toBeGreaterThan(60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // The owner's browser, which logged in before, still gets in.
    const known = await loginGate({ email, ip: freshIp(), trustedDeviceId: "device-1" });
    expect(known.ok).toBe(true);
  });

  test("a known device has a limit of its own", async () => {
    const email = freshEmail();
    for (let i = 0; i < LIMITS.loginDevice.points; i++) {
      expect(await fail({ email, ip: freshIp(), trustedDeviceId: "stolen" })).toBe(true);
    }
    refused(await loginGate({ email, ip: freshIp(), trustedDeviceId: "stolen" }));
    expect((await loginGate({ email, ip: freshIp(), trustedDeviceId: "other" })).ok).toBe(true);
    // Those failures did not count against the account.
    expect((await loginGate({ email, ip: freshIp(), trustedDeviceId: null })).ok).toBe(true);
  });

  test("a refused attempt counts nowhere", async () => {
    const email = freshEmail();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await fail({ email, ip });
    for (let i = 0; i < 10; i++) expect(await fail({ email, ip })).toBe(false);
    // 5 failures so far against the account: 15 more are let through.
    for (let i = 0; i < 15; i++) expect(await fail({ email, ip: freshIp() })).toBe(true);
    expect(await fail({ email, ip: freshIp() })).toBe(false);
  });

  test("attempts at once cannot slip past the limit", async () => {
    const email = freshEmail();
    const ip = freshIp();
    const gates = await Promise.all(
      Array.from({ length: 20 }, () => loginGate({ email, ip, trustedDeviceId: null })),
    );
    expect(gates.filter((gate) => gate.ok)).toHaveLength(5);
  });

  test("a successful login clears the account-and-address count and gives its attempt back", async () => {
    const email = freshEmail();
    const ip = freshIp();
    for (let i = 0; i < 4; i++) await fail({ email, ip });
    const gate = await loginGate({ email, ip, trustedDeviceId: null });
    if (!gate.ok) throw new Error("expected the fifth attempt through");
    await gate.succeeded();
    for (let i = 0; i < 5; i++) expect(await fail({ email, ip })).toBe(true);
    expect(await fail({ email, ip })).toBe(false);
  });
});

describe("current-password check", () => {
  test("five failures in 15 minutes per user, then a wait", async () => {
    const userId = randomUUID();
    for (let i = 0; i < 5; i++) expect((await passwordCheckGate(userId)).ok).toBe(true);
    const wait = refused(await passwordCheckGate(userId));
    expect(wait).toBeGreaterThan(14 * 60);
    expect((await passwordCheckGate(randomUUID())).ok).toBe(true);
  });
});

describe("expired counts", () => {
  test("are deleted by the sweep; live ones stay", async () => {
    const now = Date.now();
    await sqlPool().query(
      `INSERT INTO "${RATE_LIMIT_TABLE}" (key, points, expire) VALUES ($1, 3, $2), ($3, 3, $4)`,
      ["test:expired", now - 1000, "test:live", now + 60_000],
    );
    expect(await removeExpiredLimits(now)).toBeGreaterThanOrEqual(1);
    const { rows } = await sqlPool().query(
      `SELECT key FROM "${RATE_LIMIT_TABLE}" WHERE key LIKE 'test:%'`,
    );
    expect(rows.map((row) => row.key)).toEqual(["test:live"]);
  });
});
