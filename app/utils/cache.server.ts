// A short-lived cache of public aggregates (dashboard counts, filter menus, what changed), kept
// in the process and keyed by the database's CacheVersion: every committed change to the
// catalogue or its tracking moves it (statement triggers, see migration 0006), so a cached value
// is never served after a change, whichever instance or statement made it. Only data that is the same for every reader may go in here.
// A second version, "history" (migration 0015), moves only with the changes that can alter a past
// month end; what is kept on it (cachedOnHistory) survives the everyday changes.
import { Prisma } from "#app/generated/prisma/client.ts";
import { sqlRows } from "./sql.server.ts";

let version: string | undefined;

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
  /** Past month ends of the status-over-time chart, kept on the history version. */
  history: 2 * MB,
};
export type Shelf = keyof typeof shelfLimits;

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

/** CacheVersion's rows: the general version, and the past month ends' (migration 0015). */
const versionRows = { all: 1, history: 2 } as const;

/** The current CacheVersion (one indexed row: about as cheap as a query gets). */
export async function cacheVersion(scope: keyof typeof versionRows = "all"): Promise<string> {
  const rows = await sqlRows<Array<{ value: string }>>(
    Prisma.sql`SELECT "value"::text AS value FROM "CacheVersion" WHERE "id" = ${versionRows[scope]}`,
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
  shelfName: Shelf = "data",
  sizeOf: (value: T) => number = jsonBytes,
): Promise<T> {
  const now = await cacheVersion();
  if (now !== version) {
    // The history shelf has a version of its own.
    const history = shelves.get("history");
    shelves.clear();
    if (history) shelves.set("history", history);
    version = now;
  }
  return keep(shelfOf(shelfName), shelfLimits[shelfName], key, compute, sizeOf);
}

let historyVersion: string | undefined;

/**
 * Like `cached`, on the history version: for values that depend only on what a past month end
 * shows (each item's status, source, country and presence then, see migration 0015's triggers).
 */
export async function cachedOnHistory<T>(
  key: string,
  compute: () => Promise<T>,
  sizeOf: (value: T) => number = jsonBytes,
): Promise<T> {
  const now = await cacheVersion("history");
  if (now !== historyVersion) {
    shelves.delete("history");
    historyVersion = now;
  }
  return keep(shelfOf("history"), shelfLimits.history, key, compute, sizeOf);
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
  version = undefined;
  historyVersion = undefined;
}
