// Once per `vitest run`: a PostgreSQL server (the embedded one, or TEST_DATABASE_URL's server)
// and a template database, migrated and seeded, that each test file copies.
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

export default async function setup(project: TestProject) {
  let maintenanceUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!maintenanceUrl) {
    const embedded = await startEmbeddedPostgres(process.env.TEST_DATA_DIR ?? "data/test");
    maintenanceUrl = embedded.url("postgres");
    stop = embedded.stop;
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
