// A short-lived cache of public aggregates (dashboard counts, filter menus, what changed), kept
// in the process and keyed by the database's CacheVersion: every committed change to the
// catalogue or its tracking moves it (statement triggers, see migration 0006), so a cached value
// is never served after a change, whichever instance or statement made it. Only data that is the same for every reader may go in here.
// Two narrower versions let what depends on less survive the everyday changes: "history"
// (migration 0015) moves only with the changes that can alter a past day's statuses (the
// status-over-time chart's past points, what changed's starting point); "catalogue" (migration
// 0016) only with the catalogue's shape and names (filter menus, and with each item's own stamp,
// the item pages).
import { Prisma } from "#app/generated/prisma/client.ts";
import { sqlRows } from "./sql.server.ts";

const MB = 1024 * 1024;
/**
 * A shelf per kind of page and of aggregate, each bounded in bytes (UTF-8), so that many of one
 * kind (a crawler's list pages, 500 different searches) push out only their own kind: the
 * dashboard's page and aggregates have shelves of their own. Least recently used go first.
 */
export const shelfLimits = {
  /** Small aggregates the same for every view (menus, options). */
  data: 2 * MB,
  "data:dashboard": 4 * MB,
  "data:list": 2 * MB,
  "page:dashboard": 8 * MB,
  "page:list": 16 * MB,
  "page:item": 16 * MB,
  "page:changes": 8 * MB,
  "page:reports": 4 * MB,
  /** Past days' statuses (the over-time chart's month ends, what changed's start), on "history". */
  history: 8 * MB,
  /** Menus and choices: sources, actors, goals, tags (on "catalogue"). */
  "data:catalogue": 2 * MB,
};
export type Shelf = keyof typeof shelfLimits;

/** CacheVersion's rows: the general version, and the narrower ones of migrations 0015 and 0016. */
const versionRows = { all: 1, history: 2, catalogue: 3 } as const;
export type Scope = keyof typeof versionRows;

/** The version each shelf is kept on; every other shelf is on the general one. */
const shelfScopes: Partial<Record<Shelf, Scope>> = {
  history: "history",
  "data:catalogue": "catalogue",
  // An item's page is kept on the catalogue version and its key carries the item's own stamp.
  "page:item": "catalogue",
};
function scopeOf(shelf: Shelf): Scope {
  return shelfScopes[shelf] ?? "all";
}

/** The version each scope's shelves were last filled at, in this process. */
const versions = new Map<Scope, string>();

type Entry = { value: Promise<unknown>; bytes: number };
type Kept = { entries: Map<string, Entry>; bytes: number };
const shelves = new Map<Shelf, Kept>();

function shelfOf(name: Shelf): Kept {
  let shelf = shelves.get(name);
  if (!shelf) {
    shelf = { entries: new Map(), bytes: 0 };
    shelves.set(name, shelf);
  }
  return shelf;
}

/** What a kept aggregate costs: its JSON in UTF-8 (a fair measure of what it holds). */
function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? "");
  } catch {
    return 64 * 1024;
  }
}

function remove(shelf: Kept, key: string) {
  const entry = shelf.entries.get(key);
  if (!entry) return;
  shelf.entries.delete(key);
  shelf.bytes -= entry.bytes;
}

/** Takes the least recently used out until the shelf is within its bytes. */
function trim(shelf: Kept, limit: number) {
  for (const key of shelf.entries.keys()) {
    if (shelf.bytes <= limit) break;
    remove(shelf, key);
  }
}

/** The current CacheVersion of a scope (one indexed row: about as cheap as a query gets). */
export async function cacheVersion(scope: Scope = "all"): Promise<string> {
  const rows = await sqlRows<Array<{ value: string }>>(
    Prisma.sql`SELECT "value"::text AS value FROM "CacheVersion" WHERE "id" = ${versionRows[scope]}`,
  );
  return rows[0]?.value ?? "0";
}

