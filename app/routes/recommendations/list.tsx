import { Link } from "react-router";
import type { Route } from "./+types/list";
import { EmbedCode } from "#app/components/embed/embed-code.tsx";
import { actorNameOf, FollowForm } from "#app/components/follow/follow-form.tsx";
import { followTargetOfFilters } from "#app/modules/follow/targets.ts";
import { getEnv } from "#app/utils/env.server.ts";
import {
  FilterDate,
  FilterForm,
  FilterSelect,
  ParamErrorText,
} from "#app/components/filters/filter-form.tsx";
import { pageRange, Pagination } from "#app/components/pagination.tsx";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { hasFilters } from "#app/modules/recommendations/filters.ts";
import {
  listQueryString,
  parseListQuery,
  sortOptions,
  type ListQuery,
} from "#app/modules/recommendations/list-query.ts";
import {
  listFilterOptions,
  listRecommendations,
  type ListItem,
} from "#app/modules/recommendations/list.server.ts";
import { isStale } from "#app/modules/tracking/stale.ts";
import { AsOfCorrections } from "#app/components/as-of-corrections.tsx";
import { countRecordedAfter } from "#app/modules/recommendations/as-of.server.ts";
import {
  actorLabel,
  formatDate,
  formatDayOf,
  localizedReference,
  localizedTitle,
  useLocale,
  useT,
} from "#app/utils/i18n.ts";
import { loadCatalogueView } from "#app/modules/recommendations/catalogue-view.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { feedLinkMeta } from "#app/components/feed-link.tsx";
import { currentDay } from "#app/utils/dates.ts";

export function loader(args: Route.LoaderArgs) {
  return loadCatalogueView(args, "list.title", async ({ params, locale, t, now }) => {
    const { query, errors } = parseListQuery(params);
    const [page, options, corrections] = await Promise.all([
      listRecommendations(query, locale),
      listFilterOptions(),
      countRecordedAfter(query, query.asOf ?? null, now),
    ]);
    return {
      query,
      errors,
      page,
      options,
      corrections,
      // One clock for server and browser, so "stale" marks agree after hydration.
      now: now.toISOString(),
      pageDescription: t("list.metaDescription"),
      // Embeds are for anonymous readers: offered only when the catalogue is public.
      embeds: getEnv().PUBLIC_READ,
    };
  });
}

