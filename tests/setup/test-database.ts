// Before each test file: a fresh database copied from the migrated, seeded template, so that
// files never see each other's data. DATABASE_URL points the app's Prisma client at it.
//
// Files share a worker's modules (vitest.config.ts: `isolate: false`), so after each file this
// also puts back what a file may have changed in them: the environment and the settings read
// from it, the kept pages and aggregates (kept per cache version: the next file's database
// starts again at the template's versions), the export threads and their settings, the clock.
import "#app/utils/zod-config.ts";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject, vi } from "vitest";
import { configureExports } from "#app/modules/reports/export-pool.server.ts";
import { clearCache } from "#app/utils/cache.server.ts";
import { disconnectPrisma } from "#app/utils/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { closeSqlPool } from "#app/utils/sql.server.ts";

const environment = { ...process.env };

const maintenanceUrl = inject("maintenanceUrl");
const template = inject("templateDatabase");
const database = `tracker_test_${randomBytes(6).toString("hex")}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

await admin((client) =>
  client.query(
    `CREATE DATABASE ${client.escapeIdentifier(database)} TEMPLATE ${client.escapeIdentifier(template)}`,
  ),
);
const url = new URL(maintenanceUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();
process.env.TEST_DATABASE_NAME = database;

afterAll(async () => {
  // Export threads hold connections of their own to this database.
  await configureExports({});
  await disconnectPrisma();
  await closeSqlPool();
  await admin((client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`),
  );
  for (const name of Object.keys(process.env)) {
    if (!(name in environment)) delete process.env[name];
  }
  Object.assign(process.env, environment);
  resetEnvCache();
  clearCache();
  vi.useRealTimers();
});
