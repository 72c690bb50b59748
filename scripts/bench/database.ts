// What the benchmark and the profiling scripts share: their command-line numbers and the
// synthetic catalogue's database (data/bench, one database per size), filled once.
import path from "node:path";
import pg from "pg";
import { seedCatalogue } from "../../prisma/seed.ts";
import { ensureDatabase, startEmbeddedPostgres } from "#app/modules/db/embedded-postgres.server.ts";
import { migrate } from "#app/modules/db/migrate.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { fillSyntheticCatalogue } from "./fill.ts";

/** `--name N` as a positive number, or `fallback`; anything else ends the script. */
export function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return value;
}

/**
 * The embedded PostgreSQL of data/bench and its database of `items` synthetic recommendations
 * (DATABASE_URL set to it): filled now, or, with `reuse`, the one an earlier run filled.
 */
export async function benchDatabase(items: number, reuse: boolean, log: (line: string) => void) {
  const database = await startEmbeddedPostgres(path.resolve("data", "bench"));
  const name = `bench_${items}`;
  const url = database.url(name);
  process.env.DATABASE_URL = url;
  const maintenance = new pg.Client({ connectionString: database.url("postgres") });
  await maintenance.connect();
  const exists =
    (await maintenance.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount ===
    1;
  if (!reuse || !exists) await maintenance.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await maintenance.end();
  if (reuse && exists) {
    log("Reusing the database of an earlier run.");
    await migrate(url);
    return { database, url };
  }
  log(`Filling ${items.toLocaleString("en")} recommendations…`);
  await ensureDatabase(database.url("postgres"), name);
  await migrate(url);
  await seedCatalogue(prisma);
  const creator = await prisma.user.create({
    data: { email: "bench-editor@example.org", name: "Bench Editor", role: "editor" },
  });
  await fillSyntheticCatalogue(url, { items, changesPerItem: 10, sources: 50 }, creator.id);
  return { database, url };
}
