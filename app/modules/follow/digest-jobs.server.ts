// The digests' background jobs, on the app's job runner (archive/jobs.server.ts, pg-boss):
//   - "digest-plan", hourly: once the day is six hours old in the tracker's zone, for the last
//     whole day and the last whole week, one "digest-send" job for each confirmed follower who
//     has confirmed follows of that frequency and whose digest of that period is not done yet (a
//     server that was down at six catches up at its next hour). pg-boss's cron is in UTC, and the
//     tracker's zone moves its clock: asking every hour keeps the rule in one place, here;
//   - "digest-send": sendDigest for one follower, frequency and period, retried with back-off
//     while the SMTP server refuses it. One job a key waits at a time ("stately"), and the
//     DigestDelivery row makes a second run, on any instance, a no-op.
// Nothing is planned while mail is off (SMTP_URL unset); the schedule is then removed.
import type PgBoss from "pg-boss";
import type { JobModule } from "#app/modules/archive/jobs.server.ts";
import { mailEnabled } from "#app/modules/mail/mailer.server.ts";
import { currentDay, dayStartInstant } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { SENDING_GRACE_MINUTES, sendDigest } from "./digest.server.ts";
import { periodBefore, type DigestFrequency } from "./periods.ts";

const DIGEST_PLAN_QUEUE = "digest-plan";
export const DIGEST_SEND_QUEUE = "digest-send";
/** Hourly, a few minutes past the hour (UTC; the hour of the tracker's zone is checked in code). */
const DIGEST_PLAN_CRON = "7 * * * *";
/** Digests go out once the day in the tracker's zone is this many hours old. */
const DIGEST_SEND_HOUR = 6;
/** After this many attempts a period's digest is given up (the row stays "failed"). */
const DIGEST_MAX_ATTEMPTS = 6;

export type DigestJob = { followerId: string; frequency: DigestFrequency; periodStart: string };

const frequencies: DigestFrequency[] = ["daily", "weekly"];

/** The key that keeps one job a follower, frequency and period waiting. */
function digestJobKey(job: DigestJob): string {
  return `${job.followerId}:${job.frequency}:${job.periodStart}`;
}

/**
 * Queues the digests due at `now` and returns how many jobs were queued. Called by the hourly
 * schedule; safe to call from several instances at once.
 */
export async function planDigests(boss: PgBoss, now: Date = new Date()): Promise<number> {
  if (!mailEnabled()) return 0;
  const sendFrom = dayStartInstant(currentDay(now)).getTime() + DIGEST_SEND_HOUR * 3_600_000;
  if (now.getTime() < sendFrom) return 0;
  const staleSending = new Date(now.getTime() - SENDING_GRACE_MINUTES * 60_000);
  let queued = 0;
  for (const frequency of frequencies) {
    const period = periodBefore(frequency, now);
    const followers = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT f.id FROM "Follower" f
      WHERE f."confirmedAt" IS NOT NULL
        -- A disabled account's follows stop with it (sendDigest skips it too).
        AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = f."userId" AND u.disabled)
        AND EXISTS (
          SELECT 1 FROM "Follow" fo
          WHERE fo."followerId" = f.id AND fo.frequency = ${frequency}::"DigestFrequency"
            AND fo."confirmedAt" IS NOT NULL AND fo."createdAt" < ${period.end})
        AND NOT EXISTS (
          SELECT 1 FROM "DigestDelivery" d
          WHERE d."followerId" = f.id AND d.frequency = ${frequency}::"DigestFrequency"
            AND d."periodStart" = ${period.start}
            AND NOT (d.attempts < ${DIGEST_MAX_ATTEMPTS} AND (d.state = 'failed'
              OR (d.state = 'sending' AND d."updatedAt" < ${staleSending}))))
      ORDER BY f.id`;
    for (const follower of followers) {
      const job: DigestJob = {
        followerId: follower.id,
        frequency,
        periodStart: period.start.toISOString(),
      };
      const id = await boss.send(DIGEST_SEND_QUEUE, job, { singletonKey: digestJobKey(job) });
      if (id) queued += 1;
    }
  }
  return queued;
}

type DigestJobOptions = {
  /** First retry's delay in seconds; later ones double. */
  retryDelaySeconds?: number;
  retryLimit?: number;
};

/** The digests' queues, schedule and workers, for startJobRunner's `modules`. */
export function digestJobs(options: DigestJobOptions = {}): JobModule {
  return async (boss, context) => {
    await context.ensureQueue(DIGEST_PLAN_QUEUE, { policy: "short", retryLimit: 1 });
    await context.ensureQueue(DIGEST_SEND_QUEUE, {
      policy: "stately",
      retryLimit: options.retryLimit ?? DIGEST_MAX_ATTEMPTS - 1,
      retryDelay: options.retryDelaySeconds ?? 120,
      retryBackoff: true,
      // Building and sending one digest takes seconds; one still active after this was lost.
      expireInSeconds: 300,
      retentionDays: 7,
    });
    if (mailEnabled()) await boss.schedule(DIGEST_PLAN_QUEUE, DIGEST_PLAN_CRON);
    else await boss.unschedule(DIGEST_PLAN_QUEUE);
    if (!context.work) return;
    const polling = { pollingIntervalSeconds: context.pollingIntervalSeconds };
    await boss.work(DIGEST_PLAN_QUEUE, polling, async () => ({ queued: await planDigests(boss) }));
    await boss.work<DigestJob>(DIGEST_SEND_QUEUE, polling, async ([job]) => {
      if (!job) return;
      // Mail turned off since the job was queued: nothing to do, nothing to retry.
      if (!mailEnabled()) return { outcome: "skipped", reason: "mail-off" };
      const { followerId, frequency, periodStart } = job.data;
      const result = await sendDigest(followerId, frequency, new Date(periodStart));
      if (result.outcome === "sent") {
        logger.info({ deliveryId: result.deliveryId, entries: result.entries }, "digest sent");
      }
      return result;
    });
  };
}
