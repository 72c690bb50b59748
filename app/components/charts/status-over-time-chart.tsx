// Items by status at the end of each month, as stacked columns in a server-rendered SVG. The
// SVG is one image for assistive technology, named after the table that holds its numbers; the
// axis labels are HTML beside and below it, so they stay readable at any width.
import { statusOrder } from "#app/components/status-badge.tsx";
import { type Locale, dateFormatter, useLocale, useT } from "#app/utils/i18n.ts";
import { axisMax, countTotal, pct, stackSegments, type Counts } from "./geometry.ts";
import { StatusFill, StatusLegend } from "./status-patterns.tsx";
import { CountsTable } from "./stacked-bar-chart.tsx";
import { dayDate } from "#app/utils/dates.ts";

export type OverTimePoint = {
  /** The month's last day, "YYYY-MM-DD"; for the current month, today. */
  date: string;
  current: boolean;
  counts: Counts;
};

const HEIGHT = 192;

function monthFormat(locale: Locale, options: Intl.DateTimeFormatOptions) {
  const format = dateFormatter(locale, options);
  return (iso: string) => format.format(dayDate(iso));
}

export function StatusOverTimeChart({ points }: { points: OverTimePoint[] }) {
  const t = useT();
  const locale = useLocale();
  const short = monthFormat(locale, { month: "short" });
  const year = monthFormat(locale, { year: "numeric" });
  const long = monthFormat(locale, { month: "long", year: "numeric" });
  const top = axisMax(Math.max(0, ...points.map((point) => countTotal(point.counts))));
  const slot = 100 / Math.max(1, points.length);
  const caption = t("dashboard.charts.captions.overTime");
  const first = points[0];
  const last = points[points.length - 1];
  const label = t("dashboard.overTime.label", {
    from: first ? long(first.date) : "",
    to: last ? long(last.date) : "",
    caption,
  });
  const monthName = (point: OverTimePoint) =>
    point.current ? `${long(point.date)} (${t("dashboard.overTime.today")})` : long(point.date);
  // Statuses that occur at all, for the legend.
  const present = statusOrder.filter((status) =>
    points.some((point) => (point.counts[status] ?? 0) > 0),
  );
  return (
    <figure className="mt-3" data-testid="over-time-chart">
      <StatusLegend statuses={present.length > 0 ? present : statusOrder} />
      <div className="mt-3 overflow-hidden pt-2 pr-2">
        <div className="flex gap-2">
          <div
            aria-hidden="true"
            className="flex w-10 shrink-0 flex-col justify-between text-right text-xs text-gray-700 tabular-nums"
            style={{ height: HEIGHT }}
          >
            <span className="-mt-2">{top}</span>
            <span>{top / 2}</span>
            <span className="-mb-2">0</span>
          </div>
          <svg
            role="img"
            aria-label={label}
            width="100%"
            height={HEIGHT}
            className="block min-w-0 flex-1"
            data-testid="over-time-svg"
          >
            {[0, 50, 100].map((y) => (
              <line
                key={y}
                x1="0"
                x2="100%"
                y1={`${y}%`}
                y2={`${y}%`}
                stroke={y === 100 ? "#6b7280" : "#e5e7eb"}
                strokeWidth={1}
              />
            ))}
            {points.map((point, index) => (
              <g
                key={point.date}
                data-testid="over-time-column"
                data-date={point.date}
                data-total={countTotal(point.counts)}
              >
                <title>{`${monthName(point)}: ${countTotal(point.counts)}`}</title>
                {stackSegments(point.counts, top).map((segment) => (
                  <StatusFill
                    key={segment.status}
                    status={segment.status}
                    x={pct(index * slot + slot * 0.15)}
                    width={pct(slot * 0.7)}
                    y={pct(100 - segment.start - segment.size)}
                    height={pct(segment.size)}
                  />
                ))}
              </g>
            ))}
          </svg>
        </div>
        {/* Month names under their columns. */}
        <ol
          aria-hidden="true"
          className="mt-1 ml-12 grid text-center text-xs leading-tight text-gray-700"
          style={{
            gridTemplateColumns: `repeat(${points.length}, minmax(0, 1fr))`,
          }}
        >
          {points.map((point, index) => {
            // Phones show every third month, counted back from today's.
            const onPhones = (points.length - 1 - index) % 3 === 0;
            const firstOnPhones = index === (points.length - 1) % 3;
            // The year under the first month and January; on phones under the first month
            // shown and wherever the year changed since the label before.
            const showYear = index === 0 || point.date.slice(5, 7) === "01";
            const before = points[index - 3];
            const showYearOnPhones =
              onPhones && (firstOnPhones || before?.date.slice(0, 4) !== point.date.slice(0, 4));
            const last = index === points.length - 1;
            return (
              <li
                key={point.date}
                className={`flex flex-col whitespace-nowrap ${last ? "items-end" : "items-center"} ${onPhones ? "" : "invisible sm:visible"}`}
                data-testid="over-time-label"
              >
                <span>{short(point.date)}</span>
                <span
                  className={`${showYearOnPhones ? "" : "invisible"} ${showYear ? "sm:visible" : "sm:invisible"}`}
                >
                  {year(point.date)}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
      <figcaption className="mt-2 text-sm text-gray-700">{t("dashboard.overTime.note")}</figcaption>
      <CountsTable
        caption={caption}
        nameHeader={t("dashboard.charts.columns.month")}
        rows={points.map((point) => ({
          key: point.date,
          name: monthName(point),
          counts: point.counts,
        }))}
      />
    </figure>
  );
}
