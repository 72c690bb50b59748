import type { ReviewActionResult } from "#app/modules/review/review-actions.server.ts";
import type { PendingChangeView } from "#app/modules/review/review.server.ts";
import { useT, type MessageKey } from "#app/utils/i18n.ts";
import { PendingChangeCard } from "./pending-change.tsx";

/** What the page says after a review form or a change sent for review (`?saved=…`). */
export const reviewSavedMessages: Record<string, MessageKey | undefined> = {
  "review-submitted": "signOff.saved.submitted",
  "review-approve": "signOff.saved.approved",
  "review-return": "signOff.saved.returned",
  "review-amend": "signOff.saved.amended",
  "review-withdraw": "signOff.saved.withdrawn",
};

/** An item's changes awaiting review, for staff; nothing when there are none (or for others). */
export function PendingChanges({
  changes,
  result,
}: {
  changes: PendingChangeView[];
  result?: ReviewActionResult;
}) {
  const t = useT();
  if (changes.length === 0) return null;
  return (
    <section
      aria-labelledby="pending-heading"
      className="rounded-lg border-2 border-status-stalled-solid p-4 print:hidden"
    >
      <h2 id="pending-heading" className="text-xl font-semibold">
        {t("signOff.item.heading")}
      </h2>
      <p className="mt-1 text-sm text-gray-700">{t("signOff.item.intro")}</p>
      <div className="mt-3 space-y-3">
        {changes.map((change) => (
          <PendingChangeCard key={change.id} change={change} result={result} />
        ))}
      </div>
    </section>
  );
}