export default function RecommendationListPage({ loaderData }: Route.ComponentProps) {
  const { query, errors, page, options, corrections } = loaderData;
  const now = new Date(loaderData.now);
  const t = useT();
  const locale = useLocale();
  const { from, to } = pageRange(page);
  const filtered = hasFilters(query) || Boolean(query.stale || query.asOf);
  const { page: _page, ...withoutPage } = query;
  // A list filtered by exactly one source stands for that source (it has no page of its own).
  const embedSource =
    loaderData.embeds && query.source
      ? options.sources.find((source) => source.code.toLowerCase() === query.source?.toLowerCase())
      : undefined;
  // Each item's day of last update, formatted once for both layouts (cards and table): the Intl
  // calls behind it were the largest cost of rendering a row.
  const updated = new Map(
    page.items.map((item) => [item.id, formatDayOf(locale, item.lastActivityAt)]),
  );
  return (
    <div>
      <h1 className="text-2xl font-bold break-words sm:text-3xl">{t("list.title")}</h1>
      {query.asOf && (
        <p className="mt-2 rounded border-l-4 border-brand bg-brand-light px-3 py-2" role="note">
          {t("list.asOfNotice", { date: formatDate(locale, query.asOf) })}{" "}
          <Link to={`/recommendations${listQueryString({ ...withoutPage, asOf: undefined })}`}>
            {t("list.asOfToday")}
          </Link>
        </p>
      )}
      {query.asOf && <AsOfCorrections count={corrections} date={query.asOf} />}

      <FilterForm
        key={listQueryString(query)}
        action="/recommendations"
        values={query}
        errors={errors}
        options={options}
        clearHref={filtered ? "/recommendations" : undefined}
      >
        <FilterSelect
          name="sort"
          label={t("list.sort")}
          value={query.sort}
          errors={errors}
          any={false}
        >
          {sortOptions.map((option) => (
            <option key={option} value={option}>
              {t(`list.sortOptions.${option}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="stale" label={t("list.check")} value={query.stale} errors={errors}>
          <option value="1">{t("list.checkOptions.overdue")}</option>
          <option value="never">{t("list.checkOptions.never")}</option>
        </FilterSelect>
        <FilterDate
          name="asOf"
          label={t("filters.asOf")}
          hint={t("filters.asOfHint")}
          value={query.asOf}
          max={currentDay(now)}
          errors={errors}
        />
      </FilterForm>

      {page.requestedPage !== undefined && (
        <p className="mt-4 rounded border-l-4 border-brand bg-brand-light px-3 py-2" role="note">
          {t("list.pastEnd", { requested: page.requestedPage, last: page.pageCount })}
        </p>
      )}
      {errors.page && (
        <div className="mt-4">
          <ParamErrorText id="list-page-error" error={errors.page} />
        </div>
      )}

      <p className="mt-4 text-sm text-gray-700" role="status">
        {t("list.showing", { from, to, total: page.total })}
      </p>

      {page.items.length === 0 ? (
        <p className="mt-6 rounded border border-gray-200 p-6 text-center">{t("list.none")}</p>
      ) : (
        <>
          {/* Phones: one card per item. */}
          <ul className="mt-2 space-y-3 sm:hidden" data-testid="recommendation-cards">
            {page.items.map((item) => (
              <li
                key={item.id}
                className="rounded-lg border border-gray-200 p-3"
                data-testid="recommendation-card"
              >
                <ItemTitle item={item} />
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-gray-700">{t("list.columns.source")}</dt>
                  <dd>{item.source.code}</dd>
                  {item.actors.length > 0 && (
                    <>
                      <dt className="text-gray-700">{t("list.columns.actors")}</dt>
                      <dd className="break-words">
                        <ActorNames actors={item.actors} />
                      </dd>
                    </>
                  )}
                  <dt className="text-gray-700">{t("list.columns.status")}</dt>
                  <dd>
                    <StatusBadge status={item.status} />
                  </dd>
                  <dt className="text-gray-700">{t("list.columns.updated")}</dt>
                  <dd>
                    <LastUpdate item={item} day={updated.get(item.id) ?? ""} now={now} />
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
          <table className="mt-2 hidden w-full border-collapse text-left text-sm sm:table">
            <caption className="sr-only">{t("list.tableCaption")}</caption>
            <thead>
              <tr className="border-b border-gray-300">
                <th scope="col" className="py-2 pr-3">
                  {t("list.columns.title")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("list.columns.source")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("list.columns.actors")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {query.asOf
                    ? t("list.columns.statusOn", { date: formatDate(locale, query.asOf) })
                    : t("list.columns.status")}
                </th>
                <th scope="col" className="py-2">
                  {t("list.columns.updated")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((item) => (
                <tr
                  key={item.id}
                  className="border-b border-gray-100 align-top"
                  data-testid="recommendation-row"
                >
                  <td className="py-2 pr-3">
                    <ItemTitle item={item} />
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    <abbr title={localizedTitle(locale, item.source)} className="no-underline">
                      {item.source.code}
                    </abbr>
                  </td>
                  <td className="py-2 pr-3">
                    <ActorNames actors={item.actors} />
                  </td>
                  <td className="py-2 pr-3">
                    <StatusBadge status={item.status} />
                  </td>
                  <td className="py-2 whitespace-nowrap">
                    <LastUpdate item={item} day={updated.get(item.id) ?? ""} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        href={(p) =>
          `/recommendations${listQueryString({ ...withoutPage, page: p } satisfies Partial<ListQuery>)}`
        }
      />

      <FollowForm
        key={`follow${listQueryString(query)}`}
        target={followTargetOfFilters(query)}
        actorName={actorNameOf(options.actors, query.actor, locale)}
      />

      {embedSource && (
        <div className="mt-6">
          <EmbedCode kind="sources" code={embedSource.code} title={embedSource.code} />
        </div>
      )}
    </div>
  );
}

function ItemTitle({ item }: { item: ListItem }) {
  const locale = useLocale();
  return (
    <>
      <Link to={`/recommendations/${encodeURIComponent(item.id)}`} className="font-semibold">
        {localizedTitle(locale, item)}
      </Link>
      <div className="text-xs text-gray-700">{localizedReference(locale, item)}</div>
    </>
  );
}

function ActorNames({ actors }: { actors: ListItem["actors"] }) {
  const locale = useLocale();
  return actors.map((actor, index) => {
    const name = locale === "es" && actor.nameEs ? actor.nameEs : actor.name;
    const separator = index < actors.length - 1 ? ", " : "";
    // An abbreviation carries the full name for those who point at it; a name is shown whole.
    return actor.abbreviation ? (
      <span key={actor.code}>
        <abbr title={name} className="no-underline">
          {actorLabel(locale, actor)}
        </abbr>
        {separator}
      </span>
    ) : (
      <span key={actor.code}>
        {name}
        {separator}
      </span>
    );
  });
}

function LastUpdate({ item, day, now }: { item: ListItem; day: string; now: Date }) {
  const t = useT();
  return (
    <>
      {day}
      {isStale(item.lastVerifiedAt, now) && (
        <span className="mt-1 block text-xs font-semibold text-gray-700" data-testid="stale-mark">
          {t("list.stale")}
        </span>
      )}
    </>
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches, location }) => [
  ...titleMeta(loaderData),
  feedLinkMeta(matches, location.search),
];
