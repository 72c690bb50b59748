// Limits on password guessing, counted in PostgreSQL (rate-limiter-flexible's store, table
// `rate_limit` from migration 0010) so that every instance of the app shares one count.
//
// Logging in, following OWASP's advice on slowing online guessing without letting anyone lock
// the owner out:
// - per account and address together: 5 failures a minute (the usual typing mistakes);
// - per address, whatever the account: 20 failures a minute (one machine trying many accounts);
// - per account, from any address: 20 failures in 15 minutes. A browser that has logged in to the
//   account before carries a signed "device" cookie (device-cookie.server.ts) and is exempt from
//   this one: its failures count against that device instead (10 an hour). So whoever floods an
//   account with wrong passwords keeps its owner out for 15 minutes at most from a new browser,
//   and never from their usual one.
// The current-password check on /account: 5 failures in 15 minutes per user.
//
// Each attempt is checked first (a refused attempt counts nowhere), then reserved in every
// limit at once, atomically in the database (so parallel attempts cannot slip past the limit);
// a successful attempt gives its reservation back.
import { createHash } from "node:crypto";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { sqlPool } from "#app/utils/sql.server.ts";

export const RATE_LIMIT_TABLE = "rate_limit";

const MINUTE = 60;

export const LIMITS = {
  loginAccountAddress: { keyPrefix: "login-account-address", points: 5, duration: MINUTE },
  loginAddress: { keyPrefix: "login-address", points: 20, duration: MINUTE },
  loginAccount: { keyPrefix: "login-account", points: 20, duration: 15 * MINUTE },
  loginDevice: { keyPrefix: "login-device", points: 10, duration: 60 * MINUTE },
  passwordCheck: { keyPrefix: "password-check", points: 5, duration: 15 * MINUTE },
  // Mail a visitor's "Follow" form makes the app send (a confirmation): per address, so that
  // the form cannot flood someone's inbox; per client address, a little more for shared networks.
  followMailAddress: { keyPrefix: "follow-mail-address", points: 5, duration: 60 * MINUTE },
  followMailClient: { keyPrefix: "follow-mail-client", points: 10, duration: 60 * MINUTE },
} as const;

type LimitName = keyof typeof LIMITS;

let current: { pool: pg.Pool; limiters: Record<LimitName, RateLimiterPostgres> } | undefined;

// One set of limiters per pool: tests give each file a database (and pool) of its own.
function limiter(name: LimitName): RateLimiterPostgres {
  const pool = sqlPool();
  if (current?.pool !== pool) {
    const make = (spec: (typeof LIMITS)[LimitName]) =>
      new RateLimiterPostgres({
        ...spec,
        storeClient: pool,
        storeType: "pool",
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        // The sweep below removes expired rows once for all limits.
        clearExpiredByTimeout: false,
      });
    current = {
      pool,
      limiters: Object.fromEntries(
        Object.entries(LIMITS).map(([key, spec]) => [key, make(spec)]),
      ) as Record<LimitName, RateLimiterPostgres>,
    };
    startSweeping();
  }
  return current.limiters[name];
}

/** Deletes the counts whose window has passed; returns how many. */
export async function removeExpiredLimits(now = Date.now()): Promise<number> {
  const result = await sqlPool().query(`DELETE FROM "${RATE_LIMIT_TABLE}" WHERE expire < $1`, [
    now,
  ]);
  return result.rowCount ?? 0;
}

const SWEEP_EVERY_MS = 5 * 60_000;
let sweeping: NodeJS.Timeout | undefined;
function startSweeping() {
  if (sweeping) return;
  sweeping = setInterval(() => {
    removeExpiredLimits().catch((error: unknown) =>
      console.error(`Removing expired rate-limit counts failed: ${(error as Error).message}`),
    );
  }, SWEEP_EVERY_MS);
  sweeping.unref();
}

// Keys are hashed: bounded in length whatever the email, and no address or email stored in clear.
const key = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("hex");

type Entry = { name: LimitName; key: string };

