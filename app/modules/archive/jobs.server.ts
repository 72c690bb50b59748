// The archive's background jobs, in PostgreSQL with pg-boss (its own schema "pgboss" in the app's
// database; no other service), run inside the server process:
//   - "archive-link": fetch one link and record what was found; retried with back-off while the
//     site cannot be reached; one job a link queued and one running at a time (the "stately"
//     policy keyed by the link), across every instance of the app;
//   - "link-check-all": on LINK_CHECK_CRON (weekly by default), a re-check of every link;
//   - "archive-pending": every few minutes, links that were saved but never fetched (their job
//     was never sent: the runner was down, or the evidence came with a status change).
// Other domains add their queues, schedules and workers to the same runner (`modules`): the
// digests by e-mail (follow/digest-jobs.server.ts).
import PgBoss from "pg-boss";
import { prisma } from "#app/utils/db.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import {
  ensureAllLinks,
  linksToCheck,
  pendingLinks,
  runArchive,
  type ArchiveMode,
} from "./archive.server.ts";
import type { SafeFetchOptions } from "./safe-fetch.server.ts";

export const ARCHIVE_QUEUE = "archive-link";
export const CHECK_ALL_QUEUE = "link-check-all";
export const PENDING_QUEUE = "archive-pending";
export const DEFAULT_LINK_CHECK_CRON = "0 4 * * 1";
export const PGBOSS_SCHEMA = "pgboss";

export type ArchiveJob = { linkId: string; mode: ArchiveMode };

export type JobRunnerOptions = {
  connectionString: string;
  /** Cron for the re-check of every link (UTC); weekly by default. */
  linkCheckCron?: string;
  /** How often an idle worker asks for a job. */
  pollingIntervalSeconds?: number;
  /** First retry's delay; later ones double (retryBackoff). */
  retryDelaySeconds?: number;
  retryLimit?: number;
  /** Whether this instance runs jobs (false: it only sends them). */
  work?: boolean;
  /** Passed to every fetch (tests: a short timeout, a local server allowed). */
  fetchOptions?: SafeFetchOptions;
  /** Further jobs on the same pg-boss: each creates its queues, schedules and workers. */
  modules?: JobModule[];
};

/** What a job module is given to set itself up on the runner. */
export type JobModuleContext = {
  /** Whether this instance runs jobs (false: it only sends them). */
  work: boolean;
  pollingIntervalSeconds: number;
  ensureQueue: (name: string, options: Omit<PgBoss.Queue, "name">) => Promise<void>;
};

/** A domain's jobs, registered on the runner at start. */
export type JobModule = (boss: PgBoss, context: JobModuleContext) => Promise<void>;

export type JobRunner = {
  boss: PgBoss;
  /** This instance's archive worker, woken when this instance sends a job (null: sends only). */
  archiveWorkerId: string | null;
  stop: (options?: { graceful?: boolean }) => Promise<void>;
};

let current: JobRunner | null = null;

