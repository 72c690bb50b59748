import { Link } from "react-router";
import type { Route } from "./+types/overview";
import { EmbedCode } from "#app/components/embed/embed-code.tsx";
import { actorNameOf, FollowForm } from "#app/components/follow/follow-form.tsx";
import { followTargetOfFilters } from "#app/modules/follow/targets.ts";
import { getEnv } from "#app/utils/env.server.ts";
import {
  StackedBar,
  StackedBarChart,
  type BarRow,
} from "#app/components/charts/stacked-bar-chart.tsx";
import { StatusOverTimeChart } from "#app/components/charts/status-over-time-chart.tsx";
import {
  StatusLegend,
  StatusPatternDefs,
  StatusSwatch,
} from "#app/components/charts/status-patterns.tsx";
import { describeFilters, FilterDate, FilterForm } from "#app/components/filters/filter-form.tsx";
import { statusOrder } from "#app/components/status-badge.tsx";
import { AsOfCorrections } from "#app/components/as-of-corrections.tsx";
import { countRecordedAfter } from "#app/modules/recommendations/as-of.server.ts";
import type { Status } from "#app/generated/prisma/enums.ts";
import { loadCatalogueView } from "#app/modules/recommendations/catalogue-view.server.ts";
import {
  hasFilters,
  parseFiltersAsOf,
  queryString,
  type ItemFilters,
} from "#app/modules/recommendations/filters.ts";
import { listQueryString } from "#app/modules/recommendations/list-query.ts";
import {
  getDashboard,
  type ChartRow,
  type Dashboard,
} from "#app/modules/recommendations/overview.server.ts";
import { actorLabel, formatDate, localizedTitle, useLocale, useT } from "#app/utils/i18n.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { feedLinkMeta } from "#app/components/feed-link.tsx";
import { currentDay } from "#app/utils/dates.ts";

export function loader(args: Route.LoaderArgs) {
  return loadCatalogueView(args, "dashboard.title", async ({ params, now }) => {
    // Bad values are left out and shown next to their field; the rest of the view stays.
    const { filters, asOf, errors } = parseFiltersAsOf(params, now);
    const [dashboard, corrections] = await Promise.all([
      getDashboard(filters, asOf, now),
      countRecordedAfter(filters, asOf, now),
    ]);
    return {
      filters,
      asOf,
      errors,
      dashboard,
      corrections,
      today: currentDay(now),
      // Embeds are for anonymous readers: offered only when the catalogue is public.
      embeds: getEnv().PUBLIC_READ,
    };
  });
}

