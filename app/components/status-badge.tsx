import type { Status } from "#app/generated/prisma/enums.ts";
import { useT } from "#app/utils/i18n.ts";

// Full class names, so that Tailwind finds them in the source.
export const statusClasses: Record<Status, { badge: string; solid: string }> = {
  not_started: {
    badge: "bg-status-not-started-bg text-status-not-started-fg",
    solid: "bg-status-not-started-solid",
  },
  in_progress: {
    badge: "bg-status-in-progress-bg text-status-in-progress-fg",
    solid: "bg-status-in-progress-solid",
  },
  partially_implemented: {
    badge: "bg-status-partially-implemented-bg text-status-partially-implemented-fg",
    solid: "bg-status-partially-implemented-solid",
  },
  implemented: {
    badge: "bg-status-implemented-bg text-status-implemented-fg",
    solid: "bg-status-implemented-solid",
  },
  stalled: {
    badge: "bg-status-stalled-bg text-status-stalled-fg",
    solid: "bg-status-stalled-solid",
  },
  not_implemented: {
    badge: "bg-status-not-implemented-bg text-status-not-implemented-fg",
    solid: "bg-status-not-implemented-solid",
  },
};

export const statusOrder: Status[] = [
  "not_started",
  "in_progress",
  "partially_implemented",
  "implemented",
  "stalled",
  "not_implemented",
];

export function StatusBadge({ status }: { status: Status }) {
  const t = useT();
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ${statusClasses[status].badge}`}
    >
      {t(`status.${status}`)}
    </span>
  );
}

/** A horizontal bar split by status, with the numbers in an accessible label. */
export function StatusBar({
  counts,
  label,
}: {
  counts: Partial<Record<Status, number>>;
  label: string;
}) {
  const t = useT();
  const total = statusOrder.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  const description = statusOrder
    .filter((status) => counts[status])
    .map((status) => `${t(`status.${status}`)}: ${counts[status]}`)
    .join(", ");
  return (
    <div
      role="img"
      aria-label={`${label}: ${description}`}
      className="flex h-3 w-full overflow-hidden rounded bg-gray-100"
    >
      {total > 0 &&
        statusOrder.map((status) =>
          counts[status] ? (
            <span
              key={status}
              className={statusClasses[status].solid}
              style={{ width: `${((counts[status] ?? 0) / total) * 100}%` }}
            />
          ) : null,
        )}
    </div>
  );
}
