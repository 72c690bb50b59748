// Every published status and official-status change as rows of one shape, for the readers that
// list changes one by one (the Atom feed, the digests by e-mail). Changes awaiting sign-off live
// in PendingChange and so are never here. Official changes that did not change the official
// status (a new as-of date only) are left out, as on the what-changed page.
import { Prisma } from "#app/generated/prisma/client.ts";
import type { Role } from "#app/generated/prisma/enums.ts";

/** Who recorded a change, as the public naming rules need it (tracking/people.ts). */
export type ChangeAuthor = {
  name: string;
  role: Role;
  showNamePublicly: boolean;
  publicName: string | null;
};

/** The author columns a reader selects with `authorColumnsSql` (from the "User" row `u`). */
export type AuthorColumns = {
  authorName: string | null;
  authorRole: Role | null;
  showNamePublicly: boolean | null;
  publicName: string | null;
};

export const authorColumnsSql = Prisma.sql`u.name AS "authorName", u.role AS "authorRole",
  u."showNamePublicly", u."publicName"`;

/** The author of a row read with `authorColumnsSql`; null when the user is gone. */
export function changeAuthor(row: AuthorColumns): ChangeAuthor | null {
  return row.authorName !== null && row.authorRole !== null
    ? {
        name: row.authorName,
        role: row.authorRole,
        showNamePublicly: row.showNamePublicly ?? false,
        publicName: row.publicName,
      }
    : null;
}

/**
 * A subquery with the columns id, kind ('status' | 'official'), day (the day it happened: a
 * status change's day, the issuer's as-of date, which may be null), "createdAt" (when it was
 * recorded or, after sign-off, approved), "fromValue", "toValue", summary (null for official
 * changes), "recommendationId" and "createdById".
 */
export const changeRowsSql = Prisma.sql`(
  SELECT sc.id, 'status' AS kind, sc."occurredOn" AS day, sc."createdAt",
    sc."fromStatus"::text AS "fromValue", sc."toStatus"::text AS "toValue", sc.summary,
    sc."recommendationId", sc."createdById"
  FROM "StatusChange" sc
  UNION ALL
  SELECT oc.id, 'official', oc."asOf", oc."createdAt",
    oc."fromStatus"::text, oc."toStatus"::text, NULL, oc."recommendationId", oc."createdById"
  FROM "OfficialStatusChange" oc
  WHERE oc."fromStatus" IS DISTINCT FROM oc."toStatus"
)`;
