// The issuer's own status over time. Whoever changes a recommendation's official status (the
// tracking form, an import) records the change here, in the same transaction, so that reports
// can rebuild the official status on a past date and "what changed" can list it.
import type { OfficialStatus } from "#app/generated/prisma/enums.ts";
import type { Tx } from "#app/utils/db.server.ts";
import { dayOf } from "#app/utils/dates.ts";

export type OfficialValue = { status: OfficialStatus | null; asOf: Date | null };

/**
 * Writes an OfficialStatusChange when the status or its as-of date differs between `before` and
 * `after`; does nothing otherwise. Returns whether a row was written.
 */
export async function recordOfficialStatusChange(
  tx: Tx,
  input: {
    recommendationId: string;
    actorId: string | null;
    before: OfficialValue;
    after: OfficialValue;
  },
): Promise<boolean> {
  const { before, after } = input;
  if (before.status === after.status && dayOf(before.asOf) === dayOf(after.asOf)) {
    return false;
  }
  await tx.officialStatusChange.create({
    data: {
      recommendationId: input.recommendationId,
      fromStatus: before.status,
      fromAsOf: before.asOf,
      toStatus: after.status,
      asOf: after.asOf,
      createdById: input.actorId,
    },
  });
  return true;
}