export type Gate = { ok: true; succeeded: () => Promise<void> } | { ok: false; retryAfter: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

async function pass(entries: Entry[], forgetOnSuccess: LimitName[] = []): Promise<Gate> {
  // Already over a limit: refused without counting.
  const states = await Promise.all(entries.map((entry) => limiter(entry.name).get(entry.key)));
  const over = states
    .map((state, index) =>
      state && state.consumedPoints >= LIMITS[entries[index]!.name].points
        ? state.msBeforeNext
        : null,
    )
    .filter((ms): ms is number => ms !== null);
  if (over.length > 0) return { ok: false, retryAfter: seconds(Math.max(...over)) };

  // Reserve one failure in each limit; attempts racing past the check are refused here.
  const reserved = await Promise.allSettled(
    entries.map((entry) => limiter(entry.name).consume(entry.key)),
  );
  const refused: number[] = [];
  for (const result of reserved) {
    if (result.status === "fulfilled") continue;
    if (result.reason instanceof RateLimiterRes) refused.push(result.reason.msBeforeNext);
    else throw result.reason;
  }
  if (refused.length > 0) return { ok: false, retryAfter: seconds(Math.max(...refused)) };

  return {
    ok: true,
    succeeded: async () => {
      await Promise.all(
        entries.map((entry) =>
          forgetOnSuccess.includes(entry.name)
            ? limiter(entry.name).delete(entry.key)
            : limiter(entry.name).reward(entry.key, 1),
        ),
      );
    },
  };
}

/**
 * Lets a login attempt through or says how long to wait. `trustedDeviceId` is the id of a valid
 * device cookie for this account (or null). Call `succeeded()` when the password was right; a
 * wrong password needs nothing more (its failure is already counted).
 */
export function loginGate(input: {
  email: string;
  ip: string;
  trustedDeviceId: string | null;
}): Promise<Gate> {
  const entries: Entry[] = [
    { name: "loginAccountAddress", key: key(input.email, input.ip) },
    { name: "loginAddress", key: key(input.ip) },
    input.trustedDeviceId
      ? { name: "loginDevice", key: key(input.email, input.trustedDeviceId) }
      : { name: "loginAccount", key: key(input.email) },
  ];
  return pass(entries, ["loginAccountAddress"]);
}

/** Lets a check of the current password (on /account) through, or says how long to wait. */
export function passwordCheckGate(userId: string): Promise<Gate> {
  return pass([{ name: "passwordCheck", key: key(userId) }], ["passwordCheck"]);
}

/**
 * Lets a follow request that mails `email` through, or says how long to wait. Every message
 * counts (there is no "success" to give back).
 */
export function followMailGate(input: { email: string; ip: string }): Promise<Gate> {
  return pass([
    { name: "followMailAddress", key: key(input.email) },
    { name: "followMailClient", key: key(input.ip) },
  ]);
}

/** Anonymous exports an address may ask for in EXPORT_WINDOW_SECONDS, unless EXPORT_LIMIT_PER_ADDRESS says otherwise. */
const EXPORT_LIMIT = 30;
const EXPORT_WINDOW_SECONDS = 10 * MINUTE;

let exportLimiter: { pool: pg.Pool; points: number; limiter: RateLimiterPostgres } | undefined;

/**
 * Counts an anonymous export against its address (EXPORT_LIMIT_PER_ADDRESS in 10 minutes,
 * default 30; 0 turns the limit off), or says how long to wait. Staff are not counted: their
 * exports are limited only by the export threads and queue (reports/export-pool.server.ts).
 */
export async function exportGate(ip: string): Promise<Gate> {
  const setting = process.env.EXPORT_LIMIT_PER_ADDRESS;
  const points = setting ? Number(setting) : EXPORT_LIMIT;
  const ok: Gate = { ok: true, succeeded: async () => {} };
  if (points === 0) return ok;
  const pool = sqlPool();
  if (exportLimiter?.pool !== pool || exportLimiter.points !== points) {
    exportLimiter = {
      pool,
      points,
      limiter: new RateLimiterPostgres({
        keyPrefix: "export-address",
        points,
        duration: EXPORT_WINDOW_SECONDS,
        storeClient: pool,
        storeType: "pool",
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
      }),
    };
    startSweeping();
  }
  try {
    await exportLimiter.limiter.consume(key(ip));
    return ok;
  } catch (error) {
    if (error instanceof RateLimiterRes)
      return { ok: false, retryAfter: seconds(error.msBeforeNext) };
    throw error;
  }
}