/**
 * Starts pg-boss on the app's database: creates its schema and the queues when missing, the
 * schedules, and (unless `work` is false) the workers. The first runner started is the one that
 * `enqueueArchive` sends through.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: PGBOSS_SCHEMA,
    max: 3,
    application_name: "tracker-jobs",
    // Maintenance and cron checks: pg-boss's own defaults are fine for a weekly schedule.
  });
  boss.on("error", (error: Error & { code?: string }) => {
    // The database going away at shutdown (57P01) is not the runner's fault.
    if (error.code === "57P01")
      logger.warn({ err: { message: error.message } }, "job runner: database closed");
    else logger.error({ err: error }, "job runner error");
  });
  await boss.start();
  const queue = {
    policy: "stately" as const,
    retryLimit: options.retryLimit ?? 8,
    retryDelay: options.retryDelaySeconds ?? 60,
    retryBackoff: true,
    // A fetch gives up after 30 s; a job still active after this is taken as lost.
    expireInSeconds: 180,
    retentionDays: 7,
  };
  await ensureQueue(boss, ARCHIVE_QUEUE, queue);
  await ensureQueue(boss, CHECK_ALL_QUEUE, { policy: "short" as const, retryLimit: 2 });
  await ensureQueue(boss, PENDING_QUEUE, { policy: "short" as const, retryLimit: 0 });
  await boss.schedule(CHECK_ALL_QUEUE, options.linkCheckCron ?? DEFAULT_LINK_CHECK_CRON);
  await boss.schedule(PENDING_QUEUE, "*/10 * * * *");

  let archiveWorkerId: string | null = null;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 5;
  if (options.work !== false) {
    const polling = { pollingIntervalSeconds };
    archiveWorkerId = await boss.work<ArchiveJob>(ARCHIVE_QUEUE, polling, async ([job]) => {
      if (!job) return;
      const result = await runArchive(job.data.linkId, job.data.mode, options.fetchOptions);
      if (result.kind === "failed" && result.retry && job.data.mode === "archive") {
        // Thrown: pg-boss retries it later, each wait longer than the last.
        throw new Error(`Could not archive link ${job.data.linkId}: ${result.reason}`);
      }
      return result;
    });
    await boss.work(CHECK_ALL_QUEUE, polling, async () => {
      await ensureAllLinks();
      const ids = await linksToCheck();
      await sendAll(boss, ids, "check");
      return { links: ids.length };
    });
    await boss.work(PENDING_QUEUE, polling, async () => {
      const ids = await pendingLinks();
      await sendAll(boss, ids, "archive");
      return { links: ids.length };
    });
  }
  try {
    for (const setUp of options.modules ?? []) {
      await setUp(boss, {
        work: options.work !== false,
        pollingIntervalSeconds,
        ensureQueue: (name, queueOptions) => ensureQueue(boss, name, queueOptions),
      });
    }
  } catch (error) {
    // A runner half set up would hold its connections with nobody to stop it.
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw error;
  }
  const runner: JobRunner = {
    boss,
    archiveWorkerId,
    stop: async ({ graceful = true } = {}) => {
      if (current === runner) current = null;
      await boss.stop({ graceful, timeout: 10_000, wait: true });
    },
  };
  current ??= runner;
  return runner;
}

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, "name">) {
  if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...options });
  else await boss.createQueue(name, { name, ...options });
}

async function sendAll(boss: PgBoss, linkIds: string[], mode: ArchiveMode) {
  for (const linkId of linkIds) {
    await boss.send(ARCHIVE_QUEUE, { linkId, mode } satisfies ArchiveJob, { singletonKey: linkId });
  }
}

/**
 * Asks for a link to be fetched: after the change that made it has committed, never inside a
 * transaction. When no runner is up (tests, or it failed to start), nothing is sent and nothing
 * fails: the link stays "not archived yet" and the pending sweep or the weekly check takes it.
 */
export async function enqueueArchive(linkId: string, mode: ArchiveMode = "archive") {
  const runner = current;
  if (!runner) return false;
  try {
    // With the stately policy a link already waiting is not queued twice (send returns null).
    await runner.boss.send(ARCHIVE_QUEUE, { linkId, mode } satisfies ArchiveJob, {
      singletonKey: linkId,
    });
    // The worker here need not wait for its next poll (another instance's takes it at its own).
    if (runner.archiveWorkerId) runner.boss.notifyWorker(runner.archiveWorkerId);
    return true;
  } catch (error) {
    logger.warn({ err: error, linkId }, "could not queue an archive job");
    return false;
  }
}

/** As enqueueArchive, for the link of a piece of evidence or a source (looked up only when a
 * runner is up). */
export async function enqueueArchiveOf(owner: { evidenceId: string } | { sourceId: string }) {
  if (!current) return false;
  const link = await prisma.archivedLink.findUnique({ where: owner, select: { id: true } });
  return link ? enqueueArchive(link.id) : false;
}

/**
 * Queues the archive of each of these new evidence rows that is a link (files have nothing to
 * fetch), after the transaction that saved them has committed; a failure to queue is left to
 * the pending sweep and never undoes the save.
 */
export async function enqueueArchivesOf(evidenceIds: readonly string[]) {
  for (const evidenceId of evidenceIds) await enqueueArchiveOf({ evidenceId }).catch(() => false);
}

/** The runner that enqueueArchive uses, if any (the server's). */
export function currentJobRunner() {
  return current;
}
