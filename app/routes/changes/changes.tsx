import { Link } from "react-router";
import type { Route } from "./+types/changes";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FilterDate, FilterForm, describeFilters } from "#app/components/filters/filter-form.tsx";
import { itemCount } from "#app/components/reports/item-count.ts";
import { statusOrder } from "#app/components/status-badge.tsx";
import { OfficialStatus, type Status } from "#app/generated/prisma/enums.ts";
import { loadCatalogueView } from "#app/modules/recommendations/catalogue-view.server.ts";
import {
  getChanges,
  parseChangesQuery,
  reportsHref,
  type ChangeEntry,
  type ChangesData,
  type Move,
} from "#app/modules/recommendations/changes.server.ts";
import {
  hasFilters,
  hasParamErrors,
  queryString,
  type ItemFilters,
} from "#app/modules/recommendations/filters.ts";
import { listQueryString } from "#app/modules/recommendations/list-query.ts";
import { listFilterOptions } from "#app/modules/recommendations/list.server.ts";
import {
  formatDate,
  localizedReference,
  localizedTitle,
  useLocale,
  useT,
  type Translate,
} from "#app/utils/i18n.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { FeedLink, feedLinkMeta } from "#app/components/feed-link.tsx";
import { AsOfCorrections } from "#app/components/as-of-corrections.tsx";
import { countRecordedAfter } from "#app/modules/recommendations/as-of.server.ts";
import { currentDay, dayBefore, quarterStart } from "#app/utils/dates.ts";

export function loader(args: Route.LoaderArgs) {
  return loadCatalogueView(args, "review.changes.title", async ({ params, now }) => {
    const { query, errors } = parseChangesQuery(params, now);
    const [data, options, corrections] = await Promise.all([
      getChanges(query, now),
      listFilterOptions(),
      // The period's end is a past day's record unless it is today.
      countRecordedAfter(query.filters, query.to === currentDay(now) ? null : query.to, now),
    ]);
    return {
      query,
      // What the reader asked for, for the date fields: only valid dates are kept.
      asked: {
        from: errors.from ? undefined : (params.get("from")?.trim() ?? undefined),
        to: errors.to ? undefined : (params.get("to")?.trim() ?? undefined),
      },
      errors,
      data,
      options,
      corrections,
      reportsHref: reportsHref(query, now),
      today: currentDay(now),
    };
  });
}

export default function ChangesPage({ loaderData }: Route.ComponentProps) {
  const { query, asked, errors, data, options, corrections, today, reportsHref } = loaderData;
  const t = useT();
  const locale = useLocale();
  const { filters, from, to } = query;
  const filterWords = describeFilters(filters, t, locale, options);
  const periodQuery = { from: asked.from, to: asked.to };
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">{t("review.changes.title")}</h1>
        <p className="mt-2 max-w-3xl text-gray-700">{t("review.changes.intro")}</p>
        <FilterForm
          key={queryString({ ...filters, ...periodQuery })}
          action="/changes"
          values={filters}
          errors={errors}
          options={options}
          submitLabel={t("review.changes.show")}
          clearHref={
            hasFilters(filters) || asked.from || asked.to || hasParamErrors(errors)
              ? "/changes"
              : undefined
          }
        >
          <FilterDate
            name="from"
            label={t("review.changes.from")}
            hint={t("review.changes.fromHint", {
              date: formatDate(locale, dayBefore(quarterStart(today))),
            })}
            value={asked.from}
            max={today}
            errors={errors}
          />
          <FilterDate
            name="to"
            label={t("review.changes.to")}
            hint={t("review.changes.toHint")}
            value={asked.to}
            max={today}
            errors={errors}
          />
        </FilterForm>
      </header>

      <section
        aria-labelledby="period"
        className="rounded-lg border-l-4 border-brand bg-brand-light p-4"
      >
        <h2 id="period" className="text-xl font-semibold" data-testid="changes-period">
          {formatDate(locale, from)} – {formatDate(locale, to)}
        </h2>
        <p className="mt-1">
          {t("review.changes.period", {
            from: formatDate(locale, from),
            to: formatDate(locale, to),
          })}{" "}
          {query.isDefaultPeriod && t("review.changes.defaultPeriod")}
        </p>
        <AsOfCorrections count={corrections} date={to} />
        <p className="mt-2 print:hidden">
          <Link to={reportsHref} className="font-semibold" data-testid="report-of-view">
            {t("review.changes.reportOfView")}
          </Link>
        </p>
        <FeedLink target={{ filters }} />
        <p className="mt-1 text-sm" data-testid="changes-filters">
          {filterWords.length > 0
            ? t("review.filtersInWords", {
                filters: filterWords.map((part) => `${part.label}: ${part.value}`).join(" · "),
              })
            : t("review.noFilters")}
        </p>
      </section>

      <MovesSection data={data} filters={filters} from={from} to={to} today={today} />

      <ChangeListSection data={data} reportsHref={reportsHref} />
    </div>
  );
}

type PeriodProps = {
  data: ChangesData;
  filters: ItemFilters;
  from: string;
  to: string;
  today: string;
};

