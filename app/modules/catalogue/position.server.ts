// Catalogue order (Recommendation.position): a new item goes after the last one. Two admins
// creating at once (or an admin and an import, or two instances seeding) would both read the same
// last position and give their items the same one, so every path that creates recommendations
// takes this lock first (the catalogue editor, the import commit, which the shipped catalogue's
// update goes through, and the seed). It is held until the transaction ends, so the second reads
// the position the first wrote.
import type { Tx } from "#app/utils/db.server.ts";

// Any constant works; it only has to be the same for every instance of the app.
const POSITION_LOCK = 7_311_016;

/**
 * Takes the catalogue-order lock for the rest of the transaction and returns the position after
 * the last item's; a caller adding several items numbers them on from there.
 */
export async function nextPosition(tx: Tx): Promise<number> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${POSITION_LOCK}::bigint)::text AS locked`;
  const last = await tx.recommendation.aggregate({ _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}
