// Reads for the hot pages straight through `pg`, beside the Prisma client. Prisma compiles every
// query in WebAssembly before it runs, which was a fifth of the list page's CPU time; the read
// queries that pages run on every view are written in SQL already (Prisma.sql fragments), so
// they go to a pool of their own. Writes stay with Prisma, in its transactions.
import { isMainThread } from "node:worker_threads";
import pg from "pg";
import type { Prisma } from "#app/generated/prisma/client.ts";

// Dates read the way Prisma reads them, whatever the server's time zone: a calendar day (DATE)
// as UTC midnight, and TIMESTAMP(3) columns, which hold UTC, as UTC. Only this pool's parsers:
// the Prisma adapter's own are left alone.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.DATE) return (value: string) => new Date(`${value}T00:00:00Z`);
    if (oid === pg.types.builtins.TIMESTAMP) {
      return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    }
    return pg.types.getTypeParser(oid, format ?? "text");
  },
};

let pool: pg.Pool | undefined;
let poolUrl: string | undefined;

/** The pool of raw `pg` connections (also the login limiter's store). */
export function sqlPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the database has not been started");
  // Tests give each file a database of its own: follow DATABASE_URL when it changes.
  if (!pool || poolUrl !== url) {
    void pool?.end();
    // An export's worker thread (reports/export-worker.server.ts) reads one batch at a time.
    const max = isMainThread ? 10 : 2;
    pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 10_000, types });
    // An idle connection that the server closes (a restart, a dropped database) is taken out of
    // the pool by pg; without a listener its error would end the process.
    pool.on("error", (error) => console.error(`Database connection closed: ${error.message}`));
    poolUrl = url;
  }
  return pool;
}

/**
 * Runs a Prisma.sql fragment (built with its safe placeholders) and returns its rows, typed like
 * `prisma.$queryRaw<T>`.
 */
export async function sqlRows<T extends unknown[]>(query: Prisma.Sql): Promise<T> {
  const result = await sqlPool().query(query.text, (query.values as unknown[]).map(sqlValue));
  return result.rows as T;
}

/**
 * A parameter as PostgreSQL should read it. `pg` writes a Date in the process's own zone
 * ("2026-03-31T18:00:00.000-06:00" in Mexico City), which a `::date` cast or a TIMESTAMP column
 * (both without zone) then reads as that zone's wall clock: every instant here is UTC, so a Date
 * travels as its UTC ISO text, whatever TZ the process runs in.
 */
function sqlValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

export async function closeSqlPool() {
  const current = pool;
  pool = undefined;
  poolUrl = undefined;
  await current?.end();
}