function MovesSection({ data, filters, from, to, today }: PeriodProps) {
  const t = useT();
  const locale = useLocale();
  const { moves } = data;
  const fromText = formatDate(locale, from);
  const toText = formatDate(locale, to);
  const statusLabel = (value: Status | "new") =>
    value === "new" ? t("review.changes.moves.new") : t(`status.${value}`);
  const officialLabel = (value: OfficialStatus | "none" | "new") =>
    value === "new"
      ? t("review.changes.moves.new")
      : value === "none"
        ? t("review.changes.moves.none_")
        : t(`officialStatus.${value}`);
  const officialValues = ["none", ...Object.values(OfficialStatus)] as const;
  return (
    <section aria-labelledby="moves" className="space-y-4">
      <h2 id="moves" className="text-2xl font-semibold">
        {t("review.changes.moves.title")}
      </h2>
      {moves.total === 0 ? (
        <p className="rounded border border-gray-200 p-4">
          {t("review.changes.moves.none", { date: toText })}
        </p>
      ) : (
        <>
          <p data-testid="moves-summary">
            {t("review.changes.moves.summary", {
              items: itemCount(t, locale, moves.total),
              to: toText,
              changed: moves.changed,
              from: fromText,
              new: moves.newInPeriod,
            })}
          </p>
          {moves.newInPeriod > 0 && (
            <p className="text-sm text-gray-700">
              {t("review.changes.moves.new")}:{" "}
              {t("review.changes.moves.newHelp", { date: fromText })}
            </p>
          )}
          <div className="space-y-3">
            <h3 className="text-xl font-semibold">{t("review.changes.moves.statusTitle")}</h3>
            <MoveList moves={moves.status} label={statusLabel} testId="status-moves" />
            <MoveMatrix
              moves={moves.status}
              rows={["new", ...statusOrder]}
              columns={statusOrder}
              label={statusLabel}
              caption={t("review.changes.moves.matrixCaption", { from: fromText, to: toText })}
              columnHref={(status) =>
                `/recommendations${listQueryString({
                  ...filters,
                  status,
                  asOf: to === today ? undefined : to,
                })}`
              }
              columnLinkLabel={(status, count) =>
                t("review.changes.moves.listLink", {
                  count,
                  status: t(`status.${status}`),
                  date: toText,
                })
              }
              testId="status-matrix"
            />
          </div>
          <div className="space-y-3">
            <h3 className="text-xl font-semibold">{t("review.changes.moves.officialTitle")}</h3>
            <p className="text-sm text-gray-700">{t("review.changes.moves.officialIntro")}</p>
            <MoveList moves={moves.official} label={officialLabel} testId="official-moves" />
            <MoveMatrix
              moves={moves.official}
              rows={["new", ...officialValues]}
              columns={officialValues}
              label={officialLabel}
              caption={t("review.changes.moves.officialMatrixCaption", {
                from: fromText,
                to: toText,
              })}
              testId="official-matrix"
            />
          </div>
        </>
      )}
    </section>
  );
}

/** The moves between two different values (and the new items), as a list for quick reading. */
function MoveList<From extends string, To extends string>({
  moves,
  label,
  testId,
}: {
  moves: Array<Move<From, To>>;
  label: (value: From | To) => string;
  testId: string;
}) {
  const t = useT();
  const moved = moves.filter((move) => (move.from as string) !== move.to);
  if (moved.length === 0) {
    return <p className="text-gray-700">{t("review.changes.moves.noMoves")}</p>;
  }
  return (
    <ul className="space-y-1" data-testid={testId}>
      {moved.map((move) => (
        <li key={`${move.from}-${move.to}`} className="flex flex-wrap gap-x-2">
          <span>
            {t("review.changes.moves.move", { from: label(move.from), to: label(move.to) })}:
          </span>{" "}
          <strong>{move.count}</strong>
        </li>
      ))}
    </ul>
  );
}

/**
 * The moves as a table: a row per value on `from`, a column per value on `to`. Rows and columns
 * that hold no item are left out so that the table stays narrow.
 */