export default function OverviewPage({ loaderData }: Route.ComponentProps) {
  const { filters, asOf, errors, dashboard, corrections, today } = loaderData;
  const t = useT();
  const locale = useLocale();
  /** The list of the dashboard's items (on its date), narrowed further by `extra`. */
  const listHref = (extra: Partial<ItemFilters>) =>
    `/recommendations${listQueryString({ ...filters, ...extra, ...(asOf ? { asOf } : {}) })}`;
  const barRows = (
    rows: ChartRow[],
    key: "source" | "goal" | "actor",
    name = (row: ChartRow) => row.code,
  ) =>
    rows.map((row): BarRow => ({
      key: row.code,
      name: name(row),
      // Said once: a row named by its title needs no description.
      description:
        name(row) === localizedTitle(locale, row) ? undefined : localizedTitle(locale, row),
      href: listHref({ [key]: row.value }),
      counts: row.counts,
      segmentHref: (status: Status) => listHref({ [key]: row.value, status }),
    }));
  const described = describeFilters(filters, t, locale, dashboard.menus);
  // An overview filtered by exactly one goal stands for that goal (it has no page of its own).
  const embedGoal =
    loaderData.embeds && filters.goal
      ? dashboard.menus.goals.find(
          (goal) => goal.code.toLowerCase() === filters.goal?.toLowerCase(),
        )
      : undefined;
  const sources = dashboard.bySource.length;
  const hasItems = dashboard.total > 0;
  return (
    <div className="space-y-8">
      <StatusPatternDefs />
      <header>
        <h1 className="text-3xl font-bold">{t("dashboard.title")}</h1>
        <p className="mt-2 text-lg" data-testid="dashboard-summary">
          {t("dashboard.summary.line", {
            items: t(
              dashboard.total === 1 ? "dashboard.summary.itemsOne" : "dashboard.summary.itemsOther",
              { count: dashboard.total },
            ),
            sources: t(
              sources === 1 ? "dashboard.summary.sourcesOne" : "dashboard.summary.sourcesOther",
              { count: sources },
            ),
          })}
          .{" "}
          {t(asOf ? "dashboard.summary.asOf" : "dashboard.summary.today", {
            date: formatDate(locale, dashboard.date),
          })}
          {asOf && (
            <>
              {" "}
              <Link to={`/${queryString({ ...filters })}`} className="text-base print:hidden">
                {t("dashboard.summary.backToToday")}
              </Link>
            </>
          )}
        </p>
        {described.length > 0 && (
          <p className="mt-1 text-sm text-gray-800" data-testid="dashboard-filters">
            {t("dashboard.summary.filteredBy")}:{" "}
            {described.map((part) => `${part.label}: ${part.value}`).join(" · ")}
          </p>
        )}
        {asOf && <AsOfCorrections count={corrections} date={asOf} />}
      </header>

      <FilterForm
        key={queryString({ ...filters, asOf })}
        action="/"
        values={filters}
        errors={errors}
        options={dashboard.menus}
        clearHref={hasFilters(filters) || asOf ? "/" : undefined}
      >
        <FilterDate
          name="asOf"
          label={t("filters.asOf")}
          hint={t("filters.asOfHint")}
          value={asOf}
          max={today}
          errors={errors}
        />
      </FilterForm>

      <section aria-labelledby="by-status" className="chart-section" data-testid="chart-by-status">
        <h2 id="by-status" className="text-xl font-semibold">
          {t("dashboard.headline.title")}
        </h2>
        <span id="by-status-bar" className="sr-only">
          {t("dashboard.charts.captions.byStatus")}
        </span>
        <div className="mt-3">
          <StackedBar
            counts={dashboard.byStatus}
            name={t("dashboard.charts.captions.byStatus")}
            segmentHref={(status) => listHref({ status })}
            labelledBy="by-status-bar"
            height={28}
          />
        </div>
        <ul
          aria-label={t("dashboard.headline.legend")}
          className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3"
          data-testid="status-legend"
        >
          {statusOrder.map((status) => {
            const count = dashboard.byStatus[status] ?? 0;
            const text = `${t(`status.${status}`)}: ${count}`;
            return (
              <li key={status} className="flex items-center gap-2 text-sm">
                <StatusSwatch status={status} />
                {count > 0 ? <Link to={listHref({ status })}>{text}</Link> : <span>{text}</span>}
              </li>
            );
          })}
        </ul>
      </section>

      <ChartSection id="by-source" title={t("dashboard.charts.bySource")}>
        {dashboard.bySource.length === 0 ? (
          <NoItems />
        ) : (
          <StackedBarChart
            testId="chart-by-source"
            rows={barRows(dashboard.bySource, "source")}
            caption={t("dashboard.charts.captions.bySource")}
            nameHeader={t("dashboard.charts.columns.source")}
          />
        )}
      </ChartSection>

      <ChartSection
        id="by-goal"
        title={t("dashboard.charts.byGoal")}
        note={
          filters.goal ? t("dashboard.charts.byGoalFiltered") : t("dashboard.charts.byGoalNote")
        }
      >
        {dashboard.byGoal.length === 0 || !hasItems ? (
          <NoItems />
        ) : (
          <StackedBarChart
            testId="chart-by-goal"
            rows={barRows(dashboard.byGoal, "goal", (row) =>
              t("dashboard.charts.goal", { code: row.code }),
            )}
            caption={t("dashboard.charts.captions.byGoal")}
            nameHeader={t("dashboard.charts.columns.goal")}
          />
        )}
      </ChartSection>

      <ChartSection
        id="by-actor"
        title={t("dashboard.charts.byActor")}
        note={
          filters.actor ? t("dashboard.charts.byActorFiltered") : t("dashboard.charts.byActorNote")
        }
      >
        {dashboard.byActor.length === 0 ? (
          <NoItems />
        ) : (
          <StackedBarChart
            testId="chart-by-actor"
            rows={barRows(dashboard.byActor, "actor", (row) =>
              actorLabel(locale, {
                name: row.title,
                nameEs: row.titleEs,
                abbreviation: row.abbreviation,
              }),
            )}
            caption={t("dashboard.charts.captions.byActor")}
            nameHeader={t("dashboard.charts.columns.actor")}
          />
        )}
      </ChartSection>

      <section aria-labelledby="over-time" className="chart-section">
        <h2 id="over-time" className="text-xl font-semibold">
          {t("dashboard.overTime.title")}
        </h2>
        <StatusOverTimeChart points={dashboard.overTime} />
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <RecentChanges recent={dashboard.recent} asOf={asOf} filters={filters} />
        <section
          aria-labelledby="stale"
          className="rounded-lg border border-gray-200 p-4 print:border-0 print:p-0"
        >
          <h2 id="stale" className="text-xl font-semibold">
            {t("dashboard.stale.title")}
          </h2>
          <p className="mt-2" data-testid="stale-count">
            {dashboard.staleCount === 0
              ? t("dashboard.stale.none")
              : t(
                  dashboard.staleCount === 1
                    ? "dashboard.stale.textOne"
                    : "dashboard.stale.textOther",
                  { count: dashboard.staleCount },
                )}
          </p>
          {dashboard.staleCount > 0 && (
            <p className="mt-2 print:hidden">
              <Link
                to={`/recommendations${listQueryString({ ...filters, stale: "1", sort: "updated" })}`}
              >
                {t("dashboard.stale.link")}
              </Link>
            </p>
          )}
          <p className="mt-4" data-testid="never-checked-count">
            {t(
              dashboard.neverCheckedCount === 1
                ? "dashboard.stale.neverOne"
                : "dashboard.stale.neverOther",
              { count: dashboard.neverCheckedCount },
            )}
          </p>
          {dashboard.neverCheckedCount > 0 && (
            <p className="mt-2 print:hidden">
              <Link to={`/recommendations${listQueryString({ ...filters, stale: "never" })}`}>
                {t("dashboard.stale.neverLink")}
              </Link>
            </p>
          )}
        </section>
      </div>

      <ul className="flex flex-wrap gap-x-6 gap-y-2 print:hidden">
        <li>
          <Link to={listHref({})} className="font-semibold">
            {t("dashboard.viewAll", { count: dashboard.total })}
          </Link>
        </li>
        <li>
          <Link
            to={`/reports${queryString({ ...filters, ...(asOf ? { asOf } : {}) })}`}
            className="font-semibold"
            data-testid="report-of-view"
          >
            {t("dashboard.reportOfView")}
          </Link>
        </li>
      </ul>

      <FollowForm
        key={`follow${queryString({ ...filters })}`}
        target={followTargetOfFilters(filters)}
        actorName={actorNameOf(dashboard.menus.actors, filters.actor, locale)}
      />

      {embedGoal && (
        <div className="mt-6">
          <EmbedCode kind="goals" code={embedGoal.code} title={embedGoal.code} />
        </div>
      )}
    </div>
  );
}

