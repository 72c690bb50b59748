// "My queue": of the items a staff member follows (directly or through a source, goal, actor or
// list filter), those due for checking — never checked, last checked more than 90 days ago
// (tracking/stale.ts), or past their due date while still open — oldest check first. The page
// /my-queue and the staff member's digest both show it.
import type { Status } from "#app/generated/prisma/enums.ts";
import { staleBefore } from "#app/modules/tracking/stale.ts";
import { currentDay, dayOf } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { followedItemsSql } from "./digest-scope.server.ts";

/** The most the page lists (and a digest counts); the oldest checks come first. */
const QUEUE_LIMIT = 500;

/** Statuses after which a due date passing is no reason to check: the item is closed. */
const closedStatuses: Status[] = ["implemented", "not_implemented"];

type QueueReason = "never" | "overdue" | "pastDue";

export type QueueItem = {
  id: string;
  reference: string;
  referenceEs: string | null;
  title: string;
  titleEs: string | null;
  status: Status;
  lastVerifiedAt: Date | null;
  /** "YYYY-MM-DD" or null. */
  dueDate: string | null;
  reasons: QueueReason[];
};

/**
 * The queue of the staff member who is this user, and whether they follow anything at all (the
 * page says so differently).
 */
export async function queueForUser(
  userId: string,
  now = new Date(),
): Promise<{ following: boolean; items: QueueItem[] }> {
  const follower = await prisma.follower.findUnique({
    where: { userId },
    select: {
      id: true,
      _count: { select: { follows: { where: { confirmedAt: { not: null } } } } },
    },
  });
  if (!follower || follower._count.follows === 0) return { following: false, items: [] };
  return { following: true, items: await queueForFollower(follower.id, now) };
}

/** The items due for checking among those the follower follows, oldest check first. */
export async function queueForFollower(followerId: string, now = new Date()): Promise<QueueItem[]> {
  const followed = await followedItemsSql(followerId, { now });
  if (!followed) return [];
  const stale = staleBefore(now);
  const today = currentDay(now);
  type Row = Omit<QueueItem, "reasons" | "dueDate"> & { dueDate: Date | null };
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT r.id, r.reference, r."referenceEs", r.title, r."titleEs", r.status,
      r."lastVerifiedAt", r."dueDate"
    FROM ${followed} f JOIN "Recommendation" r ON r.id = f.id
    WHERE r."lastVerifiedAt" IS NULL OR r."lastVerifiedAt" < ${stale}
      OR (r."dueDate" < ${today}::date AND r.status::text <> ALL (${closedStatuses}::text[]))
    ORDER BY r."lastVerifiedAt" ASC NULLS FIRST, r.position, r."createdAt", r.id
    LIMIT ${QUEUE_LIMIT}`;
  return rows.map((row) => {
    const dueDate = dayOf(row.dueDate);
    const reasons: QueueReason[] = [];
    if (!row.lastVerifiedAt) reasons.push("never");
    else if (row.lastVerifiedAt < stale) reasons.push("overdue");
    if (dueDate && dueDate < today && !closedStatuses.includes(row.status)) reasons.push("pastDue");
    return { ...row, dueDate, reasons };
  });
}