function MoveMatrix<From extends string, To extends string>({
  moves,
  rows,
  columns,
  label,
  caption,
  columnHref,
  columnLinkLabel,
  testId,
}: {
  moves: Array<Move<From, To>>;
  rows: readonly From[];
  columns: readonly To[];
  label: (value: From | To) => string;
  caption: string;
  columnHref?: (value: To) => string;
  columnLinkLabel?: (value: To, count: number) => string;
  testId: string;
}) {
  const t = useT();
  const count = (from: From, to: To) =>
    moves.find((move) => move.from === from && move.to === to)?.count ?? 0;
  const rowTotal = (from: From) =>
    moves.filter((move) => move.from === from).reduce((sum, move) => sum + move.count, 0);
  const columnTotal = (to: To) =>
    moves.filter((move) => move.to === to).reduce((sum, move) => sum + move.count, 0);
  const shownRows = rows.filter((row) => rowTotal(row) > 0);
  const shownColumns = columns.filter((column) => columnTotal(column) > 0);
  const total = moves.reduce((sum, move) => sum + move.count, 0);
  // The caption sits outside the box that scrolls on narrow screens, so that it stays readable.
  return (
    <div>
      <p id={`${testId}-caption`} className="mb-1 text-sm font-medium">
        {caption}
      </p>
      <div
        className="max-w-full overflow-x-auto rounded border border-gray-200"
        role="region"
        aria-labelledby={`${testId}-caption`}
        tabIndex={0}
      >
        <table className="w-full border-collapse text-left text-sm" data-testid={testId}>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-gray-300 bg-gray-50">
              <td className="px-3 py-2" />
              {shownColumns.map((column) => (
                <th key={column} scope="col" className="px-3 py-2 align-bottom">
                  {label(column)}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 align-bottom">
                {t("review.changes.moves.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {shownRows.map((row) => (
              <tr key={row} className="border-b border-gray-100">
                <th scope="row" className="px-3 py-2 font-medium">
                  {label(row)}
                </th>
                {shownColumns.map((column) => {
                  const value = count(row, column);
                  const moved = (row as string) !== column && value > 0;
                  return (
                    <td
                      key={column}
                      className={`px-3 py-2 tabular-nums ${moved ? "font-bold" : "text-gray-700"}`}
                      data-from={row}
                      data-to={column}
                    >
                      {value}
                    </td>
                  );
                })}
                <td className="px-3 py-2 tabular-nums">{rowTotal(row)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="bg-gray-50">
              <th scope="row" className="px-3 py-2">
                {t("review.changes.moves.total")}
              </th>
              {shownColumns.map((column) => {
                const value = columnTotal(column);
                return (
                  <td
                    key={column}
                    className="px-3 py-2 font-semibold tabular-nums"
                    data-total={column}
                  >
                    {columnHref ? (
                      <Link to={columnHref(column)} aria-label={columnLinkLabel?.(column, value)}>
                        {value}
                      </Link>
                    ) : (
                      value
                    )}
                  </td>
                );
              })}
              <td className="px-3 py-2 font-semibold tabular-nums">{total}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

function ChangeListSection({ data, reportsHref }: { data: ChangesData; reportsHref: string }) {
  const t = useT();
  const locale = useLocale();
  const { list } = data;
  return (
    <section aria-labelledby="change-list" className="space-y-4">
      <h2 id="change-list" className="text-2xl font-semibold">
        {t("review.changes.list.title")}
      </h2>
      {list.total === 0 ? (
        <p className="rounded border border-gray-200 p-4">{t("review.changes.list.none")}</p>
      ) : (
        <p data-testid="change-counts">
          {t("review.changes.list.counts", {
            status: list.statusChanges,
            official: list.officialChanges,
          })}
        </p>
      )}
      {list.more > 0 && (
        <p className="rounded border-l-4 border-brand bg-brand-light px-3 py-2" role="note">
          {t("review.changes.list.more", {
            shown: list.total - list.more,
            total: list.total,
            more: list.more,
          })}{" "}
          <Link to={reportsHref}>{t("review.changes.list.moreLink")}</Link>
        </p>
      )}
      {list.groups.map((group) => (
        <section
          key={group.source.code}
          aria-labelledby={`source-${group.source.code}`}
          className="rounded-lg border border-gray-200 p-4"
          data-testid="change-group"
          data-source={group.source.code}
        >
          <h3 id={`source-${group.source.code}`} className="text-lg font-semibold break-words">
            {t("review.changes.list.sourceHeading", {
              code: group.source.code,
              title: localizedTitle(locale, group.source),
            })}
          </h3>
          <ol className="mt-3 space-y-4">
            {group.changes.map((change) => (
              <ChangeItem key={change.id} change={change} t={t} />
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

function ChangeItem({ change, t }: { change: ChangeEntry; t: Translate }) {
  const locale = useLocale();
  const label = (value: string) =>
    change.kind === "status"
      ? t(`status.${value as Status}`)
      : value === "none"
        ? t("review.changes.moves.none_")
        : t(`officialStatus.${value as OfficialStatus}`);
  return (
    <li
      className="border-l-4 border-gray-200 pl-3"
      data-testid="change-entry"
      data-kind={change.kind}
    >
      <p className="text-sm text-gray-700">
        <time dateTime={change.date}>{formatDate(locale, change.date)}</time> ·{" "}
        {change.kind === "status"
          ? t("review.changes.list.statusChange")
          : t("review.changes.list.officialChange")}
      </p>
      <p className="break-words">
        <Link
          to={`/recommendations/${encodeURIComponent(change.item.id)}`}
          className="font-semibold"
        >
          {localizedTitle(locale, change.item)}
        </Link>
        <span className="block text-xs text-gray-700">
          {localizedReference(locale, change.item)}
        </span>
      </p>
      <p className="font-medium">
        {t("review.changes.list.fromTo", {
          from: label(change.fromValue),
          to: label(change.toValue),
        })}
      </p>
      {change.summary && (
        <p className="mt-1 text-sm break-words whitespace-pre-line">{change.summary}</p>
      )}
    </li>
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches, location }) => [
  ...titleMeta(loaderData),
  feedLinkMeta(matches, location.search),
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
