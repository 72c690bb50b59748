import { Link } from "react-router";
import type { Route } from "./+types/overview";
import { StatusBadge, StatusBar, statusOrder } from "#app/components/status-badge.tsx";
import { listQueryString } from "#app/modules/recommendations/list-query.ts";
import { getOverview } from "#app/modules/recommendations/overview.server.ts";
import { formatDate, localizedTitle, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { requireReader } from "#app/modules/auth/auth.server.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const t = translator(await getLocale(request));
  const overview = await getOverview();
  return { overview, pageTitle: t("home.title"), appName: t("app.name") };
}

export default function OverviewPage({ loaderData }: Route.ComponentProps) {
  const { overview } = loaderData;
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">{t("home.title")}</h1>
        <p className="mt-2 max-w-3xl text-gray-700">
          {t("home.intro", { count: overview.total, sources: overview.bySource.length })}
        </p>
      </header>

      <section aria-labelledby="by-status" className="rounded-lg border border-gray-200 p-4">
        <h2 id="by-status" className="text-xl font-semibold">
          {t("home.byStatus")}
        </h2>
        <div className="mt-3">
          <StatusBar counts={overview.byStatus} label={t("home.chartLabel")} />
        </div>
        <ul className="mt-4 grid gap-2 sm:grid-cols-3">
          {statusOrder.map((status) => (
            <li
              key={status}
              className="flex items-center justify-between gap-2 rounded border border-gray-100 px-3 py-2"
            >
              <StatusBadge status={status} />
              <Link to={`/recommendations${listQueryString({ status })}`} className="font-semibold">
                {overview.byStatus[status] ?? 0}
                <span className="sr-only"> – {t(`status.${status}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="recent" className="rounded-lg border border-gray-200 p-4">
          <h2 id="recent" className="text-xl font-semibold">
            {t("home.recent")}
          </h2>
          {overview.recent.length === 0 ? (
            <p className="mt-2 text-gray-700">{t("home.recentNone")}</p>
          ) : (
            <ul className="mt-2 space-y-3" data-testid="recent-changes">
              {overview.recent.map((change) => (
                <li key={change.id}>
                  <Link to={`/recommendations/${encodeURIComponent(change.recommendation.id)}`}>
                    {localizedTitle(locale, change.recommendation)}
                  </Link>
                  <p className="text-sm text-gray-700">
                    {formatDate(locale, change.occurredOn)} ·{" "}
                    {t("home.recentItem", {
                      from: t(`status.${change.fromStatus}`),
                      to: t(`status.${change.toStatus}`),
                    })}
                    {change.createdBy &&
                      ` · ${t("home.recentBy", { name: change.createdBy.name })}`}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="stale" className="rounded-lg border border-gray-200 p-4">
          <h2 id="stale" className="text-xl font-semibold">
            {t("home.staleTitle")}
          </h2>
          <p className="mt-2">{t("home.staleText", { count: overview.staleCount })}</p>
          {overview.staleCount > 0 && (
            <p className="mt-2">
              <Link to={`/recommendations${listQueryString({ stale: "1", sort: "updated" })}`}>
                {t("home.staleLink")}
              </Link>
            </p>
          )}
        </section>
      </div>

      <section aria-labelledby="by-source">
        <h2 id="by-source" className="text-xl font-semibold">
          {t("home.bySource")}
        </h2>
        <CountTable
          label={t("home.source")}
          rows={overview.bySource.map((source) => ({
            key: source.code,
            code: source.code,
            title: localizedTitle(locale, source),
            href: `/recommendations${listQueryString({ source: source.code })}`,
            counts: source.counts,
            total: source.total,
          }))}
        />
      </section>

      <section aria-labelledby="by-goal">
        <h2 id="by-goal" className="text-xl font-semibold">
          {t("home.byGoal")}
        </h2>
        <CountTable
          label={t("home.goal")}
          rows={overview.byGoal.map((goal) => ({
            key: goal.code,
            code: `${t("goalLevel.goal")} ${goal.code}`,
            title: localizedTitle(locale, goal),
            href: `/recommendations${listQueryString({ goal: goal.code })}`,
            counts: goal.counts,
            total: goal.total,
          }))}
        />
      </section>

      <p>
        <Link to="/recommendations" className="font-semibold">
          {t("home.viewAll")} ({overview.total})
        </Link>
      </p>
    </div>
  );
}

function CountTable({
  label,
  rows,
}: {
  label: string;
  rows: Array<{
    key: string;
    code: string;
    title: string;
    href: string;
    counts: Partial<Record<(typeof statusOrder)[number], number>>;
    total: number;
  }>;
}) {
  const t = useT();
  return (
    <table className="mt-3 w-full border-collapse text-left text-sm">
      <thead>
        <tr className="border-b border-gray-300">
          <th scope="col" className="py-2 pr-3">
            {label}
          </th>
          <th scope="col" className="w-1/3 py-2 pr-3">
            {t("home.status")}
          </th>
          <th scope="col" className="py-2 text-right">
            {t("home.count")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-gray-100 align-top">
            <td className="py-2 pr-3">
              <Link to={row.href} className="font-semibold">
                {row.code}
              </Link>
              <div className="text-gray-700">{row.title}</div>
            </td>
            <td className="py-3 pr-3">
              <StatusBar counts={row.counts} label={row.code} />
            </td>
            <td className="py-2 text-right font-semibold">{row.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);
