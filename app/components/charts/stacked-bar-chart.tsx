// Horizontal bars split by status, drawn as server-rendered SVG. Each row is an HTML label and
// an inline SVG that stretches to the row's width, so the chart reads at 320 px. Every segment is
// a link to the list of the items it counts, named for screen readers ("GAO-21-322: In progress,
// 3"); the same numbers are in a table below the chart.
import { useId } from "react";
import { Link } from "react-router";
import type { Status } from "#app/generated/prisma/enums.ts";
import { statusOrder } from "#app/components/status-badge.tsx";
import { useT } from "#app/utils/i18n.ts";
import { countTotal, pct, stackSegments, type Counts } from "./geometry.ts";
import { StatusFill } from "./status-patterns.tsx";

/**
 * One bar. The SVG is a group named by `labelledBy`; its segments are links, the only part of it
 * that assistive technology reads.
 */
export function StackedBar({
  counts,
  name,
  segmentHref,
  labelledBy,
  height = 22,
}: {
  counts: Counts;
  /** The bar's name in its segments' link names. */
  name: string;
  segmentHref: (status: Status) => string;
  labelledBy: string;
  height?: number;
}) {
  const t = useT();
  return (
    <svg
      role="group"
      aria-labelledby={labelledBy}
      width="100%"
      height={height}
      overflow="visible"
      className="block"
      data-testid="stacked-bar"
    >
      <rect width="100%" height="100%" fill="#f3f4f6" />
      {stackSegments(counts).map((segment) => {
        const label = t("dashboard.charts.segment", {
          name,
          status: t(`status.${segment.status}`),
          count: segment.count,
        });
        return (
          <a
            key={segment.status}
            href={segmentHref(segment.status)}
            aria-label={label}
            className="chart-segment"
            data-status={segment.status}
            data-count={segment.count}
          >
            <title>{label}</title>
            <StatusFill
              status={segment.status}
              x={pct(segment.start)}
              width={pct(segment.size)}
              height="100%"
            />
          </a>
        );
      })}
    </svg>
  );
}

export type BarRow = {
  key: string;
  /** Short name, linked to the list of the row's items: "GAO-21-322", "Goal 1", "ATF". */
  name: string;
  href: string;
  /** A longer title under the name. */
  description?: string;
  counts: Counts;
  segmentHref: (status: Status) => string;
};

/** A chart of bars, one per row, each a 100% bar with its total beside it; then its table. */
export function StackedBarChart({
  rows,
  caption,
  nameHeader,
  testId,
}: {
  rows: BarRow[];
  /** The table's caption ("Items by source and status"). */
  caption: string;
  /** The table's first column ("Source"). */
  nameHeader: string;
  testId?: string;
}) {
  const t = useT();
  const id = useId();
  return (
    <div data-testid={testId}>
      <ul className="mt-3 space-y-3">
        {rows.map((row, index) => {
          const labelId = `${id}-label-${index}`;
          const total = countTotal(row.counts);
          return (
            <li
              key={row.key}
              className="chart-row grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)_auto]"
              data-testid="chart-row"
            >
              <div id={labelId} className="col-span-2 min-w-0 text-sm break-words sm:col-span-1">
                <Link to={row.href} className="font-semibold">
                  {row.name}
                </Link>
                {row.description && <span className="block text-gray-700"> {row.description}</span>}
              </div>
              <StackedBar
                counts={row.counts}
                name={row.name}
                segmentHref={row.segmentHref}
                labelledBy={labelId}
              />
              <p className="min-w-10 text-right text-sm font-semibold tabular-nums">
                {total}
                <span className="sr-only"> {t("dashboard.charts.items")}</span>
              </p>
            </li>
          );
        })}
      </ul>
      <CountsTable
        caption={caption}
        nameHeader={nameHeader}
        rows={rows.map((row) => ({
          key: row.key,
          name: row.name,
          description: row.description,
          counts: row.counts,
        }))}
      />
    </div>
  );
}

/**
 * The numbers of a chart as a table, behind a disclosure that works without JavaScript (and is
 * opened for print by the print stylesheet).
 */
export function CountsTable({
  caption,
  nameHeader,
  rows,
  statuses = statusOrder,
}: {
  caption: string;
  nameHeader: string;
  rows: Array<{ key: string; name: string; description?: string; counts: Counts }>;
  statuses?: Status[];
}) {
  const t = useT();
  return (
    <details className="chart-table mt-3" data-testid="chart-table">
      <summary className="w-fit cursor-pointer text-sm font-medium text-brand underline underline-offset-2">
        {t("dashboard.charts.showTable")}
        <span className="sr-only">: {caption}</span>
      </summary>
      <div
        className="chart-table-scroll mt-2 overflow-x-auto"
        role="region"
        aria-label={caption}
        tabIndex={0}
      >
        <table className="w-full border-collapse text-left text-sm">
          <caption className="mb-1 text-left font-semibold">{caption}</caption>
          <thead>
            <tr className="border-b border-gray-300 align-bottom">
              <th scope="col" className="py-1 pr-3">
                {nameHeader}
              </th>
              {statuses.map((status) => (
                <th key={status} scope="col" className="px-2 py-1 text-right font-semibold">
                  {t(`status.${status}`)}
                </th>
              ))}
              <th scope="col" className="py-1 pl-2 text-right">
                {t("dashboard.charts.columns.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-b border-gray-100 align-top">
                <th scope="row" className="py-1 pr-3 font-semibold">
                  {row.name}
                  {row.description && (
                    <span className="block font-normal text-gray-700">{row.description}</span>
                  )}
                </th>
                {statuses.map((status) => (
                  <td key={status} className="px-2 py-1 text-right tabular-nums">
                    {row.counts[status] ?? 0}
                  </td>
                ))}
                <td className="py-1 pl-2 text-right font-semibold tabular-nums">
                  {countTotal(row.counts)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
