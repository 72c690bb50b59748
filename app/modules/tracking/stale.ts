// Whether an item's status needs checking again. No server imports: the dashboard and list
// components use it too.

/** Days after which an item's verification is stale. */
export const STALE_AFTER_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** True when the item was never verified, or last verified more than 90 days before `now`. */
export function isStale(lastVerifiedAt: Date | string | null | undefined, now = new Date()) {
  if (!lastVerifiedAt) return true;
  const verified = typeof lastVerifiedAt === "string" ? new Date(lastVerifiedAt) : lastVerifiedAt;
  if (Number.isNaN(verified.getTime())) return true;
  return now.getTime() - verified.getTime() > STALE_AFTER_DAYS * DAY_MS;
}

/** The moment before which a verification is stale (for database filters). */
export function staleBefore(now = new Date()) {
  return new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS);
}
