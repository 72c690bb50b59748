// The executive summary that leads the PDF (its first page) and the XLSX (its Summary sheet):
// how many items, the share in each status, what moved in the period, what is overdue or has not
// been checked for 90 days, and the official statuses the issuers publish. Worked out here from
// the report's own figures and a few facts per item (summary.server.ts reads them), with no
// clock and no database, so that every format says the same and a test can give it any day.
import { statusOrder } from "#app/components/status-badge.tsx";
import { OfficialStatus, type Status } from "#app/generated/prisma/enums.ts";
import { translator, type Locale } from "#app/utils/i18n.ts";
import type { Labelled } from "./report-data.server.ts";

/** Items named under each heading, at most; the rest are counted ("and 12 more"). */
export const MOVES_SHOWN = 10;
export const ITEMS_SHOWN = 5;

/** A status that closes an item: a due date passed on a closed item is not overdue. */
const closedStatuses: ReadonlySet<Status> = new Set<Status>(["implemented", "not_implemented"]);

/** One item of the report, as the summary needs it (on the as-of day). */
export type ItemFact = {
  id: string;
  /** The reference in the report's language. */
  reference: string;
  status: Status;
  officialStatus: OfficialStatus | null;
  /** "YYYY-MM-DD" or null. */
  dueDate: string | null;
  /** The last check known at the end of the as-of day, or null (never checked). */
  lastVerifiedAt: Date | null;
};

/** One item's status changes in the period: its status before the first, after the last. */
export type MoveFact = {
  id: string;
  reference: string;
  from: Status;
  to: Status;
  /** The day of its last change in the period, "YYYY-MM-DD". */
  date: string;
  changes: number;
};

export type SummaryInput = {
  language: Locale;
  /** The report's items by status (ReportSummary.byStatus), in the app's order. */
  byStatus: Array<{ code: Status; count: number }>;
  items: Iterable<ItemFact>;
  moves: MoveFact[];
  /** The as-of day: a due date before it has passed. */
  asOfDay: string;
  /** A check before this instant is more than 90 days old on the as-of day (tracking/stale.ts). */
  staleBefore: Date;
};

export type Capped<T> = { shown: T[]; more: number };

export type ExecutiveSummary = {
  total: number;
  /** Every status in the app's order; `share` is 0…1 (0 when the report is empty). */
  statuses: Array<Labelled<Status> & { count: number; share: number }>;
  moves: {
    /** Items whose status changed in the period, and how many changes that was. */
    items: number;
    changes: number;
    /** Most recent first. */
    list: Capped<{
      id: string;
      reference: string;
      from: Labelled<Status>;
      to: Labelled<Status>;
      date: string;
    }>;
  };
  /** Open items whose due date passed before the as-of day; the longest overdue first. */
  overdue: { count: number } & Capped<{ id: string; reference: string; dueDate: string }>;
  /** Items not checked in the 90 days to the as-of day (never checked included); oldest first. */
  notChecked: { count: number; never: number } & Capped<{
    id: string;
    reference: string;
    lastVerifiedAt: Date | null;
  }>;
  /** Items with an official status (the issuer publishes one: GAO) and the count of each. */
  official: {
    items: number;
    statuses: Array<Labelled<OfficialStatus> & { count: number }>;
  };
};

function capped<T>(all: T[], limit: number): Capped<T> {
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

export function executiveSummary(input: SummaryInput): ExecutiveSummary {
  const t = translator(input.language);
  const status = (code: Status) => ({ code, label: t(`status.${code}`) });
  const counts = new Map(input.byStatus.map((entry) => [entry.code, entry.count]));
  const total = input.byStatus.reduce((sum, entry) => sum + entry.count, 0);

  const overdue: ExecutiveSummary["overdue"]["shown"] = [];
  const notChecked: ExecutiveSummary["notChecked"]["shown"] = [];
  let never = 0;
  const officialCounts = new Map<OfficialStatus, number>();
  let official = 0;
  for (const item of input.items) {
    if (item.dueDate && item.dueDate < input.asOfDay && !closedStatuses.has(item.status)) {
      overdue.push({ id: item.id, reference: item.reference, dueDate: item.dueDate });
    }
    if (!item.lastVerifiedAt) never += 1;
    if (!item.lastVerifiedAt || item.lastVerifiedAt.getTime() < input.staleBefore.getTime()) {
      notChecked.push({
        id: item.id,
        reference: item.reference,
        lastVerifiedAt: item.lastVerifiedAt,
      });
    }
    if (item.officialStatus) {
      official += 1;
      officialCounts.set(item.officialStatus, (officialCounts.get(item.officialStatus) ?? 0) + 1);
    }
  }
  // Stable sorts: ties keep the catalogue order the facts come in.
  overdue.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  notChecked.sort(
    (a, b) =>
      (a.lastVerifiedAt?.getTime() ?? -Infinity) - (b.lastVerifiedAt?.getTime() ?? -Infinity),
  );
  const moves = [...input.moves].sort((a, b) => (a.date > b.date ? -1 : a.date < b.date ? 1 : 0));

  return {
    total,
    statuses: statusOrder.map((code) => {
      const count = counts.get(code) ?? 0;
      return { ...status(code), count, share: total > 0 ? count / total : 0 };
    }),
    moves: {
      items: moves.length,
      changes: moves.reduce((sum, move) => sum + move.changes, 0),
      list: capped(
        moves.map((move) => ({
          id: move.id,
          reference: move.reference,
          from: status(move.from),
          to: status(move.to),
          date: move.date,
        })),
        MOVES_SHOWN,
      ),
    },
    overdue: { count: overdue.length, ...capped(overdue, ITEMS_SHOWN) },
    notChecked: { count: notChecked.length, never, ...capped(notChecked, ITEMS_SHOWN) },
    official: {
      items: official,
      statuses: Object.values(OfficialStatus).map((code) => ({
        code,
        label: t(`officialStatus.${code}`),
        count: officialCounts.get(code) ?? 0,
      })),
    },
  };
}

/** A share as a percentage in the report's language ("42 %" / "42 %"), whole numbers. */
export function shareInWords(language: Locale, share: number): string {
  return new Intl.NumberFormat(language === "en" ? "en-GB" : "es", {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(share);
}
