import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

// Any constant works; it only has to be the same for every instance of the app.
export const MIGRATION_LOCK_KEY = 7_215_009_331;

/** The table where applied migrations are recorded (name and checksum). */
export const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_app_migrations" (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export type MigrationResult = { applied: string[]; alreadyApplied: number };

export function migrationsDirectory() {
  return path.resolve(process.env.MIGRATIONS_DIR ?? path.join("prisma", "migrations"));
}

export function readMigrations(directory: string) {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies every migration in prisma/migrations not yet recorded, in name order, each in its own
 * transaction. `prisma migrate deploy` cannot run through the pg adapter, hence this runner.
 * An advisory lock keeps two instances from migrating at once; a changed applied file is refused.
 */
export async function migrate(
  connectionString: string,
  directory = migrationsDirectory(),
): Promise<MigrationResult> {
  const migrations = readMigrations(directory);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE_DDL);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM "_app_migrations"`,
    );
    const recorded = new Map(rows.map((row) => [row.name, row.checksum]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const checksum = recorded.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied. ` +
              `Restore it and write a new migration for the change.`,
          );
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_app_migrations" (name, checksum) VALUES ($1, $2)`, [
          migration.name,
          migration.checksum,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(
          `Migration ${migration.name} failed: ${error instanceof Error ? error.message : error}`,
        );
      }
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: recorded.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
