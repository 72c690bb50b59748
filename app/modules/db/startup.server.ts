import path from "node:path";
import { seedCatalogue } from "../../../prisma/seed.ts";
import { disconnectPrisma, prisma } from "#app/utils/db.server.ts";
import { closeSqlPool } from "#app/utils/sql.server.ts";
import { bootstrapFirstAdmin } from "#app/modules/auth/users.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres.server.ts";
import { migrate } from "./migrate.server.ts";
import { startJobRunner, type JobRunner } from "#app/modules/archive/jobs.server.ts";
import { digestJobs } from "#app/modules/follow/digest-jobs.server.ts";

export const EMBEDDED_DATABASE_NAME = "tracker";

export type RunningDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * Brings the database up before the first request: the embedded PostgreSQL when DATABASE_URL is
 * unset (its URL is then put in process.env for the Prisma client), then migrations, then the
 * seed catalogue (inserting only what is missing).
 */
export async function startDatabase(
  log: (line: string) => void = console.log,
): Promise<RunningDatabase> {
  const env = getEnv();
  let url = env.DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!url) {
    const embedded = await startEmbeddedPostgres(env.DATA_DIR, { restartOnCrash: true });
    await ensureDatabase(embedded.url("postgres"), EMBEDDED_DATABASE_NAME);
    url = embedded.url(EMBEDDED_DATABASE_NAME);
    process.env.DATABASE_URL = url;
    stopEmbedded = embedded.stop;
    log(`Embedded PostgreSQL running with data in ${path.resolve(env.DATA_DIR, "postgres")}`);
  }
  try {
    const { applied } = await migrate(url);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(", ")}`);
    // The app's own client: DATABASE_URL now points at the database, and it stays connected.
    const seeded = await seedCatalogue(prisma);
    if (seeded.recommendations + seeded.sources > 0) {
      log(`Seeded ${seeded.sources} sources and ${seeded.recommendations} recommendations`);
    }
    const admin = await bootstrapFirstAdmin(env);
    if (admin.kind === "created") log(`Created the first administrator: ${admin.email}`);
    if (admin.kind === "setup_link") {
      log(
        `No administrator yet. Create the first one with this one-time link (valid 24 hours):\n` +
          `  http://localhost:${env.PORT}${admin.path}`,
      );
    }
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
  // Background jobs (archiving links; digests by e-mail when mail is set) in this process.
  // Nothing is sent at start: links are archived when they are added, and the weekly check
  // covers the seeded catalogue. A runner that cannot start is logged, not fatal: saving
  // evidence never waits on it.
  let jobs: JobRunner | null = null;
  try {
    jobs = await startJobRunner({
      connectionString: url,
      linkCheckCron: env.LINK_CHECK_CRON,
      modules: [digestJobs()],
    });
  } catch (error) {
    log(`The job runner did not start (links will not be archived): ${(error as Error).message}`);
  }
  return {
    url,
    embedded: !env.DATABASE_URL,
    stop: async () => {
      await jobs?.stop().catch(() => {});
      await disconnectPrisma();
      await closeSqlPool();
      await stopEmbedded();
    },
  };
}
