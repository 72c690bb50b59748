// Once per `vitest run`: a PostgreSQL server (the embedded one, or TEST_DATABASE_URL's server)
// and a template database, migrated and seeded, that each test file copies.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "#app/modules/db/embedded-postgres.server.ts";
import { migrate } from "#app/modules/db/migrate.server.ts";
import { createPrismaClient } from "#app/utils/db.server.ts";
import { seedCatalogue } from "../../prisma/seed.ts";

declare module "vitest" {
  export interface ProvidedContext {
    maintenanceUrl: string;
    templateDatabase: string;
  }
}

const PREFIX = "tracker_test_";

function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function dropTestDatabases(maintenanceUrl: string) {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${PREFIX}%`],
    );
    for (const { datname } of rows) {
      await client.query(
        `DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`,
      );
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes clusters of earlier runs that were killed before they could clean up. */
function removeAbandonedClusters(root: string) {
  if (!fs.existsSync(root)) return;
  for (const entry of fs.readdirSync(root)) {
    const match = /^test-(\d+)$/.exec(entry);
    if (match && !isAlive(Number(match[1]))) {
      fs.rmSync(path.join(root, entry), { recursive: true, force: true });
    }
  }
}

/**
 * The test cluster is thrown away after the run, so waiting for the disk at every commit buys
 * nothing. Without fsync, the DROP DATABASE that ends each file took ~45 ms here instead of
 * ~270 ms, and every commit stops waiting for the disk. Nothing the tests check depends on it:
 * the crash tests run clusters of their own (tests/system), with the defaults.
 */
async function skipDurability(maintenanceUrl: string) {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query("ALTER SYSTEM SET fsync = off");
    await client.query("ALTER SYSTEM SET synchronous_commit = off");
    await client.query("ALTER SYSTEM SET full_page_writes = off");
    await client.query("SELECT pg_reload_conf()");
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  let maintenanceUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!maintenanceUrl) {
    // A cluster of its own per run, so that two runs (two terminals) never collide.
    removeAbandonedClusters("data");
    const dataDir = process.env.TEST_DATA_DIR ?? path.join("data", `test-${process.pid}`);
    const embedded = await startEmbeddedPostgres(dataDir);
    maintenanceUrl = embedded.url("postgres");
    await skipDurability(maintenanceUrl);
    stop = async () => {
      await embedded.stop();
      if (!process.env.TEST_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  await dropTestDatabases(maintenanceUrl);

  const templateDatabase = `${PREFIX}template`;
  const admin = new pg.Client({ connectionString: maintenanceUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(templateDatabase)}`);
  await admin.end();

  const templateUrl = withDatabase(maintenanceUrl, templateDatabase);
  await migrate(templateUrl);
  const prisma = createPrismaClient(templateUrl);
  await seedCatalogue(prisma);
  await prisma.$disconnect();

  project.provide("maintenanceUrl", maintenanceUrl);
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    await dropTestDatabases(maintenanceUrl).catch(() => {});
    await stop();
  };
}
