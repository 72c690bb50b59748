// A short-lived cache of public aggregates (dashboard counts, filter menus, what changed), kept
// in the process and keyed by the database's CacheVersion: every committed change to the
// catalogue or its tracking moves it (statement triggers, see migration 0006), so a cached value
// is never served after a change, whichever instance or statement made it. Only data that is the same for every reader may go in here.
import { Prisma } from "#app/generated/prisma/client.ts";
import { sqlRows } from "./sql.server.ts";

let version: string | undefined;
/** Aggregates are small; pages (up to a few hundred KB each) have a shelf of their own. */
const shelves = {
  data: { maxEntries: 500, entries: new Map<string, Promise<unknown>>() },
  pages: { maxEntries: 120, entries: new Map<string, Promise<unknown>>() },
};
type Shelf = keyof typeof shelves;

/** The current CacheVersion (one indexed row: about as cheap as a query gets). */
export async function cacheVersion(): Promise<string> {
  const rows = await sqlRows<Array<{ value: string }>>(
    Prisma.sql`SELECT "value"::text AS value FROM "CacheVersion" WHERE "id" = 1`,
  );
  return rows[0]?.value ?? "none";
}

/**
 * The value for `key` computed at the database's current version: from the cache when it was
 * computed at that version already, else computed now (once, however many requests ask at the
 * same time). A failed computation is not kept.
 */
export async function cached<T>(
  key: string,
  compute: () => Promise<T>,
  shelf: Shelf = "data",
): Promise<T> {
  const now = await cacheVersion();
  if (now !== version) {
    for (const { entries: kept } of Object.values(shelves)) kept.clear();
    version = now;
  }
  const { entries, maxEntries } = shelves[shelf];
  const hit = entries.get(key);
  if (hit) {
    // Most recently used last, so that the oldest go first when the cache is full.
    entries.delete(key);
    entries.set(key, hit);
    return hit as Promise<T>;
  }
  const value = compute();
  entries.set(key, value);
  if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  value.catch(() => {
    if (entries.get(key) === value) entries.delete(key);
  });
  return value;
}

/** Drops one entry, so that the next request computes it again. */
export function forget(key: string, shelf: Shelf = "data") {
  shelves[shelf].entries.delete(key);
}

/** A cache key from parts (filters and dates), the same for the same parts in any order. */
export function cacheKey(kind: string, parts: Record<string, unknown>): string {
  const sorted = Object.keys(parts)
    .sort()
    .filter((name) => parts[name] !== undefined && parts[name] !== null && parts[name] !== "")
    .map((name) => `${name}=${JSON.stringify(parts[name])}`);
  return `${kind}?${sorted.join("&")}`;
}

/** Forgets everything (tests that change the database behind the app's back). */
export function clearCache() {
  for (const { entries } of Object.values(shelves)) entries.clear();
  version = undefined;
}
