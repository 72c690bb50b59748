// Which items a follower follows: the items themselves, and every item of a source, goal (with
// the goals below it), actor or list filter they follow, read as the list reads those filters
// today (as-of.server.ts). One set, so that an item followed twice (itself and via its source)
// counts once. Shared by the digest and My queue.
import { Prisma } from "#app/generated/prisma/client.ts";
import type { DigestFrequency, FollowKind } from "#app/generated/prisma/enums.ts";
import { itemsAsOfSql } from "#app/modules/recommendations/as-of.server.ts";
import { parseFilters, type ItemFilters } from "#app/modules/recommendations/filters.ts";
import { prisma } from "#app/utils/db.server.ts";

const sql = Prisma.sql;

/** The list filters a follow of `kind` stands for (null for an item, which is an id). */
function followFilters(kind: FollowKind, target: string): ItemFilters | null {
  switch (kind) {
    case "item":
      return null;
    case "source":
      return { source: target };
    case "goal":
      return { goal: target };
    case "actor":
      return { actor: target };
    case "filter":
      // Stored normalised when followed; a parameter no longer valid is left out, as the list
      // itself would leave it out of the same address.
      return parseFilters(new URLSearchParams(target)).filters;
  }
}

/**
 * A subquery (one column, `id`, each id once) of the items present today that the follower
 * follows, with that frequency when given, through follows made before `followedBefore` when
 * given (a digest tells of what was followed during its period). Null when they follow nothing.
 */
export async function followedItemsSql(
  followerId: string,
  options: { frequency?: DigestFrequency; followedBefore?: Date; now?: Date } = {},
): Promise<Prisma.Sql | null> {
  const now = options.now ?? new Date();
  const follows = await prisma.follow.findMany({
    where: {
      followerId,
      // A follow waiting for its link counts for nothing yet.
      confirmedAt: { not: null },
      ...(options.frequency ? { frequency: options.frequency } : {}),
      ...(options.followedBefore ? { createdAt: { lt: options.followedBefore } } : {}),
    },
    select: { kind: true, target: true },
  });
  if (follows.length === 0) return null;
  const ids = follows.filter((f) => f.kind === "item").map((f) => f.target);
  const parts: Prisma.Sql[] = [];
  if (ids.length > 0) {
    parts.push(sql`SELECT r.id FROM "Recommendation" r
      WHERE r.id = ANY (${ids}::text[]) AND r."archivedAt" IS NULL`);
  }
  for (const follow of follows) {
    const filters = followFilters(follow.kind, follow.target);
    if (filters) parts.push(sql`SELECT x.id FROM ${itemsAsOfSql(filters, null, now)} x`);
  }
  // UNION (not UNION ALL): each item once, however many follows lead to it.
  return sql`(${Prisma.join(parts, " UNION ")})`;
}
