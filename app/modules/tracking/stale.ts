// When staff last checked an item's status, in plain words: never, recently, or more than 90
// days ago ("due for checking again"). This is not how well the item's TEXT matches its source
// (the verification level). No server imports: the dashboard and list components use it too.

// The clock runs on instants (90 × 24 hours since the check), which no time zone changes.

/** Days after which a status check is overdue. */
export const STALE_AFTER_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

export type CheckState = "never" | "recent" | "overdue";

function toDate(value: Date | string | null | undefined): Date | null {
  if (!value) return null;
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Whether the status was never checked, checked in the last 90 days, or longer ago. */
function checkState(lastVerifiedAt: Date | string | null | undefined, now = new Date()) {
  const checked = toDate(lastVerifiedAt);
  if (!checked) return "never" satisfies CheckState;
  return now.getTime() - checked.getTime() > STALE_AFTER_DAYS * DAY_MS
    ? ("overdue" satisfies CheckState)
    : ("recent" satisfies CheckState);
}

/** True when the status was checked once, but not in the last 90 days. */
export function isStale(lastVerifiedAt: Date | string | null | undefined, now = new Date()) {
  return checkState(lastVerifiedAt, now) === "overdue";
}

/** The moment before which a check is overdue (for database filters). */
export function staleBefore(now = new Date()) {
  return new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS);
}