function RecentChanges({
  recent,
  asOf,
  filters,
}: {
  recent: Dashboard["recent"];
  asOf: string | null;
  filters: ItemFilters;
}) {
  const t = useT();
  const locale = useLocale();
  const shown = recent.items.length;
  return (
    <section
      aria-labelledby="recent"
      className="rounded-lg border border-gray-200 p-4 print:border-0 print:p-0"
    >
      <h2 id="recent" className="text-xl font-semibold">
        {asOf
          ? t("dashboard.recent.titleAsOf", { date: formatDate(locale, recent.to) })
          : t("dashboard.recent.title")}
      </h2>
      {recent.total === 0 ? (
        <p className="mt-2 text-gray-700">{t("dashboard.recent.none")}</p>
      ) : (
        <>
          <p className="mt-2 text-sm text-gray-700" data-testid="recent-count">
            {recent.total === 1
              ? t("dashboard.recent.countOne")
              : recent.total > shown
                ? t("dashboard.recent.countSome", { count: recent.total, shown })
                : t("dashboard.recent.countAll", { count: recent.total })}
          </p>
          <ol className="mt-2 space-y-3" data-testid="recent-changes">
            {recent.items.map((change) => (
              <li key={change.id}>
                <Link to={`/recommendations/${encodeURIComponent(change.recommendation.id)}`}>
                  {localizedTitle(locale, change.recommendation)}
                </Link>
                <p className="text-sm text-gray-700">
                  <time dateTime={change.occurredOn}>{formatDate(locale, change.occurredOn)}</time>{" "}
                  ·{" "}
                  {t("dashboard.recent.change", {
                    from: t(`status.${change.fromStatus}`),
                    to: t(`status.${change.toStatus}`),
                  })}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      <p className="mt-3 print:hidden">
        <Link
          to={`/changes${queryString({ from: recent.from, ...(asOf ? { to: recent.to } : {}), ...filters })}`}
        >
          {t("dashboard.recent.seeAll")}
        </Link>
      </p>
    </section>
  );
}

/** A chart's section: its heading, a note on how it counts, the status legend and the chart. */
function ChartSection({
  id,
  title,
  note,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="chart-section">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {note && <p className="mt-1 text-sm text-gray-700">{note}</p>}
      <div className="mt-2">
        <StatusLegend />
      </div>
      {children}
    </section>
  );
}

function NoItems() {
  const t = useT();
  return <p className="mt-3 text-gray-700">{t("dashboard.charts.none")}</p>;
}

export const meta: Route.MetaFunction = ({ loaderData, matches, location }) => [
  ...titleMeta(loaderData),
  feedLinkMeta(matches, location.search),
];