/**
 * What an item's kept page depends on, in one statement: the catalogue version, and the item's
 * own stamp (moved by every write to the item or its rows; null for no such item).
 */
export async function itemPageVersions(
  id: string,
): Promise<{ catalogue: string; stamp: string | null }> {
  const rows = await sqlRows<Array<{ catalogue: string | null; stamp: string | null }>>(
    Prisma.sql`SELECT
      (SELECT "value"::text FROM "CacheVersion" WHERE "id" = ${versionRows.catalogue}) AS catalogue,
      (SELECT "cacheStamp"::text FROM "Recommendation" WHERE "id" = ${id}) AS stamp`,
  );
  return { catalogue: rows[0]?.catalogue ?? "0", stamp: rows[0]?.stamp ?? null };
}

/**
 * The value for `key` computed at the current version of the shelf's scope: from the cache when
 * it was computed at that version already, else computed now (once, however many requests ask at
 * the same time). A failed computation is not kept.
 */
export async function cached<T>(
  key: string,
  compute: () => Promise<T>,
  shelfName: Shelf = "data",
  sizeOf: (value: T) => number = jsonBytes,
): Promise<T> {
  return cachedAt(await cacheVersion(scopeOf(shelfName)), key, compute, shelfName, sizeOf);
}

/**
 * Like `cached`, at a version of the shelf's scope the caller has just read (with whatever else
 * its key needs, in one statement). Another version than the one the scope's shelves were filled
 * at empties them (any other: a restored database may go back).
 */
export function cachedAt<T>(
  version: string,
  key: string,
  compute: () => Promise<T>,
  shelfName: Shelf,
  sizeOf: (value: T) => number = jsonBytes,
): Promise<T> {
  const scope = scopeOf(shelfName);
  if (versions.get(scope) !== version) {
    for (const name of shelves.keys()) if (scopeOf(name) === scope) shelves.delete(name);
    versions.set(scope, version);
  }
  return keep(shelfOf(shelfName), shelfLimits[shelfName], key, compute, sizeOf);
}

/**
 * On the history version: for values that depend only on what a past day shows (each item's
 * status, official status, source, country and presence then, see migrations 0015 and 0016).
 */
export function cachedOnHistory<T>(
  key: string,
  compute: () => Promise<T>,
  sizeOf: (value: T) => number = jsonBytes,
): Promise<T> {
  return cached(key, compute, "history", sizeOf);
}

/** The value kept under `key` on `shelf`, else `compute`'s, kept (once computed) within `limit`. */
function keep<T>(
  shelf: Kept,
  limit: number,
  key: string,
  compute: () => Promise<T>,
  sizeOf: (value: T) => number,
): Promise<T> {
  const hit = shelf.entries.get(key);
  if (hit) {
    // Most recently used last, so that the oldest go first when the shelf is full.
    shelf.entries.delete(key);
    shelf.entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { value, bytes: 0 };
  shelf.entries.set(key, entry);
  value.then(
    (result) => {
      // Counted once computed; meanwhile the shelf may have been emptied by a change.
      if (shelf.entries.get(key) !== entry) return;
      entry.bytes = sizeOf(result);
      shelf.bytes += entry.bytes;
      trim(shelf, limit);
    },
    () => {
      if (shelf.entries.get(key) === entry) remove(shelf, key);
    },
  );
  return value;
}

/** Drops one entry, so that the next request computes it again. */
export function forget(key: string, shelf: Shelf = "data") {
  const kept = shelves.get(shelf);
  if (kept) remove(kept, key);
}

/** What a shelf holds now: entries and bytes (tests, and a look at the cache's use). */
export function shelfUsage(shelf: Shelf): { entries: number; bytes: number } {
  const kept = shelves.get(shelf);
  return { entries: kept?.entries.size ?? 0, bytes: kept?.bytes ?? 0 };
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
  shelves.clear();
  versions.clear();
}
