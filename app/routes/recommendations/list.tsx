import { Form, Link } from "react-router";
import type { Route } from "./+types/list";
import { pageRange, Pagination } from "#app/components/pagination.tsx";
import { StatusBadge, statusOrder } from "#app/components/status-badge.tsx";
import {
  listQueryString,
  parseListQuery,
  sortOptions,
  type ListQuery,
} from "#app/modules/recommendations/list-query.ts";
import {
  listFilterOptions,
  listRecommendations,
} from "#app/modules/recommendations/list.server.ts";
import { isStale } from "#app/modules/tracking/stale.ts";
import { badRequest } from "#app/utils/http.server.ts";
import { formatDate, localizedTitle, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { requireReader } from "#app/modules/auth/auth.server.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

const countries = ["US", "MX", "binational"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const locale = await getLocale(request);
  const parsed = parseListQuery(new URL(request.url).searchParams);
  if (!parsed.success) throw badRequest(parsed.field, parsed.message);
  const [page, options] = await Promise.all([
    listRecommendations(parsed.query, locale),
    listFilterOptions(),
  ]);
  const t = translator(locale);
  return {
    query: parsed.query,
    page,
    options,
    // One clock for server and browser, so "stale" marks agree after hydration.
    now: new Date().toISOString(),
    pageTitle: t("list.title"),
    appName: t("app.name"),
  };
}

const selectClass = "mt-1 block w-full rounded border border-gray-400 bg-white px-2 py-1.5 text-sm";

export default function RecommendationListPage({ loaderData }: Route.ComponentProps) {
  const { query, page, options } = loaderData;
  const now = new Date(loaderData.now);
  const t = useT();
  const locale = useLocale();
  const { from, to } = pageRange(page);
  const hasFilters = Boolean(
    query.q ||
    query.source ||
    query.goal ||
    query.actor ||
    query.country ||
    query.status ||
    query.stale,
  );
  const { page: _page, ...withoutPage } = query;
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("list.title")}</h1>

      <Form
        key={listQueryString(query)}
        method="get"
        className="mt-4 rounded-lg border border-gray-200 bg-gray-50 p-4"
        role="search"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div className="text-sm font-medium sm:col-span-2">
            <label htmlFor="filter-q">{t("list.search")}</label>
            <input
              id="filter-q"
              type="search"
              name="q"
              defaultValue={query.q ?? ""}
              placeholder={t("list.searchPlaceholder")}
              className={selectClass}
            />
          </div>
          <FilterSelect name="source" label={t("list.source")} value={query.source}>
            {options.sources.map((source) => (
              <option key={source.code} value={source.code}>
                {source.code}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="goal" label={t("list.goal")} value={query.goal}>
            {options.goals.map((goal) => (
              <option key={goal.code} value={goal.code}>
                {goal.code} – {localizedTitle(locale, goal)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="actor" label={t("list.actor")} value={query.actor}>
            {options.actors.map((actor) => (
              <option key={actor.code} value={actor.code}>
                {actor.code} – {locale === "es" && actor.nameEs ? actor.nameEs : actor.name}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="country" label={t("list.country")} value={query.country}>
            {countries.map((country) => (
              <option key={country} value={country}>
                {t(`country.${country}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="status" label={t("list.status")} value={query.status}>
            {statusOrder.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </FilterSelect>
          <div className="text-sm font-medium">
            <label htmlFor="filter-sort">{t("list.sort")}</label>
            <select id="filter-sort" name="sort" defaultValue={query.sort} className={selectClass}>
              {sortOptions.map((option) => (
                <option key={option} value={option}>
                  {t(`list.sortOptions.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="mt-3 flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="stale" value="1" defaultChecked={query.stale === "1"} />
          {t("list.onlyStale")}
        </label>
        <div className="mt-3 flex items-center gap-4">
          <button
            type="submit"
            className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("list.apply")}
          </button>
          {hasFilters && (
            <Link to="/recommendations" className="text-sm">
              {t("list.clear")}
            </Link>
          )}
        </div>
      </Form>

      <p className="mt-4 text-sm text-gray-700" role="status">
        {t("list.showing", { from, to, total: page.total })}
      </p>

      {page.items.length === 0 ? (
        <p className="mt-6 rounded border border-gray-200 p-6 text-center">{t("list.none")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
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
                  {t("list.columns.status")}
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
                    <Link
                      to={`/recommendations/${encodeURIComponent(item.id)}`}
                      className="font-semibold"
                    >
                      {localizedTitle(locale, item)}
                    </Link>
                    <div className="text-xs text-gray-700">{item.reference}</div>
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    <abbr title={localizedTitle(locale, item.source)} className="no-underline">
                      {item.source.code}
                    </abbr>
                  </td>
                  <td className="py-2 pr-3">
                    {item.actors.map((actor) => (
                      <abbr
                        key={actor.code}
                        title={locale === "es" && actor.nameEs ? actor.nameEs : actor.name}
                        className="mr-1 inline-block no-underline"
                      >
                        {actor.code}
                      </abbr>
                    ))}
                  </td>
                  <td className="py-2 pr-3">
                    <StatusBadge status={item.status} />
                  </td>
                  <td className="py-2 whitespace-nowrap">
                    {formatDate(locale, item.lastActivityAt)}
                    {isStale(item.lastVerifiedAt, now) && (
                      <span
                        className="mt-1 block text-xs font-semibold text-gray-700"
                        data-testid="stale-mark"
                      >
                        {t("list.stale")}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        href={(p) =>
          `/recommendations${listQueryString({ ...withoutPage, page: p } satisfies Partial<ListQuery>)}`
        }
      />
    </div>
  );
}

function FilterSelect({
  name,
  label,
  value,
  children,
}: {
  name: string;
  label: string;
  value: string | undefined;
  children: React.ReactNode;
}) {
  const t = useT();
  return (
    <div className="text-sm font-medium">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={selectClass}>
        <option value="">{t("list.any")}</option>
        {children}
      </select>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);
